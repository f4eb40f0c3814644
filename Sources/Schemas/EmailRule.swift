/// Braze's e-mail rules: one `@`, a local part of 1-64 characters, no whitespace, and a DNS
/// domain (no IP literal). Written with the domain lower-cased. Works on UTF-8 bytes: this
/// runs for nearly every record.
enum EmailRule {
    static func check(_ value: String) -> FieldCheck {
        let bytes = Array(value.utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")),
            bytes[(at + 1)...].firstIndex(of: UInt8(ascii: "@")) == nil
        else { return .invalid(.invalidEmail) }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, characterCount(local) <= 64, !hasWhitespace(bytes), isDNSName(domain) else {
            return .invalid(.invalidEmail)
        }
        guard domain.contains(where: { $0 &- 65 < 26 }) else { return .ok }
        var lowered = Array(local)
        lowered.append(UInt8(ascii: "@"))
        lowered.append(contentsOf: domain.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 })
        return .normalised(String(decoding: lowered, as: UTF8.self))
    }

    /// Characters of a local part: ASCII bytes, or Unicode characters when there are others.
    private static func characterCount(_ bytes: ArraySlice<UInt8>) -> Int {
        if bytes.allSatisfy({ $0 < 0x80 }) { return bytes.count }
        return String(decoding: bytes, as: UTF8.self).count
    }

    private static func hasWhitespace(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { return true }
        guard bytes.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { $0.properties.isWhitespace }
    }

    /// Labels of letters, digits and hyphens (or non-ASCII, for IDNs), not starting or ending
    /// with a hyphen, at least two labels, and a top-level label that is not all digits.
    private static func isDNSName(_ domain: ArraySlice<UInt8>) -> Bool {
        guard domain.count <= 253 else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last else { return false }
        for label in labels {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"),
                label.last != UInt8(ascii: "-")
            else { return false }
            for b in label where b < 0x80 {
                let isAlnum = (b &- 48 < 10) || ((b | 0x20) &- 97 < 26)
                if !isAlnum && b != UInt8(ascii: "-") { return false }
            }
        }
        return !tld.allSatisfy { $0 &- 48 < 10 }
    }
}
