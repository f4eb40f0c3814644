import SampleData
import Converters
import JSON
import Schemas
import Testing

/// Conformance cases modelled on JSONTestSuite's test_parsing folder (y_ must parse, n_ must
/// fail, and the i_ cases decided as this parser does), plus values, offsets and duplicates.
@Suite struct JSONParserTests {
    // MARK: y_ cases: must parse

    static let accepted: [JSONCase] = [
        // arrays
        "[[]   ]", "[\"\"]", "[]", "[\"a\"]", "[false]", "[null, 1, \"1\", {}]", "[null]", "[1\n]",
        " [1]", "[1,null,null,null,2]", "[2] ", "[\"a\"]\n", " [] ", "[\t\r\n1\t\r\n]",
        // numbers
        "[123e65]", "[0e+1]", "[0e1]", "[ 4]", "[20e1]", "[-0]", "[-123]", "[-1]", "[1E22]",
        "[1E-2]", "[1E+2]", "[123e45]", "[123.456e78]", "[1e-2]", "[1e+2]", "[123]",
        "[123.456789]", "[-0.000000000000000000000000000000000000000000000000000000000000000000000000000001]",
        "[123.456e-789]", "[0.4e00669999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999969999999006]",
        "[-1e+9999]", "[1.5e+9999]", "[-123123e100000]", "[123123e100000]", "[123e-10000000]",
        "[-123123123123123123123123123123]", "[100000000000000000000]",
        // objects
        "{\"asd\":\"sdf\", \"dfg\":\"fgh\"}", "{\"asd\":\"sdf\"}", "{\"a\":\"b\",\"a\":\"c\"}",
        "{\"a\":\"b\",\"a\":\"b\"}", "{}", "{\"\":0}", "{\"foo\\u0000bar\": 42}",
        "{ \"min\": -1.0e+28, \"max\": 1.0e+28 }", "{\"a\":[]}", "{\n\"a\": \"b\"\n}",
        "{\"title\":\"\\u041f\\u043e\\u043b\\u0442\\u043e\\u0440\\u0430 \\u0417\\u0435\\u043c\\u043b\\u0435\\u043a\\u043e\\u043f\\u0430\" }",
        // strings
        "[\"\\u0060\\u012a\\u12AB\"]", "[\"\\uD801\\udc37\"]", "[\"\\ud83d\\ude39\\ud83d\\udc8d\"]",
        "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", "[\"\\\\u0000\"]", "[\"\\\"\"]", "[\"a/*b*/c/*d//e\"]",
        "[\"\\\\a\"]", "[\"\\\\n\"]", "[\"\\u0012\"]", "[\"\\uFFFF\"]", "[\"asd\"]", "[ \"asd\"]",
        "[\"\\uDBFF\\uDFFF\"]", "[\"new\\u00A0line\"]", "[\"\u{10FFFF}\"]", "[\"\u{FFFF}\"]",
        "[\"\\u0000\"]", "[\"\\u002c\"]", "[\"π\"]", "[\"\u{1BFFF}\"]", "[\"asd \"]", "\" \"",
        "[\"\\uD834\\uDd1e\"]", "[\"\\u0821\"]", "[\"\\u0123\"]", "[\"\u{2028}\"]", "[\"\u{2029}\"]",
        "[\"\\u0061\\u30af\\u30EA\\u30b9\"]", "[\"new\\u000Aline\"]", "[\"\u{7F}\"]", "[\"\\uA66D\"]",
        "[\"\\u005C\"]", "[\"⍂㈴⍂\"]", "[\"\\uDBFF\\uDFFE\"]", "[\"\\uD83F\\uDFFE\"]", "[\"\\u200B\"]",
        "[\"\\u2064\"]", "[\"\\uFDD0\"]", "[\"\\uFFFE\"]", "[\"\\u0022\"]", "[\"€𝄞\"]", "[\"a\u{7F}a\"]",
        // lonely values
        "false", "42", "-0.1", "null", "\"asd\"", "true", "\"\"", "[true]",
    ].map { JSONCase($0) }

    @Test(arguments: accepted)
    func accepts(_ c: JSONCase) throws {
        let value = try parse(c.bytes).get()
        // Whatever was read writes back to something that reads as the same value.
        #expect(try parse(written(value)).get() == value)
    }

    // MARK: n_ and i_ cases: must fail, with the right code

    static let invalidJSON: [JSONCase] = [
        // arrays
        "[1 true]", "[\"\": 1]", "[\"\"],", "[,1]", "[1,,2]", "[\"x\",,]", "[\"x\"]]", "[\"\",]",
        "[\"x\"", "[x", "[3[4]]", "[1:2]", "[,]", "[-]", "[   , \"\"]", "[\"a\",\n4\n,1,", "[1,]",
        "[1,,]", "[\"\u{0B}a\"\u{0C}]", "[*]", "[\"\"", "[1,", "[{}", "[fals]", "[nul]", "[tru]",
        // numbers
        "123\u{0}", "[++1234]", "[+1]", "[+Inf]", "[-01]", "[-1.0.]", "[-2.]", "[-NaN]", "[.-1]",
        "[.2e-3]", "[0.1.2]", "[0.3e+]", "[0.3e]", "[0.e1]", "[0E+]", "[0E]", "[0e+]", "[0e]",
        "[1.0e+]", "[1.0e-]", "[1.0e]", "[1 000.0]", "[1eE2]", "[2.e+3]", "[2.e-3]", "[2.e3]",
        "[9.e+]", "[Inf]", "[NaN]", "[\u{FF11}]", "[1+2]", "[0x1]", "[0x42]", "[Infinity]",
        "[0e+-1]", "[-123.123foo]", "[-Infinity]", "[-foo]", "[- 1]", "[-012]", "[-.123]", "[-1x]",
        "[1ea]", "[1.]", "[.123]", "[1.2a-3]", "[1.8011670033376514H-308]", "[012]", "01", "-",
        "1.", ".5", "+1", "NaN", "Infinity", "-Infinity", "00", "-00.0", "1e", "0.", "1.e5",
        // objects
        "[\"x\", truth]", "{[: \"x\"}", "{\"x\", null}", "{\"x\"::\"b\"}", "{🇨🇭}",
        "{\"a\":\"a\" 123}", "{key: 'value'}", "{\"a\" b}", "{:\"b\"}", "{\"a\" \"b\"}", "{\"a\":",
        "{\"a\"", "{1:1}", "{9999E9999:1}", "{null:null,null:null}", "{\"id\":0,,,,,}", "{'a':0}",
        "{\"id\":0,}", "{\"a\":\"b\"}/**/", "{\"a\":\"b\"}/**//", "{\"a\":\"b\"}//", "{\"a\":\"b\"}/",
        "{\"a\":\"b\",,\"c\":\"d\"}", "{a: \"b\"}", "{\"a\":\"a", "{ \"foo\" : \"bar\", \"a\" }",
        "{\"a\":\"b\"}#",
        // strings
        " ", "[\"\\uD800\\u\"]", "[\"\\uD800\\u1\"]", "[\"\\uD800\\u1x\"]", "[é]", "[\"\\\u{0}\"]",
        "[\"\\x00\"]", "[\"\\\\\\\"]", "[\"\\\t\"]", "[\"\\🌀\"]", "[\"\\\"]", "[\"\\u00A\"]",
        "[\"\\uD834\\uDd\"]", "[\"\\a\"]", "[\"\\uqqqq\"]", "[\\u0020\"asd\"]", "[\\n]", "\"",
        "['single quote']", "abc", "[\"\\", "[\"a\u{0}a\"]", "[\"new\nline\"]", "[\"\t\"]",
        "\"\\UA66D\"", "\"\"x", "[\"\\'\"]", "[\"\\u00\"]",
        // structure
        "[\u{2060}]", "<.>", "[<null>]", "[1]x", "[1]]", "[\"asd]", "aå", "[True]", "1]",
        "{\"x\": true,", "[][]", "]", "[", "", "[\u{0}]", "2@", "{}}", "{\"\":",
        "{\"a\":/*comment*/\"b\"}", "{\"a\": true} \"x\"", "['", "[,", "[{", "[\"a", "[\"a\"", "{",
        "{]", "{,", "{[", "{\"a", "{'a'", "[\"\\{[\"\\{[\"\\{[\"\\{", "*", "{\"a\":\"b\"}#{}",
        "[\\u000A\"\"]", "[1", "[ false, nul", "[ true, fals", "[ false, tru", "{\"asd\":\"asd\"",
        "å", "[\u{0C}]", "[\u{A0}1]", "\u{FEFF}", "\u{FEFF}{}", "[1]\u{FEFF}", "[1]\u{0B}",
        "# comment\n[]", "[1] // c",
    ].map { JSONCase($0) } + [
        JSONCase("utf-16 big-endian without BOM", raw(0, "[", 0, "\"", 0, "a", 0, "\"", 0, "]")),
        JSONCase("letter before invalid byte", raw("[a", 0xE5, "]")),
        JSONCase("\\u before invalid byte", raw("[\"\\u", 0xE5, "\"]")),
        JSONCase("backslash before invalid byte", raw("[\"\\", 0xE5, "\"]")),
    ]

    @Test(arguments: invalidJSON)
    func rejectsAsInvalidJSON(_ c: JSONCase) {
        #expect(throws: JSONParseError.self) { try parse(c.bytes).get() }
        if case .failure(let e) = parse(c.bytes) {
            #expect(e.code == .invalidJSON, "\(e)")
            #expect(e.offset >= 0 && e.offset <= c.bytes.count)
        }
    }

    static let invalidUTF8: [JSONCase] = [
        JSONCase("lone byte in array", raw("[", 0xFF, "]")),
        JSONCase("lone invalid byte", raw(0xE5)),
        JSONCase("single latin-1 e acute", raw(0xE9)),
        JSONCase("after integer", raw("[123", 0xE5, "]")),
        JSONCase("after exponent", raw("[1e1", 0xE5, "]")),
        JSONCase("after zero", raw("[0", 0xE5, "]")),
        JSONCase("instead of exponent digit", raw("[1e", 0xE5, "]")),
        JSONCase("continuation byte in key, trailing comma", raw("{\"", 0xB9, "\":\"0\",}")),
        JSONCase("invalid sequence after valid ones", raw("[\"日ш", 0xFA, "\"]")),
        JSONCase("encoded surrogate D800", raw("[\"", 0xED, 0xA0, 0x80, "\"]")),
        JSONCase("encoded surrogate DFFF", raw("[\"", 0xED, 0xBF, 0xBF, "\"]")),
        JSONCase("0xFF in string", raw("[\"", 0xFF, "\"]")),
        JSONCase("latin-1 in string", raw("[\"", 0xE9, "\"]")),
        JSONCase("lone continuation byte", raw("[\"", 0x81, "\"]")),
        JSONCase("above U+10FFFF", raw("[\"", 0xF4, 0x90, 0x80, 0x80, "\"]")),
        JSONCase("above U+10FFFF, F4 BF", raw("[\"", 0xF4, 0xBF, 0xBF, 0xBF, "\"]")),
        JSONCase("lead byte F5", raw("[\"", 0xF5, 0x80, 0x80, 0x80, "\"]")),
        JSONCase("overlong 2 bytes C0", raw("[\"", 0xC0, 0xAF, "\"]")),
        JSONCase("overlong 2 bytes C1", raw("[\"", 0xC1, 0xBF, "\"]")),
        JSONCase("overlong 3 bytes", raw("[\"", 0xE0, 0x80, 0xAF, "\"]")),
        JSONCase("overlong 4 bytes", raw("[\"", 0xF0, 0x80, 0x80, 0xAF, "\"]")),
        JSONCase("overlong 6 bytes", raw("[\"", 0xFC, 0x83, 0xBF, 0xBF, 0xBF, 0xBF, "\"]")),
        JSONCase("overlong NUL", raw("[\"", 0xC0, 0x80, "\"]")),
        JSONCase("truncated then invalid", raw("[\"", 0xE0, 0xFF, "\"]")),
        JSONCase("truncated 3-byte before quote", raw("[\"", 0xE2, 0x82, "\"]")),
        JSONCase("truncated 4-byte before quote", raw("[\"", 0xF0, 0x9F, 0x98, "\"]")),
        JSONCase("truncated at end of input", raw("\"", 0xE2, 0x82)),
        JSONCase("truncated before escape", raw("[\"", 0xC3, "\\n\"]")),
        JSONCase("invalid byte in long ASCII run", raw("[\"abcdefghijklmnopqrstuvwxyz", 0x80, "abcdefgh\"]")),
        JSONCase("invalid byte after an escape", raw("[\"a\\nb", 0xFE, "\"]")),
        JSONCase("invalid byte after the value", raw("[1] ", 0xFF)),
        JSONCase("incomplete byte order mark", raw(0xEF, 0xBB, "{}")),
        JSONCase("utf-16 little-endian with BOM", raw(0xFF, 0xFE, "[", 0, "\"", 0, "a", 0, "\"", 0, "]", 0)),
    ] + [
        "[\"\\uD800\\\"]", "[\"\\uDADA\"]", "[\"\\uD888\\u1234\"]", "[\"\\uD800\\n\"]",
        "[\"\\uDd1ea\"]", "[\"\\uD800\\uD800\\n\"]", "[\"\\ud800\"]", "[\"\\ud800abc\"]",
        "[\"\\uDd1e\\uD834\"]", "[\"\\uDFAA\"]", "{\"\\uDFAA\":0}", "[\"\\uD800\\uD800\\x\"]",
        "[\"\\uDBFF\\u0041\"]", "[\"\\uDC00\\uDC00\"]", "[\"\\uD800\"", "[\"a\\uD83D\\uD83D\\uDE00\"]",
    ].map { JSONCase($0) }

    @Test(arguments: invalidUTF8)
    func rejectsAsInvalidUTF8(_ c: JSONCase) {
        #expect(throws: JSONParseError.self) { try parse(c.bytes).get() }
        if case .failure(let e) = parse(c.bytes) {
            #expect(e.code == .invalidUTF8, "\(e)")
        }
    }

    // MARK: Values

    @Test func stringEscapesDecode() throws {
        #expect(try parse(#"["\"\\\/\b\f\n\r\t"]"#).get() == ["\"\\/\u{8}\u{C}\n\r\t"])
        #expect(try parse(#""\u0060\u012a\u12AB""#).get() == "`\u{12A}\u{12AB}")
        #expect(try parse(#""\u0000""#).get() == "\u{0}")
        #expect(try parse(#""a\u0000b""#).get() == "a\u{0}b")
        #expect(try parse(#""\u005C\u0022\u002F""#).get() == "\\\"/")
        #expect(try parse(#""\u00e9\u00C9""#).get() == "éÉ")
    }

    @Test func surrogatePairsCombine() throws {
        #expect(try parse(#""\uD801\udc37""#).get() == "\u{10437}")
        #expect(try parse(#""\ud83d\ude39\ud83d\udc8d""#).get() == "😹💍")
        #expect(try parse(#""\uDBFF\uDFFF""#).get() == "\u{10FFFF}")
        #expect(try parse(#""\uD800\uDC00""#).get() == "\u{10000}")
        #expect(try parse(#""x\uD834\uDD1Ey""#).get() == "x𝄞y")
    }

    @Test func rawNonASCIIIsKept() throws {
        #expect(try parse(raw("\"", 0xC3, 0xA9, "\"")).get() == "é")  // 2 bytes
        #expect(try parse(raw("\"", 0xE2, 0x82, 0xAC, "\"")).get() == "€")  // 3 bytes
        #expect(try parse(raw("\"", 0xF0, 0x9D, 0x84, 0x9E, "\"")).get() == "𝄞")  // 4 bytes
        #expect(try parse(raw("\"", 0xF4, 0x8F, 0xBF, 0xBF, "\"")).get() == "\u{10FFFF}")
        #expect(try parse(raw("\"", 0xED, 0x9F, 0xBF, "\"")).get() == "\u{D7FF}")
        #expect(try parse(raw("\"", 0xEE, 0x80, 0x80, "\"")).get() == "\u{E000}")
        #expect(try parse("\"Zoë Łódź 東京 😀 and a long ASCII tail of more than eight bytes\"").get()
            == "Zoë Łódź 東京 😀 and a long ASCII tail of more than eight bytes")
        #expect(try parse("\"é\\n😀\\t€\"").get() == "é\n😀\t€")
    }

    @Test func longStringsCrossWordBoundaries() throws {
        // Quotes, escapes and non-ASCII at every position of an 8-byte word.
        for k in 0..<20 {
            let pad = String(repeating: "x", count: k)
            #expect(try parse("\"\(pad)\"").get() == .string(pad))
            #expect(try parse("\"\(pad)\\\"\(pad)\"").get() == .string(pad + "\"" + pad))
            #expect(try parse("\"\(pad)é\(pad)\"").get() == .string(pad + "é" + pad))
            #expect(try parse("\"\(pad)\\u00e9\"").get() == .string(pad + "é"))
            let control = parse("\"\(pad)\u{1F}\(pad)\"")
            #expect(control.failure == JSONParseError(.invalidJSON, offset: k + 1, "unescaped control character in string"))
        }
    }

    @Test func numbersKeepTheirText() throws {
        for text in [
            "0", "-0", "12", "-12.5", "1e10", "1E+2", "0.5e-3", "1.0", "-0.0e-0", "123e65",
            "123456789012345678901234567890123456789012345678901234567890",
            "-0.000000000000000000000000000000000000000000000000000000000000000000000001",
            "1.5e+9999", "9223372036854775808",
        ] {
            #expect(try parse(text).get() == number(text))
            #expect(try parse("[\(text)]").get() == [number(text)])
            #expect(try parse(" \(text)\n").get() == number(text))
        }
        let huge = "-" + String(repeating: "9", count: 5000) + "." + String(repeating: "1", count: 5000) + "E-99999"
        #expect(try parse(huge).get() == number(huge))
    }

    @Test func literalsAndStructure() throws {
        #expect(try parse("[true,false,null]").get() == [true, false, nil])
        #expect(try parse("{}").get() == .object(JSONObject()))
        #expect(try parse("[]").get() == .array([]))
        #expect(try parse(" \t\r\n{ \"a\" : [ 1 , { } , [ ] ] }\r\n").get()
            == .object(["a": [1, .object(JSONObject()), []]]))
        let nested = try parse(#"{"z":1,"a":{"y":[2,"b"],"x":null},"m":true}"#).get()
        #expect(nested.object?.keys == ["z", "a", "m"])
        #expect(nested.object?["a"]?.object?.keys == ["y", "x"])
        #expect(nested.object?["a"]?.object?["y"] == [2, "b"])
    }

    // MARK: Depth

    static func nestedArrays(_ n: Int) -> [UInt8] {
        Array(repeating: UInt8(ascii: "["), count: n) + Array(repeating: UInt8(ascii: "]"), count: n)
    }

    static func nestedObjects(_ n: Int) -> [UInt8] {
        Array(String(repeating: "{\"a\":", count: n).utf8) + [UInt8(ascii: "1")]
            + Array(repeating: UInt8(ascii: "}"), count: n)
    }

    @Test func depth128IsAllowed() throws {
        var value = try parse(Self.nestedArrays(128)).get()
        var levels = 0
        while let inner = value.array {
            levels += 1
            guard let first = inner.first else { break }
            value = first
        }
        #expect(levels == 128)
        #expect(throws: Never.self) { try parse(Self.nestedObjects(128)).get() }
        let mixed = String(repeating: "[{\"k\":", count: 64) + "0" + String(repeating: "}]", count: 64)
        #expect(throws: Never.self) { try parse(mixed).get() }
    }

    @Test func depth129IsRejected() {
        #expect(parse(Self.nestedArrays(129)).failure == JSONParseError(.nestingTooDeep, offset: 128, "nesting too deep"))
        #expect(parse(Self.nestedObjects(129)).failure?.code == .nestingTooDeep)
        #expect(parse(Self.nestedObjects(129)).failure?.offset == 128 * 5)
        let mixed = String(repeating: "[{\"k\":", count: 64) + "[0]" + String(repeating: "}]", count: 64)
        #expect(parse(mixed).failure?.code == .nestingTooDeep)
        // JSONTestSuite's unclosed 100000 brackets and 500 nested arrays.
        #expect(parse(Array(repeating: UInt8(ascii: "["), count: 100_000)).failure?.code == .nestingTooDeep)
        #expect(parse(Self.nestedArrays(500)).failure?.code == .nestingTooDeep)
        #expect(parse(String(repeating: "[{\"\":", count: 50_000)).failure?.code == .nestingTooDeep)
    }

    @Test func customMaxDepth() {
        #expect(throws: Never.self) { try parse(Array("[[1]]".utf8), maxDepth: 2).get() }
        #expect(parse(Array("[[[1]]]".utf8), maxDepth: 2).failure?.code == .nestingTooDeep)
        #expect(parse(Array("[1]".utf8), maxDepth: 0).failure?.code == .nestingTooDeep)
        #expect(throws: Never.self) { try parse(Array("1".utf8), maxDepth: 0).get() }
    }

    // MARK: Duplicate keys

    @Test func duplicateKeyLaterValueWinsAtFirstPosition() throws {
        var parser = JSONParser()
        let value = try parse(Array(#"{"a":1,"b":2,"a":3}"#.utf8), with: &parser).get()
        #expect(value.object?.keys == ["a", "b"])
        #expect(value.object?.values == [3, 2])
        #expect(parser.duplicateKeys == ["a"])
    }

    @Test func duplicateKeysAreRecordedInOrderAcrossNesting() throws {
        var parser = JSONParser()
        let text = #"{"x":{"b":1,"b":2,"c":0,"b":3},"x":{"c":[{"d":1,"d":null}]},"y":0,"y":{"a":1,"a":2}}"#
        let value = try parse(Array(text.utf8), with: &parser).get()
        #expect(parser.duplicateKeys == ["b", "b", "x", "d", "y", "a"])
        #expect(value == .object(["x": .object(["c": [.object(["d": nil])]]), "y": .object(["a": 2])]))
        // The same key in different objects is not a duplicate.
        _ = try parse(Array(#"{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}"#.utf8), with: &parser).get()
        #expect(parser.duplicateKeys.isEmpty)
    }

    @Test func duplicateKeysInLargeObjects() throws {
        var parser = JSONParser()
        var members = (0..<100).map { "\"k\($0)\":\($0)" }
        members += ["\"k5\":\"five\"", "\"k99\":\"last\"", "\"new\":1", "\"k5\":\"again\"", "\"k0\":[]"]
        let value = try parse(Array(("{" + members.joined(separator: ",") + "}").utf8), with: &parser).get()
        let object = try #require(value.object)
        #expect(object.count == 101)
        #expect(object.keys == (0..<100).map { "k\($0)" } + ["new"])
        #expect(object["k5"] == "again")
        #expect(object["k99"] == "last")
        #expect(object["k0"] == [])
        #expect(object["k50"] == 50)
        #expect(parser.duplicateKeys == ["k5", "k99", "k5", "k0"])
        // Objects scanned with the filter, and exactly at the threshold between scan and
        // dictionary (`JSONParser.Cursor.linearKeyLimit`).
        let limit = 64
        for n in [14, 15, 16, 17, 18, 30, 40] + Array((limit - 2)...(limit + 2)) {
            let keys = (0..<n).map { "\"k\($0)\":\($0)" } + ["\"k0\":\"dup\"", "\"k\(n - 1)\":\"dup\""]
            let v = try parse(Array(("{" + keys.joined(separator: ",") + "}").utf8), with: &parser).get()
            #expect(v.object?.count == n)
            #expect(v.object?["k0"] == "dup")
            #expect(v.object?["k\(n - 1)"] == "dup")
            #expect(parser.duplicateKeys == ["k0", "k\(n - 1)"])
        }
    }

    @Test func duplicateKeysAreClearedByEachParse() throws {
        var parser = JSONParser()
        _ = try parse(Array(#"{"a":1,"a":2}"#.utf8), with: &parser).get()
        #expect(parser.duplicateKeys == ["a"])
        _ = try parse(Array(#"{"a":1}"#.utf8), with: &parser).get()
        #expect(parser.duplicateKeys.isEmpty)
        _ = parse(Array(#"{"a":1,"a":2,"#.utf8), with: &parser)
        _ = try parse(Array("[]".utf8), with: &parser).get()
        #expect(parser.duplicateKeys.isEmpty)
    }

    @Test func escapedKeysMatchTheirPlainSpelling() throws {
        var parser = JSONParser()
        let value = try parse(Array(#"{"ab":1,"a\u0062":2}"#.utf8), with: &parser).get()
        #expect(value == .object(["ab": 2]))
        #expect(parser.duplicateKeys == ["ab"])
    }

    @Test func duplicatesAgreeWithJSONObjectSet() throws {
        // JSONObject compares keys as Strings (canonical equivalence), so "K" and the Kelvin sign
        // U+212A, or a precomposed and a decomposed "é", are one key; the parser must agree.
        let pairs: [(String, String)] = [
            ("K", "\u{212A}"), ("\u{212A}", "K"), ("\u{E9}", "e\u{301}"), ("e\u{301}", "\u{E9}"),
            ("ab", "ab"), ("a", "b"), ("", ""),
        ]
        for (first, second) in pairs {
            var expected = JSONObject()
            let wasThere = [expected.set(first, 1), expected.set(second, 2)]
            var text: [UInt8] = []
            JSONWriter.write(.object(JSONObject(uncheckedUniqueKeys: [first, second], values: [1, 2])), to: &text)
            var parser = JSONParser()
            let value = try parse(text, with: &parser).get()
            #expect(value == .object(expected))
            #expect(parser.duplicateKeys == (wasThere[1] ? [second] : []))
        }
    }

    @Test func keyCacheNeverConfusesKeys() throws {
        // Keys that share prefixes and differ in length or in one byte, around the 8 and 16 byte
        // word sizes of the key cache, read many times by one parser.
        var keys: [String] = []
        for length in 0...20 {
            let base = String("abcdefghijklmnopqrstu".prefix(length))
            keys.append(base)
            if length > 0 {
                for position in [0, length / 2, length - 1] {
                    var bytes = Array(base.utf8)
                    bytes[position] = UInt8(ascii: "Z")
                    keys.append(String(decoding: bytes, as: UTF8.self))
                }
            }
        }
        var parser = JSONParser()
        var g = SplitMix64(seed: 3)
        for round in 0..<200 {
            let chosen = (0..<8).compactMap { _ in keys.randomElement(using: &g) }
            var expected = JSONObject()
            for (n, key) in chosen.enumerated() { expected.set(key, .number(JSONNumber(n))) }
            var text: [UInt8] = []
            JSONWriter.write(.object(expected), to: &text)
            if round % 2 == 0 { text += Array("   ".utf8) }  // keys near the end, or not
            #expect(try parse(text, with: &parser).get() == .object(expected))
            #expect(try parse(text, with: &parser).get().object?.keys == expected.keys)
        }
    }

    // MARK: Reuse and offsets

    @Test func parserIsReusableAfterFailures() throws {
        var parser = JSONParser()
        for bad in [#"{"a":[1,2,{"b":"#, #"[[[[["x", 1"#, "[1,]"] {
            #expect(parse(Array(bad.utf8), with: &parser).failure != nil)
            #expect(try parse(Array(#"{"k":[1,{"m":"v"}]}"#.utf8), with: &parser).get()
                == .object(["k": [1, .object(["m": "v"])]]))
        }
        // A string larger than the scratch buffer the parser keeps between parses.
        let big = String(repeating: "ab\\n\\u00e9", count: 200_000)
        let bigValue = try parse(Array("[\"\(big)\"]".utf8), with: &parser).get()
        #expect(bigValue.array?.first?.string == String(repeating: "ab\né", count: 200_000))
        let text = #"{"s":"with \"escapes\" inside"}"#
        #expect(try parse(Array(text.utf8), with: &parser).get() == .object(["s": "with \"escapes\" inside"]))
        #expect(try parse(Array(#""plain""#.utf8), with: &parser).get() == "plain")
    }

    @Test func errorOffsetsAndMessages() {
        #expect(parse("").failure == JSONParseError(.invalidJSON, offset: 0, "unexpected end of input"))
        #expect(parse("  ").failure == JSONParseError(.invalidJSON, offset: 2, "unexpected end of input"))
        #expect(parse(#"{"a" 1}"#).failure == JSONParseError(.invalidJSON, offset: 5, "expected ':' after object key"))
        #expect(parse("[1,]").failure == JSONParseError(.invalidJSON, offset: 3, "expected a value"))
        #expect(parse("[1").failure == JSONParseError(.invalidJSON, offset: 2, "unexpected end of input"))
        #expect(parse("[1 2]").failure == JSONParseError(.invalidJSON, offset: 3, "expected ',' or ']' after array element"))
        #expect(parse(#"{"a":1 "b":2}"#).failure == JSONParseError(.invalidJSON, offset: 7, "expected ',' or '}' after object member"))
        #expect(parse("{1:1}").failure == JSONParseError(.invalidJSON, offset: 1, "expected a string key"))
        #expect(parse("[1] x").failure == JSONParseError(.invalidJSON, offset: 4, "unexpected data after the value"))
        #expect(parse("[012]").failure == JSONParseError(.invalidJSON, offset: 2, "leading zero in number"))
        #expect(parse("[1.]").failure == JSONParseError(.invalidJSON, offset: 3, "expected a digit after '.'"))
        #expect(parse("[tru]").failure == JSONParseError(.invalidJSON, offset: 4, "invalid literal"))
        #expect(parse(#"["a\qb"]"#).failure == JSONParseError(.invalidJSON, offset: 3, "invalid escape"))
        #expect(parse(#"["ab\u12G4"]"#).failure == JSONParseError(.invalidJSON, offset: 4, "invalid \\u escape"))
        #expect(parse("[\"a\u{1}\"]").failure == JSONParseError(.invalidJSON, offset: 3, "unescaped control character in string"))
        #expect(parse(#"["abc"#).failure == JSONParseError(.invalidJSON, offset: 5, "unexpected end of input"))
        #expect(parse("\u{FEFF}[]").failure == JSONParseError(.invalidJSON, offset: 0, "byte order mark is not allowed"))
        #expect(parse(raw("[\"ab", 0xC0, 0xAF, "\"]")).failure == JSONParseError(.invalidUTF8, offset: 4, "invalid UTF-8"))
        #expect(parse(raw("[1,", 0xFF, "]")).failure == JSONParseError(.invalidUTF8, offset: 3, "invalid UTF-8"))
        #expect(parse(#"["x\uDC00"]"#).failure == JSONParseError(.invalidUTF8, offset: 3, "unpaired surrogate escape"))
        #expect(parse(#"["\uD800\u0041"]"#).failure == JSONParseError(.invalidUTF8, offset: 2, "unpaired surrogate escape"))
        #expect(parse(#"["\uD800\uZZZZ"]"#).failure == JSONParseError(.invalidJSON, offset: 8, "invalid \\u escape"))
    }

    @Test func mutatedInputsFailCleanlyOrRoundTrip() throws {
        // Seeded byte flips, insertions and cuts of valid texts: every outcome is either a
        // value that writes back to itself, or an error pointing inside the input.
        var g = SplitMix64(seed: 99)
        var parser = JSONParser()
        let interesting: [UInt8] = Array("{}[]\",:\\u0123456789eE+-.tfn \n".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xED, 0xF4, 0xFF]
        var failures = 0
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            JSONWriter.write(RandomJSON.randomValue(&g, depth: 2), to: &bytes)
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                let at = Int.random(in: 0...bytes.count, using: &g)
                let byte = interesting.randomElement(using: &g) ?? 0
                switch Int.random(in: 0..<4, using: &g) {
                case 0 where at < bytes.count: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                case 2 where at < bytes.count: bytes.remove(at: at)
                default: bytes = Array(bytes[..<at])
                }
            }
            switch parse(bytes, with: &parser) {
            case .success(let value):
                var again: [UInt8] = []
                JSONWriter.write(value, to: &again)
                #expect(try parse(again, with: &parser).get() == value)
            case .failure(let e):
                failures += 1
                #expect(e.offset >= 0 && e.offset <= bytes.count)
            }
        }
        #expect(failures > 1000)  // the mutations did reach the error paths
    }

    @Test func parsesFromAnOffsetBuffer() throws {
        // The parser reads only its buffer: bytes around a record in a larger chunk do not leak in.
        let chunk = Array("xx[1,\"a\"]yy".utf8)
        let value = try chunk.withUnsafeBytes { all throws(JSONParseError) -> JSONValue in
            var parser = JSONParser()
            return try parser.parse(UnsafeRawBufferPointer(rebasing: all[2..<9]))
        }
        #expect(value == [1, "a"])
        let truncated = chunk.withUnsafeBytes { all in
            var parser = JSONParser()
            return Result { () throws(JSONParseError) -> JSONValue in
                try parser.parse(UnsafeRawBufferPointer(rebasing: all[2..<8]))
            }
        }
        #expect(truncated.failure == JSONParseError(.invalidJSON, offset: 6, "unexpected end of input"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
