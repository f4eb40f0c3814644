import JSON
/// The matching key of a country or language name: letters and digits only, lower-cased, marks
/// and accents dropped (`Côte d'Ivoire`, `COTE DIVOIRE` -> `cotedivoire`), `&` read as `and`,
/// and a leading or trailing word `the` dropped (`Gambia, The`, `the Gambia` -> `gambia`).
/// Runs only for values that are not already a code, so it may allocate.
/// `scripts/tables/iso_tables.py` has a copy (`key`) to find names that clash.
enum NameKey {
    static func make(_ text: String) -> String? {
        var builder = Builder()
        for scalar in text.unicodeScalars {
            guard builder.take(scalar) else { return nil }
        }
        return builder.finish()
    }

    /// Latin letter with marks -> its ASCII spelling, from `FoldTable`. Decomposition is not
    /// public in the standard library and Schemas does not use Foundation.
    private static let folds: [Unicode.Scalar: String] = {
        var folds: [Unicode.Scalar: String] = [:]
        for line in FoldTable.rows.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            for scalar in fields[1].unicodeScalars { folds[scalar] = String(fields[0]) }
        }
        return folds
    }()

    private struct Builder {
        var words: [String] = []
        var word = ""

        mutating func take(_ s: Unicode.Scalar) -> Bool {
            if s.isASCII {
                switch s {
                case "a"..."z", "0"..."9": word.unicodeScalars.append(s)
                case "A"..."Z": word.unicodeScalars.append(Unicode.Scalar(UInt8(s.value) | 0x20))
                case "'", ".": break
                case "&": endWord(); words.append("and")
                case " ", "\t", "-", ",", ";", "(", ")", "/", "_": endWord()
                default: return false  // `english!!`, `#`, `"`: not a name
                }
                return true
            }
            if s.properties.generalCategory == .nonspacingMark || s == "\u{2019}" { return true }
            if let plain = NameKey.folds[s] { return plain.unicodeScalars.allSatisfy { take($0) } }
            if s.properties.isWhitespace { endWord(); return true }
            guard s.properties.isAlphabetic else { return false }
            word += s.properties.lowercaseMapping
            return true
        }

        mutating func endWord() {
            if !word.isEmpty { words.append(word); word = "" }
        }

        mutating func finish() -> String? {
            endWord()
            if words.first == "the" { words.removeFirst() }
            if words.last == "the" { words.removeLast() }
            return words.isEmpty ? nil : words.joined()
        }
    }
}
