import Converters
import FuzzSupport
import JSON
import Schemas

/// The strict JSON parser on arbitrary bytes. Properties: no crash; whatever parses, written
/// back by `JSONWriter`, parses to the same value and writes to the same bytes (exact numbers,
/// key order, escapes all survive).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = fuzzBytes(data, size)
    var parser = JSONParser()
    let parsed = input.withUnsafeBytes { bytes -> JSONValue? in try? parser.parse(bytes) }
    guard let value = parsed else { return 0 }
    var written: [UInt8] = []
    JSONWriter.write(value, to: &written)
    let again = written.withUnsafeBytes { bytes -> JSONValue? in try? parser.parse(bytes) }
    fuzzCheck(again == value, "written value does not parse back the same: \(String(decoding: written, as: UTF8.self))")
    var rewritten: [UInt8] = []
    if let again { JSONWriter.write(again, to: &rewritten) }
    fuzzCheck(rewritten == written, "writing is not stable")
    return 0
}
