import Converters
import JSON
import Testing

@Suite struct JSONArrayFramerTests {
    @Test func elementsOfAnArray() {
        let out = FramingVerifier.verify("[{\"a\":1}, {\"b\":[2,3]} ,\n {}]", container: .json)
        #expect(out.texts == ["{\"a\":1}", "{\"b\":[2,3]}", "{}"])
        #expect(out.numbers == [1, 2, 3])
        #expect(out.offsets == [1, 10, 25])
        #expect(out.lengths == [7, 11, 2])
        #expect(out.fault == nil)
    }

    @Test func scalarsAreElements() {
        let out = FramingVerifier.verify(" [ 1 , -2.5e3,true,null , \"x\" ] ", container: .json)
        #expect(out.texts == ["1", "-2.5e3", "true", "null", "\"x\""])
        #expect(out.offsets == [3, 7, 14, 19, 26])
    }

    @Test func stringsHideSeparatorsAndBrackets() {
        let text = #"["a,b]", "}{[", {"k": "v]}\",[", "q": "\\"}, "\\\"", "tail\\\\"]"#
        let out = FramingVerifier.verify(text, container: .json)
        #expect(out.texts == [#""a,b]""#, #""}{[""#, #"{"k": "v]}\",[", "q": "\\"}"#, #""\\\"""#, #""tail\\\\""#])
    }

    @Test func nestedArraysAndObjects() {
        let out = FramingVerifier.verify(#"[[1,[2,[3]]],{"a":{"b":[{"c":[]}]}},[[]]]"#, container: .json)
        #expect(out.texts == ["[1,[2,[3]]]", #"{"a":{"b":[{"c":[]}]}}"#, "[[]]"])
    }

    @Test func elementEndsAtItsLastNonWhitespaceByte() {
        let out = FramingVerifier.verify("[1 2 \t\r\n , {\"a\" : 1}\n\n]", container: .json)
        #expect(out.texts == ["1 2", "{\"a\" : 1}"])
        #expect(out.lengths == [3, 9])
    }

    @Test func emptyArrayAndEmptyInputHaveNoRecords() {
        for text in ["[]", " [ \n ] \n", "", " \r\n\t"] {
            let out = FramingVerifier.verify(text, container: .json)
            #expect(out.records.isEmpty, "\(text)")
            #expect(out.fault == nil, "\(text)")
        }
    }

    @Test func mismatchedBracketsInsideAnElementStayInIt() {
        // Only a `]` at depth 0 closes the array; the parser rejects these elements later.
        let out = FramingVerifier.verify(#"[{"a":1], 2, }, {]]"#, container: .json)
        #expect(out.texts == [#"{"a":1]"#, "2", "}", "{]"])
        #expect(out.fault == nil)
    }

    @Test func notAnArray() {
        let out = FramingVerifier.verify("  {\"a\":1}", container: .json)
        #expect(out.records.isEmpty)
        #expect(out.fault?.code == .invalidFraming)
        #expect(out.fault?.offset == 2)
        #expect(out.fault?.record == nil)
    }

    @Test(arguments: [
        ("[1,,2]", 3, 1), ("[1,]", 3, 1), ("[,]", 1, nil), ("[ , 1]", 2, nil), ("[1, ]", 4, 1),
    ] as [(String, Int64, Int?)])
    func emptyElements(_ text: String, offset: Int64, record: Int?) {
        let out = FramingVerifier.verify(text, container: .json)
        #expect(out.fault?.code == .invalidFraming)
        #expect(out.fault?.offset == offset)
        #expect(out.fault?.record == record)
    }

    @Test func trailingGarbage() {
        let out = FramingVerifier.verify("[1,2] \n x", container: .json)
        #expect(out.texts == ["1", "2"])
        #expect(out.fault?.code == .trailingGarbage)
        #expect(out.fault?.offset == 8)
        #expect(out.fault?.record == 2)
        #expect(FramingVerifier.verify("[][]", container: .json).fault?.offset == 2)
        #expect(FramingVerifier.verify("[1] \n", container: .json).fault == nil)
    }

    @Test(arguments: ["[", "[1", "[1,", "[\"a,]", "[{\"a\":[1]}", "[\"\\", "[1 "])
    func truncated(_ text: String) {
        let out = FramingVerifier.verify(text, container: .json)
        #expect(out.fault?.code == .truncatedJSON)
        #expect(out.fault?.offset == Int64(text.utf8.count))
    }

    @Test func truncatedFaultNamesTheRecordInProgress() {
        let out = FramingVerifier.verify("[1, 2, {\"a\":", container: .json)
        #expect(out.texts == ["1", "2"])
        #expect(out.fault?.record == 3)
    }

    @Test func escapesAndQuotesAtEveryPositionOfAWord() {
        // Strings are scanned 8 bytes at a time: put the escape and the closing quote everywhere.
        var elements: [String] = []
        for before in 0..<18 {
            for after in [0, 1, 7, 8, 9] {
                let a = String(repeating: "a", count: before), b = String(repeating: "b", count: after)
                elements.append(#""\#(a)\"\#(b)""#)
                elements.append(#"["\#(a)\\", "\#(b)]"]"#)
            }
        }
        let out = FramingVerifier.verify("[" + elements.joined(separator: ",") + "]", container: .json)
        #expect(out.texts == elements)
    }

    @Test func elementsSpanningChunks() {
        let big = "{\"s\":\"" + String(repeating: "a,]\\\"", count: 1000) + "\"}"
        let out = FramingVerifier.verify("[\(big) ,\(big)]", container: .json)
        #expect(out.texts == [big, big])
        #expect(out.offsets == [1, Int64(big.utf8.count) + 3])
    }
}
