import JSON
/// Languages, written as lower-case ISO 639-1. Accepts 639-1 codes in any case, ISO 639-2/T and
/// /B codes of languages that have a 639-1 code (`fra`, `fre`), the withdrawn 639-1 codes `iw`
/// `in` `ji` `mo` that Java and Android still send, English names and aliases from
/// `LanguageTable` (ignoring case, accents and punctuation, see `NameKey`), and locale tags whose
/// primary subtag is one of those codes (`en-US`, `zh-Hant-TW`, `en_US.UTF-8`). A 639-2 code
/// with no 639-1 code (`haw`, `fil`) is invalid: the field holds ISO 639-1 only.
public enum LanguageRule {
    public static func check(_ value: String) -> FieldCheck {
        // Hot path: two lower-case bytes, no String built.
        let utf8 = value.utf8
        if utf8.count == 2 {
            let a = utf8[utf8.startIndex]
            let b = utf8[utf8.index(after: utf8.startIndex)]
            if a &- 97 < 26 && b &- 97 < 26, let slot = LetterPairSet.slot(a, b), table.codes.contains(slot) {
                return .ok
            }
        }
        let bytes = Array(utf8)
        if let code = code(bytes[...]) ?? localeLanguage(bytes) { return .normalised(code) }
        guard let key = NameKey.make(value), let code = table.names[key] else {
            return .invalid(.invalidLanguage)
        }
        return .normalised(code)
    }

    /// The 639-1 code for a 2- or 3-letter code in any case.
    private static func code(_ bytes: ArraySlice<UInt8>) -> String? {
        guard (2...3).contains(bytes.count), bytes.allSatisfy({ ($0 | 0x20) &- 97 < 26 }) else { return nil }
        let lower = String(decoding: bytes.map { $0 | 0x20 }, as: UTF8.self)
        if bytes.count == 2, let slot = LetterPairSet.slot(bytes[bytes.startIndex], bytes[bytes.startIndex + 1]),
            table.codes.contains(slot)
        {
            return lower
        }
        return table.otherCodes[lower]
    }

    /// The language of a BCP 47 tag (`sr-Latn-RS`, `de-CH-1996`) or POSIX locale
    /// (`en_US.UTF-8`, `de_DE@euro`): subtags of 1-8 letters or digits separated by `-` or `_`,
    /// then an optional codeset or modifier. Only the primary subtag is checked against ISO.
    private static func localeLanguage(_ bytes: [UInt8]) -> String? {
        var tag = bytes[...]
        if let cut = bytes.firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "@") }) {
            let rest = bytes[(cut + 1)...]
            guard !rest.isEmpty, rest.allSatisfy({ isAlnum($0) || "-_.@".utf8.contains($0) }) else { return nil }
            tag = bytes[..<cut]
        }
        let subtags = tag.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        guard subtags.allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy(isAlnum) }) else { return nil }
        return code(subtags[0])
    }

    private static func isAlnum(_ b: UInt8) -> Bool { b &- 48 < 10 || (b | 0x20) &- 97 < 26 }

    private struct Table {
        var codes = LetterPairSet()
        /// ISO 639-2/T and /B and withdrawn 639-1 codes -> 639-1.
        var otherCodes: [String: String] = [:]
        /// `NameKey` of every English name -> 639-1.
        var names: [String: String] = [:]
    }

    private static let table: Table = {
        var table = Table()
        for line in LanguageTable.rows.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            let code = String(fields[0])
            table.codes.insert(fields[0])
            for other in fields[1].split(separator: " ") { table.otherCodes[String(other)] = code }
            for name in fields.dropFirst(2) {
                guard let key = NameKey.make(String(name)) else { preconditionFailure("unkeyable \(name)") }
                // The generator rejects clashes; this catches a Swift key that differs from its copy.
                precondition(table.names.updateValue(code, forKey: key) ?? code == code, "\(name) clashes")
            }
        }
        return table
    }()
}
