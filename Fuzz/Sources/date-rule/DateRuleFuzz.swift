import FuzzSupport
import JSON
import Schemas

/// The date rule on arbitrary text, as a timestamp and as a `dob`. Properties: no crash; a
/// rewritten value is canonical (checking it again is `.ok`), so a second run counts nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    let validator = ProfileValidator()
    for field in [CheckedField.createdAt, .dob] {
        if case .normalised(let canonical) = validator.check(field, text) {
            let again = validator.check(field, canonical)
            fuzzCheck(again == .ok, "\(field) \(text.debugDescription) -> \(canonical.debugDescription) -> \(again)")
        }
    }
    return 0
}
