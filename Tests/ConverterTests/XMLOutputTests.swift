import JSON
import SampleData
import Testing

@testable import Converters

/// `XMLRecordWriter` writes the XML container itself; these hold its bytes to libxml2's
/// `xmlTextWriter` (`LibXMLRecordWriter`), which wrote them before, on values that stress
/// every escape: control characters, quotes, `<>&`, CR, LF and tab in names and text,
/// non-ASCII of every length, U+FFFE and U+FFFF, empty strings, arrays and objects.
@Suite struct XMLOutputTests {
    static func both(_ value: JSONValue) -> (String, String) {
        var json: [UInt8] = []
        JSONWriter.write(value, to: &json)
        var mine: [UInt8] = []
        XMLRecordWriter().write(json: json, to: &mine)
        var libxml: [UInt8] = []
        LibXMLRecordWriter().write(value, to: &libxml)
        return (String(decoding: mine, as: UTF8.self), String(decoding: libxml, as: UTF8.self))
    }

    @Test(arguments: 0..<40)
    func randomValuesAreWrittenAsLibxml2WroteThem(seed: Int) {
        var g = SplitMix64(seed: UInt64(seed))
        for _ in 0..<50 {
            let value = RandomJSON.randomValue(&g, depth: 0)
            let (mine, libxml) = Self.both(value)
            #expect(mine == libxml)
        }
    }

    @Test(arguments: [
        "", "plain", "é", "k é\t\"<>&\r\n'x", "𝄞\u{7F}\u{85}\u{2028}\u{A0}Ω", "\u{1}", "a\u{FFFE}b", "\u{FFFF}",
        "]]>", "&amp;", "\r\n", "\t", "\u{10FFFF}", "東京", "\\u0001", "'single'",
    ])
    func namesAndTextAreWrittenAsLibxml2WroteThem(_ text: String) {
        let value: JSONValue = .object([
            text: .string(text), "n": .number(JSONNumber(uncheckedText: "-1.5e3")), "b": false, "z": nil,
            "a": [], "o": .object([:]), "s": [.string(text), []],
        ])
        let (mine, libxml) = Self.both(value)
        #expect(mine == libxml)
        let (top, topLibxml) = Self.both(.string(text))
        #expect(top == topLibxml)
    }
}
