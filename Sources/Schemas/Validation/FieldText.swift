/// Small text helpers shared by the field rules.
public enum FieldText {
    /// Trims Unicode whitespace and newlines at both ends.
    public static func trimmed(_ s: String) -> String {
        // Fast path: printable ASCII at both ends needs no Unicode property lookups.
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F
        }
        if plain == true || s.isEmpty { return s }
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        else { return s }
        let scalars = s.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }

    /// `.ok` when `value` is one of `words` exactly, `.normalised` when it is one of them in
    /// another ASCII case, nil otherwise. Compares bytes: the canonical path allocates nothing.
    public static func oneOf(_ words: [String], _ value: String) -> FieldCheck? {
        for word in words where word.utf8.count == value.utf8.count {
            if word == value { return .ok }
            if equalIgnoringASCIICase(word, value) { return .normalised(word) }
        }
        return nil
    }

    public static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8) { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) &- 97 < 26)
        }
    }

    /// ASCII lower-casing, enough for codes and enum words.
    public static func asciiLowercased(_ s: String) -> String {
        String(decoding: s.utf8.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
