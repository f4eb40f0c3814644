/// Braze's e-mail rules: one `@`, a local part of 1-64 characters, no whitespace, and a DNS
/// domain (no IP literal). Written with the domain lower-cased.
enum EmailRule {
    static func check(_ value: String) -> FieldCheck {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .invalid(.invalidEmail) }
        let local = parts[0]
        let domain = parts[1]
        guard (1...64).contains(local.count),
            !value.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }),
            isDNSName(domain)
        else { return .invalid(.invalidEmail) }
        let lowered = FieldText.asciiLowercased(String(domain))
        return lowered == domain ? .ok : .normalised(local + "@" + lowered)
    }

    /// Labels of letters, digits and hyphens (or non-ASCII, for IDNs), not starting or ending
    /// with a hyphen, at least two labels, and a top-level label that is not all digits.
    private static func isDNSName(_ domain: Substring) -> Bool {
        guard domain.utf8.count <= 253 else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last else { return false }
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-" else {
                return false
            }
            for b in label.utf8 where b < 0x80 {
                let isAlnum = (b &- 48 < 10) || ((b | 0x20) &- 97 < 26)
                if !isAlnum && b != UInt8(ascii: "-") { return false }
            }
        }
        return !tld.utf8.allSatisfy { $0 &- 48 < 10 }
    }
}
