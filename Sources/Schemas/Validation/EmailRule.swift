import JSON
/// Braze's e-mail rules: one `@`, a local part of 1-64 characters, no whitespace, and a DNS
/// domain (no IP literal). Written with the domain lower-cased. Works on UTF-8 bytes: this
/// runs for nearly every record.
enum EmailRule {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    static func check(_ value: String) -> FieldCheck {
        // Native strings lend their UTF-8 storage: no copy for the common, valid case.
        if let result = value.utf8.withContiguousStorageIfAvailable(check) { return result }
        return Array(value.utf8).withUnsafeBufferPointer(check)
    }

    private static func check(_ bytes: Bytes) -> FieldCheck {
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
    private static func characterCount(_ bytes: Slice<Bytes>) -> Int {
        // Scalars (bytes that start one) bound characters from above: count characters only
        // when the bound says it matters.
        let scalars = bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        if scalars <= 64 { return scalars }
        return String(decoding: bytes, as: UTF8.self).count
    }

    /// ASCII controls and space, and the non-ASCII White_Space characters (U+0085, U+00A0,
    /// U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), found by their UTF-8
    /// bytes: names with accents are common and Unicode property lookups cost more.
    private static func hasWhitespace(_ bytes: Bytes) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b <= 0x20 || b == 0x7F { return true }
            if b >= 0xC2 && b <= 0xE3 && i + 1 < bytes.count {
                let b1 = bytes[i + 1]
                let b2: UInt8 = i + 2 < bytes.count ? bytes[i + 2] : 0
                switch b {
                case 0xC2 where b1 == 0x85 || b1 == 0xA0: return true
                case 0xE1 where b1 == 0x9A && b2 == 0x80: return true
                case 0xE2 where b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF): return true
                case 0xE2 where b1 == 0x81 && b2 == 0x9F: return true
                case 0xE3 where b1 == 0x80 && b2 == 0x80: return true
                default: break
                }
            }
            i += 1
        }
        return false
    }

    /// Labels of letters, digits and hyphens (or non-ASCII, for IDNs), not starting or ending
    /// with a hyphen, at least two labels, and a top-level label that is not all digits.
    /// One pass, no label array.
    private static func isDNSName(_ domain: Slice<Bytes>) -> Bool {
        guard domain.count <= 253 else { return false }
        var labels = 0
        var length = 0
        var previous: UInt8 = UInt8(ascii: ".")
        var allDigits = true
        for b in domain {
            if b == UInt8(ascii: ".") {
                guard (1...63).contains(length), previous != UInt8(ascii: "-") else { return false }
                labels += 1
                length = 0
                allDigits = true
            } else {
                if length == 0 && b == UInt8(ascii: "-") { return false }
                if b < 0x80 {
                    let isDigit = b &- 48 < 10
                    let isAlnum = isDigit || (b | 0x20) &- 97 < 26
                    if !isAlnum && b != UInt8(ascii: "-") { return false }
                    if !isDigit { allDigits = false }
                } else {
                    allDigits = false
                }
                length += 1
            }
            previous = b
        }
        guard (1...63).contains(length), previous != UInt8(ascii: "-") else { return false }
        return labels + 1 >= 2 && !allDigits
    }
}
