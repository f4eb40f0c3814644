import JSON
/// Countries, written as upper-case ISO 3166-1 alpha-2 (all 249 codes). Accepts alpha-2 and
/// alpha-3 codes in any case and the English names and aliases of `CountryTable`, ignoring
/// case, accents and punctuation (see `NameKey`). Not accepted: numeric codes (`840` is as
/// likely a ZIP or calling code), ISO 3166-3 former codes, and reserved codes that are not
/// countries of ISO 3166-1 (`EU`, `XK`); `UK` is an alias of `GB`.
public enum CountryRule {
    public static func check(_ value: String) -> FieldCheck {
        // Hot path: two bytes, no String built. Only rewrites allocate.
        let utf8 = value.utf8
        if utf8.count == 2 {
            let a = utf8[utf8.startIndex]
            let b = utf8[utf8.index(after: utf8.startIndex)]
            if let slot = LetterPairSet.slot(a, b), table.codes.contains(slot) {
                if a &- 65 < 26 && b &- 65 < 26 { return .ok }
                return .normalised(String(decoding: [a & 0xDF, b & 0xDF], as: UTF8.self))
            }
        }
        guard let key = NameKey.make(value), let code = table.names[key] else {
            return .invalid(.invalidCountry)
        }
        return .normalised(code)
    }

    private struct Table {
        var codes = LetterPairSet()
        /// `NameKey` of every alpha-3 code and name -> alpha-2.
        var names: [String: String] = [:]
    }

    private static let table: Table = {
        var table = Table()
        for line in CountryTable.rows.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            let code = String(fields[0])
            table.codes.insert(fields[0])
            for name in fields.dropFirst() {
                guard let key = NameKey.make(String(name)) else { preconditionFailure("unkeyable \(name)") }
                // The generator rejects clashes; this catches a Swift key that differs from its copy.
                precondition(table.names.updateValue(code, forKey: key) ?? code == code, "\(name) clashes")
            }
        }
        return table
    }()
}
