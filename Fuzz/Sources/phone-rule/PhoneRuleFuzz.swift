import FuzzSupport
import JSON
import Schemas

/// The phone rule on arbitrary text, without a default region and with one (picked by the
/// first byte). Properties: no crash; a rewritten number is canonical (`.ok` when checked again).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let all = fuzzBytes(data, size)
    guard let first = all.first else { return 0 }
    let regions = ["US", "DE", "GB", "FR", "IN", "BR", "JP", "IT"]
    let region = first & 0x80 == 0 ? nil : PhoneRegion(regions[Int(first) % regions.count])
    let text = String(decoding: all.dropFirst(), as: UTF8.self)
    let validator = ProfileValidator(defaultRegion: region)
    if case .normalised(let canonical) = validator.check(.phone, text) {
        let again = validator.check(.phone, canonical)
        fuzzCheck(again == .ok, "\(text.debugDescription) -> \(canonical.debugDescription) -> \(again)")
    }
    return 0
}
