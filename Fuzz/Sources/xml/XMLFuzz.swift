import Converters
import FuzzSupport
import JSON
import Schemas

/// The XML container on arbitrary bytes (libxml2 through `XMLFrameReader`). Properties: no
/// crash; every record the mapping accepts is valid JSON; the reader stops at a fault or the
/// end, never loops.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = fuzzBytes(data, size)
    let reader = FrameReader(source: MemorySource(input), container: .xml, maxRecordBytes: 1 << 16)
    var parser = JSONParser()
    var records = 0
    do {
        while let frame = try reader.next() {
            records += 1
            fuzzCheck(records <= input.count + 1, "more records than input bytes")
            guard frame.rejectReason == nil, !frame.isOversized else { continue }
            do {
                _ = try parser.parse(frame.bytes)
            } catch {
                fuzzCheck(false, "record \(frame.number) maps to invalid JSON: \(error)")
            }
        }
    } catch {
        // A fault is a fine outcome for arbitrary bytes.
    }
    return 0
}
