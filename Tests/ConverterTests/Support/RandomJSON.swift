import JSON
import SampleData

/// Random JSON for the writer and parser round trips: strings that stress escaping, numbers of
/// every lexical form, and nested values, all from a seeded `SplitMix64`.
enum RandomJSON {
    /// Characters that stress the writer and the parser: every control character, quote,
    /// backslash, slash, DEL, and non-ASCII of 2, 3 and 4 bytes.
    static let characters: [String] = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        + ["\"", "\\", "/", "\u{7F}", "a", "b", "Z", "0", " ", "é", "ß", "€", "東", "\u{2028}", "\u{FFFF}",
           "😀", "𝄞", "\u{10FFFF}", "u", "\\u"]

    static func randomString(_ g: inout SplitMix64) -> String {
        let length = Int.random(in: 0...24, using: &g)
        var s = ""
        for _ in 0..<length {
            // Mostly plain letters, so that long unescaped runs occur as well.
            if Int.random(in: 0..<3, using: &g) == 0 {
                s += characters.randomElement(using: &g) ?? ""
            } else {
                s += String(UnicodeScalar(UInt8.random(in: 0x61...0x7A, using: &g)))
            }
        }
        return s
    }

    static func randomNumber(_ g: inout SplitMix64) -> String {
        func digits(_ g: inout SplitMix64, _ n: ClosedRange<Int>) -> String {
            String((0..<Int.random(in: n, using: &g)).map { _ in Character(String(Int.random(in: 0...9, using: &g))) })
        }
        var text = Bool.random(using: &g) ? "-" : ""
        text += Bool.random(using: &g) ? "0" : String(Int.random(in: 1...9, using: &g)) + digits(&g, 0...25)
        if Bool.random(using: &g) { text += "." + digits(&g, 1...12) }
        if Bool.random(using: &g) {
            text += ["e", "E"].randomElement(using: &g) ?? "e"
            text += ["", "+", "-"].randomElement(using: &g) ?? ""
            text += digits(&g, 1...5)
        }
        return text
    }

    static func randomValue(_ g: inout SplitMix64, depth: Int) -> JSONValue {
        let pick = Int.random(in: 0..<(depth >= 5 ? 5 : 8), using: &g)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &g))
        case 2: return .number(JSONNumber(uncheckedText: randomNumber(&g)))
        case 3, 4: return .string(randomString(&g))
        case 5: return .array((0..<Int.random(in: 0...6, using: &g)).map { _ in randomValue(&g, depth: depth + 1) })
        default:
            var object = JSONObject()
            // Large objects (past the parser's linear duplicate scan) only at the top.
            let largest = pick == 7 && depth == 0 ? 40 : 6
            for _ in 0..<Int.random(in: 0...largest, using: &g) {
                object.set(randomString(&g), randomValue(&g, depth: depth + 1))
            }
            return .object(object)
        }
    }
}
