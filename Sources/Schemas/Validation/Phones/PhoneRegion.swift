import JSON
/// A region of libphonenumber's metadata, for reading national numbers (`--default-region`).
public struct PhoneRegion: Sendable, Equatable {
    /// The upper-case region code: ISO 3166-1 alpha-2, plus libphonenumber's AC, TA and XK.
    public let code: String
    let callingCode: Int
    /// The national (trunk) prefix as digit values, empty when the region has none.
    let nationalPrefix: [UInt8]

    init(code: String, callingCode: Int, nationalPrefix: [UInt8]) {
        self.code = code
        self.callingCode = callingCode
        self.nationalPrefix = nationalPrefix
    }

    /// A region code in any case; nil when the phone table does not know it. `UK` is `GB`, as
    /// in the country field: ISO 3166-1 reserves UK for the United Kingdom, and people write it.
    public init?(_ code: String) {
        guard code.utf8.count == 2 else { return nil }
        var upper = String(decoding: code.utf8.map { $0 &- 97 < 26 ? $0 & 0xDF : $0 }, as: UTF8.self)
        if upper == "UK" { upper = "GB" }
        guard let region = PhonePlan.shared.regions[upper] else { return nil }
        self = region
    }
}
