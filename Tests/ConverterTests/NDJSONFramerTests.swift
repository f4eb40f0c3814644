import Converters
import JSON
import Testing

@Suite struct NDJSONFramerTests {
    @Test func linesEndedByLFOrCRLF() {
        let out = FramingVerifier.verify("{\"a\":1}\n{\"b\":2}\r\n[3]\n", container: .ndjson)
        #expect(out.texts == ["{\"a\":1}", "{\"b\":2}", "[3]"])
        #expect(out.numbers == [1, 2, 3])
        #expect(out.offsets == [0, 8, 17])
        #expect(out.lengths == [7, 7, 3])
        #expect(out.counters.blankLines == 0)
        #expect(out.fault == nil)
    }

    @Test func mixedLineEndsAndLastLineWithoutNewline() {
        let out = FramingVerifier.verify("1\r\n2\n3\r\n4", container: .ndjson)
        #expect(out.texts == ["1", "2", "3", "4"])
        #expect(out.offsets == [0, 3, 5, 8])
        #expect(out.lengths == [1, 1, 1, 1])
    }

    @Test func lastLineWithoutNewlineEndingInCR() {
        let out = FramingVerifier.verify("1\n{}\r", container: .ndjson)
        #expect(out.texts == ["1", "{}"])
        #expect(out.lengths == [1, 2])
    }

    @Test func blankAndWhitespaceOnlyLinesAreSkippedAndCounted() {
        let out = FramingVerifier.verify("\n1\n\n \t\r\n  2  \n\r\n3\n", container: .ndjson)
        #expect(out.texts == ["1", "2"] + ["3"])
        #expect(out.numbers == [1, 2, 3])
        #expect(out.offsets == [1, 10, 16])
        #expect(out.counters.blankLines == 4)
    }

    @Test func trailingNewlineIsNotABlankLine() {
        #expect(FramingVerifier.verify("1\n", container: .ndjson).counters.blankLines == 0)
        #expect(FramingVerifier.verify("1\n\n", container: .ndjson).counters.blankLines == 1)
        #expect(FramingVerifier.verify("\n", container: .ndjson).counters.blankLines == 1)
    }

    @Test func whitespaceOnlyLastLineIsABlankLine() {
        let out = FramingVerifier.verify("1\n  \t", container: .ndjson)
        #expect(out.texts == ["1"])
        #expect(out.counters.blankLines == 1)
    }

    @Test func emptyAndWhitespaceOnlyInputHaveNoRecords() {
        let empty = FramingVerifier.verify("", container: .ndjson)
        #expect(empty.records.isEmpty && empty.fault == nil && empty.counters.blankLines == 0)
        let spaces = FramingVerifier.verify(" \r\n\n", container: .ndjson)
        #expect(spaces.records.isEmpty && spaces.counters.blankLines == 2)
    }

    @Test func recordStartsAtFirstNonWhitespaceAndEndsAtLastOne() {
        let out = FramingVerifier.verify("  \t{\"a\": \"x y\"} \t\r\n", container: .ndjson)
        #expect(out.texts == ["{\"a\": \"x y\"}"])
        #expect(out.offsets == [3])
        #expect(out.lengths == [12])
    }

    @Test func bytesAreNotParsed() {
        // Framing does not judge records: the parser rejects these one by one.
        let out = FramingVerifier.verify("not json\n{\"a\":\n\"]\n", container: .ndjson)
        #expect(out.texts == ["not json", "{\"a\":", "\"]"])
        #expect(out.fault == nil)
    }

    @Test func invalidUTF8InsideARecordIsTheRecordsOwn() {
        let out = FramingVerifier.verify([0x22, 0xFF, 0x22, 0x0A, 0x31], container: .ndjson)
        #expect(out.records.map(\.bytes) == [[0x22, 0xFF, 0x22], [0x31]])
        #expect(out.fault == nil)
    }

    @Test func longLinesSpanningManyChunks() {
        let long = String(repeating: "x", count: 3000)
        let out = FramingVerifier.verify("\(long)\r\n\(long)y", container: .ndjson)
        #expect(out.texts == [long, long + "y"])
        #expect(out.offsets == [0, 3002])
    }

    @Test func directUseOfTheFramer() throws {
        // The contract without the reader: events, indexes and trailing whitespace.
        var framer = NDJSONFramer()
        var steps: [(FrameEvent, Int, Int)] = []
        let bytes: [UInt8] = Array("a \r\nb".utf8)
        var failure: FramingError?
        bytes.withUnsafeBytes { buffer in
            var index = 0
            do throws(FramingError) {
                for _ in 0..<4 {
                    let event = try framer.advance(buffer, from: &index)
                    steps.append((event, index, framer.trailingWhitespace))
                }
            } catch {
                failure = error
            }
        }
        #expect(failure == nil)
        #expect(steps.map(\.0) == [.recordStart, .recordEnd, .recordStart, .needMore])
        #expect(steps.map(\.1) == [0, 4, 4, 5])
        #expect(steps[1].2 == 3)  // " \r\n"
        #expect(try framer.finish())
        #expect(framer.trailingWhitespace == 0)
    }
}
