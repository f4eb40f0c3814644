/// The ISO lists under `Tests/GoldenFiles/validation/`, written once by
/// `scripts/tables/iso_tables.py --fixtures` and checked in: the rule tests compare the generated
/// tables with them, so a table that loses or changes a row fails.
enum ValidationFixture {
    /// Tab-separated fields of each line, without `#` comment lines.
    static func rows(_ name: String) throws -> [[String]] {
        let text = String(decoding: try Golden.bytes("validation/\(name)"), as: UTF8.self)
        return text.split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Every pair of ASCII letters in the given case, `aa` to `zz`.
    static func letterPairs(upper: Bool) -> [String] {
        let letters = (UInt8(ascii: upper ? "A" : "a")...UInt8(ascii: upper ? "Z" : "z")).map { Character(Unicode.Scalar($0)) }
        return letters.flatMap { a in letters.map { b in String([a, b]) } }
    }
}
