import SampleData
import Converters
import JSON
import Schemas
import Testing

@Suite struct JSONWriterTests {
    /// The escaping rule written out plainly, one byte at a time, to compare the fast path with.
    static func referenceLiteral(_ s: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for c in s.utf8 {
            switch c {
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case 0x08: out += Array(#"\b"#.utf8)
            case 0x0C: out += Array(#"\f"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array(#"\u00"#.utf8) + [hex[Int(c >> 4)], hex[Int(c & 0xF)]]
            default: out.append(c)
            }
        }
        out.append(0x22)
        return out
    }

    static func literal(_ s: String) -> String {
        var out: [UInt8] = []
        JSONWriter.writeString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func escapingTable() {
        #expect(Self.literal("") == #""""#)
        #expect(Self.literal("\"") == #""\"""#)
        #expect(Self.literal("\\") == #""\\""#)
        #expect(Self.literal("\u{8}\u{C}\n\r\t") == #""\b\f\n\r\t""#)
        #expect(Self.literal("\u{0}") == #""\u0000""#)
        #expect(Self.literal("\u{1}\u{B}\u{E}\u{1A}\u{1F}") == #""\u0001\u000b\u000e\u001a\u001f""#)
        #expect(Self.literal("/") == #""/""#)
        #expect(Self.literal("\u{7F}") == "\"\u{7F}\"")
        #expect(Self.literal("Zoë 東京 😀 \u{10FFFF}") == "\"Zoë 東京 😀 \u{10FFFF}\"")
        #expect(Self.literal("\u{2028}\u{2029}") == "\"\u{2028}\u{2029}\"")
        // Every single byte below 0x80 against the plain rule.
        for b in 0..<0x80 {
            let s = String(decoding: [UInt8(b)], as: UTF8.self)
            var out: [UInt8] = []
            JSONWriter.writeString(s, to: &out)
            #expect(out == Self.referenceLiteral(s), "byte \(b)")
        }
    }

    @Test func escapesAtEveryWordPosition() {
        // Escape-worthy bytes before, inside and after 8-byte words, next to non-ASCII.
        for k in 0..<20 {
            let pad = String(repeating: "a", count: k)
            for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "é", "😀", "\u{7F}"] {
                for s in [pad + special, special + pad, pad + special + pad + special, pad + special + "bcdefghijk"] {
                    var out: [UInt8] = []
                    JSONWriter.writeString(s, to: &out)
                    #expect(out == Self.referenceLiteral(s), "\(Array(s.utf8))")
                }
            }
        }
    }

    @Test func appendsToExistingBytes() {
        var out = Array("prefix ".utf8)
        JSONWriter.writeString("a\"b", to: &out)
        JSONWriter.write([1, "x"], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"prefix "a\"b"[1,"x"]"#)
    }

    @Test func compactOutputInKeyOrder() {
        #expect(written(.object(["a": 1, "b": [true, nil]])) == #"{"a":1,"b":[true,null]}"#)
        #expect(written(.object(["z": 1, "a": 2, "m": .object(["y": false, "b": "s"])]))
            == #"{"z":1,"a":2,"m":{"y":false,"b":"s"}}"#)
        #expect(written(.object(JSONObject())) == "{}")
        #expect(written([]) == "[]")
        #expect(written([[], [[]], .object(JSONObject())]) == "[[],[[]],{}]")
        #expect(written("") == #""""#)
        #expect(written(nil) == "null")
        #expect(written(true) == "true")
        #expect(written(false) == "false")
        #expect(written(.object(["k\"ey\n": "v"])) == #"{"k\"ey\n":"v"}"#)
    }

    @Test func numbersAreWrittenAsTheirText() {
        for text in ["0", "-0", "1.0", "1E+2", "1e-7", "-12.50", "123456789012345678901234567890", "1.5e+9999"] {
            #expect(written(number(text)) == text)
        }
        #expect(written([number("1.10"), 7, number("-0.0")]) == "[1.10,7,-0.0]")
    }

    @Test func duplicateFreeAfterParseRewritesInFirstPosition() throws {
        let value = try parse(#"{"a":1,"b":2,"a":3}"#).get()
        #expect(written(value) == #"{"a":3,"b":2}"#)
    }

    // MARK: Round trip

    @Test func generatedNumbersAreValid() {
        var g = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let text = RandomJSON.randomNumber(&g)
            #expect(JSONNumber.isValid(text), "\(text)")
        }
    }

    @Test func parseOfWriteIsIdentity() throws {
        var g = SplitMix64(seed: 0x5EED)
        var parser = JSONParser()
        for _ in 0..<3000 {
            let value = RandomJSON.randomValue(&g, depth: 0)
            var out: [UInt8] = []
            JSONWriter.write(value, to: &out)
            let back = try parse(out, with: &parser).get()
            #expect(back == value)
            #expect(parser.duplicateKeys.isEmpty)
            // Byte-for-byte stable on the second pass too.
            var again: [UInt8] = []
            JSONWriter.write(back, to: &again)
            #expect(again == out)
        }
    }

    @Test func stringsMatchTheReferenceEscaper() {
        var g = SplitMix64(seed: 42)
        for _ in 0..<3000 {
            let s = RandomJSON.randomString(&g)
            var out: [UInt8] = []
            JSONWriter.writeString(s, to: &out)
            #expect(out == Self.referenceLiteral(s))
        }
    }
}
