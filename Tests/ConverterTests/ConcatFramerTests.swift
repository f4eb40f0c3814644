import Converters
import JSON
import Testing

@Suite struct ConcatFramerTests {
    @Test func prettyPrintedObjectsOneAfterAnother() {
        let text = "{\n  \"a\": 1,\n  \"b\": {\"c\": [1, 2]}\n}\n{\n  \"d\": \"x\"\n}\n"
        let out = FramingVerifier.verify(text, container: .concat)
        #expect(out.texts == ["{\n  \"a\": 1,\n  \"b\": {\"c\": [1, 2]}\n}", "{\n  \"d\": \"x\"\n}"])
        #expect(out.numbers == [1, 2])
        #expect(out.offsets == [0, 35])
        #expect(out.fault == nil)
    }

    @Test func valuesWithNothingOrAnyWhitespaceBetween() {
        let out = FramingVerifier.verify("{\"a\":1}{\"b\":2}\r\n\t [3] \"s\"{}", container: .concat)
        #expect(out.texts == ["{\"a\":1}", "{\"b\":2}", "[3]", "\"s\"", "{}"])
        #expect(out.offsets == [0, 7, 18, 22, 25])
    }

    @Test func bracketsAndQuotesInsideStringsDoNotCount() {
        let text = #"{"a": "}{][", "b": "\"}", "c": "\\"}{"d": "\\\""}"#
        let out = FramingVerifier.verify(text, container: .concat)
        #expect(out.texts == [#"{"a": "}{][", "b": "\"}", "c": "\\"}"#, #"{"d": "\\\""}"#])
    }

    @Test func bareValuesRunToWhitespaceOrTheNextValue() {
        // Each becomes one record, which the parser then accepts or rejects.
        let out = FramingVerifier.verify("12 true{\"a\":1}} nul\n-1[2]", container: .concat)
        #expect(out.texts == ["12", "true", "{\"a\":1}", "}", "nul", "-1", "[2]"])
    }

    @Test func mismatchedBracketsEndTheValueByDepthOnly() {
        let out = FramingVerifier.verify("{\"a\": [1}\n]{\"b\": 2}", container: .concat)
        #expect(out.texts == ["{\"a\": [1}\n]", "{\"b\": 2}"])
    }

    @Test func aValueCutShortIsAFault() {
        let object = FramingVerifier.verify("{\"a\": 1}\n{\"b\": [1,\n", container: .concat)
        #expect(object.texts == ["{\"a\": 1}"])
        #expect(object.fault?.code == .truncatedJSON)
        #expect(object.fault?.offset == 19)
        #expect(object.fault?.record == 2)
        let string = FramingVerifier.verify("\"abc\\", container: .concat)
        #expect(string.fault?.code == .truncatedJSON)
    }

    @Test func emptyAndWhitespaceInputsHaveNoRecords() {
        #expect(FramingVerifier.verify("", container: .concat).records.isEmpty)
        let spaces = FramingVerifier.verify(" \n\r\n\t", container: .concat)
        #expect(spaces.records.isEmpty && spaces.fault == nil && spaces.counters.blankLines == 0)
    }

    @Test func oversizedValuesKeepOnlyTheirStart() {
        let big = "{\n\"a\": \"" + String(repeating: "y", count: 5000) + "\"\n}"
        let out = FramingVerifier.verify(big + "\n{\"b\": 1}", container: .concat, maxRecordBytes: 1024)
        #expect(out.oversized == [true, false])
        #expect(out.lengths == [Int64(big.utf8.count), 8])
        #expect(out.records[0].bytes.count == Frame.prefixLength)
    }
}
