import SampleData
import JSON
import Schemas
import Converters
import Testing

@Suite struct FrameReaderTests {
    static let big = "{\"s\":\"" + String(repeating: "0123456789", count: 1000) + "\"}"  // 10008 bytes

    @Test(arguments: [
        (Container.ndjson, "1\n\(big)\n2\n", [0, 2, 10011] as [Int64]),
        (.json, "[1, \(big) ,2]", [1, 4, 10014]),
        (.usersEnvelope, "{\"users\": [1,\(big),2]}", [11, 13, 10022]),
        (.attributesEnvelope, "{\"attributes\": [1,\(big),2]}", [16, 18, 10027]),
    ])
    func oversizedRecordKeepsAPrefixAndTheNextRecordIsFound(_ container: Container, _ text: String, _ offsets: [Int64]) {
        let out = FramingVerifier.verify(text, container: container, maxRecordBytes: 5000)
        #expect(out.fault == nil)
        #expect(out.numbers == [1, 2, 3])
        #expect(out.offsets == offsets)
        #expect(out.lengths == [1, 10008, 1])
        #expect(out.oversized == [false, true, false])
        #expect(out.records.map(\.bytes.count) == [1, 4096, 1])
        #expect(out.records.count == 3 && out.records[1].text == String(Self.big.prefix(4096)))
        #expect(out.texts.last == "2")
    }

    @Test func recordOfExactlyTheLimitIsNotOversizedWhateverFollowsIt() {
        let record = "\"" + String(repeating: "x", count: 4998) + "\""
        let spaces = String(repeating: " ", count: 3000)
        let ndjson = FramingVerifier.verify("\(record)\(spaces)\r\n\(record)1\n", container: .ndjson, maxRecordBytes: 5000)
        #expect(ndjson.oversized == [false, true])
        #expect(ndjson.lengths == [5000, 5001])
        #expect(ndjson.texts.first == record)
        let array = FramingVerifier.verify("[\(record)\(spaces)\n, \(record) ]", container: .json, maxRecordBytes: 5000)
        #expect(array.oversized == [false, false])
        #expect(array.texts == [record, record])
        let over = FramingVerifier.verify("[\(record)1 , 1]", container: .json, maxRecordBytes: 5000)
        #expect(over.oversized == [true, false])
        #expect(over.lengths == [5001, 1])
    }

    @Test func smallLimitKeepsTheWholeShortOversizedRecord() {
        let out = FramingVerifier.verify("12345678901234567890\n1\n", container: .ndjson, maxRecordBytes: 10)
        #expect(out.oversized == [true, false])
        #expect(out.texts == ["12345678901234567890", "1"])
    }

    @Test func leadingByteOrderMarkIsSkippedButCounted() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let ndjson = FramingVerifier.verify(bom + Array("{\"a\":1}\n2".utf8), container: .ndjson)
        #expect(ndjson.texts == ["{\"a\":1}", "2"])
        #expect(ndjson.offsets == [3, 11])
        let array = FramingVerifier.verify(bom + Array(" [1]".utf8), container: nil)
        #expect(array.container == .json)
        #expect(array.offsets == [5])
        let onlyMark = FramingVerifier.verify(bom, container: nil)
        #expect(onlyMark.records.isEmpty && onlyMark.fault == nil && onlyMark.bytesRead == 3)
        // Not a whole mark: the bytes are a record's own (the parser rejects it).
        let partial = FramingVerifier.verify([0xEF, 0xBB, 0x0A, 0x31], container: .ndjson)
        #expect(partial.records.map(\.bytes) == [[0xEF, 0xBB], [0x31]])
        // Only at the start of the stream.
        let later = FramingVerifier.verify(Array("1\n".utf8) + bom + Array("2".utf8), container: .ndjson)
        #expect(later.records.map(\.bytes) == [[0x31], bom + [0x32]])
    }

    @Test(arguments: [
        ([0xFF, 0xFE, 0x7B, 0x00], "UTF-16LE"), ([0xFE, 0xFF, 0x00, 0x7B], "UTF-16BE"),
        ([0xFF, 0xFE, 0x00, 0x00, 0x7B, 0, 0, 0], "UTF-32LE"), ([0x7B, 0x00, 0x7D, 0x00], "UTF-16LE"),
        ([0x00, 0x5B, 0x00, 0x5D], "UTF-16BE"), ([0x00, 0x00, 0x00, 0x7B], "UTF-32BE"),
        ([0x7B, 0x00, 0x00, 0x00], "UTF-32LE"), ([0x31, 0x00], "UTF-16LE"),
    ] as [([UInt8], String)])
    func wideEncodingsAreAFaultAtTheStart(bytes: [UInt8], encoding: String) {
        for container in [nil, Container.ndjson, .json] {
            let out = FramingVerifier.verify(bytes, container: container)
            #expect(out.fault?.code == .invalidUTF8, "\(container.map(\.rawValue) ?? "detect")")
            #expect(out.fault?.message.contains(encoding) == true)
            #expect(out.records.isEmpty)
        }
        // A zero byte later on belongs to a record (the parser rejects it), not to the encoding.
        let later = FramingVerifier.verify(Array("12\n".utf8) + [0x00, 0x31], container: .ndjson)
        #expect(later.fault == nil && later.records.count == 2)
    }

    @Test func faultsCarryStreamOffsetAndRecordAndRepeat() throws {
        let reader = FrameReader(
            source: MemorySource(Array("[1, 2] x".utf8), chunkSizes: [3]), container: .json, maxRecordBytes: 100)
        #expect(try reader.next()?.number == 1)
        #expect(try reader.next()?.number == 2)
        let expected = InputFault(.trailingGarbage, "data after the end of the JSON array", offset: 7, record: 2)
        #expect(throws: expected) { try reader.next() }
        #expect(throws: expected) { try reader.next() }
    }

    @Test func endOfInputStaysEnded() throws {
        let reader = FrameReader(source: MemorySource(Array("1".utf8)), container: nil, maxRecordBytes: 100)
        #expect(try reader.next()?.number == 1)
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
        #expect(reader.bytesRead == 1)
    }

    @Test func detectContainerBeforeReading() throws {
        let reader = FrameReader(
            source: MemorySource(Array(#"{"attributes": [{"a": 1}]}"#.utf8), chunkSizes: [2]),
            container: nil, maxRecordBytes: 100)
        #expect(reader.container == .ndjson)  // not detected yet
        #expect(try reader.detectContainer() == .attributesEnvelope)
        #expect(reader.container == .attributesEnvelope)
        let frame = try reader.next()
        #expect(frame.map { String(decoding: $0.bytes, as: UTF8.self) } == #"{"a": 1}"#)
        #expect(try reader.next() == nil)
        #expect(reader.counters.envelopes == 1)
    }

    @Test func sourceFaultsPassThroughWithTheRecordNumber() {
        let reader = FrameReader(source: FailingSource(Array("1\n22\n3".utf8), failAfter: 4),
                                  container: .ndjson, maxRecordBytes: 100, chunkSize: 2)
        var numbers: [Int] = []
        do {
            while let frame = try reader.next() { numbers.append(frame.number) }
            Issue.record("no fault")
        } catch {
            #expect(error.code == .corruptGzip)
            #expect(error.offset == 42)
            #expect(error.record == 2)
        }
        #expect(numbers == [1])
    }

    @Test func manyRecordsSpanningReaderChunks() {
        var text = ""
        var expected: [String] = []
        var generator = SplitMix64(seed: 99)
        for i in 0..<300 {
            let record = "{\"i\":\(i),\"s\":\"" + String(repeating: "x", count: Int(generator.next() % 40)) + "\"}"
            expected.append(record)
            text += record + (i % 3 == 0 ? "\r\n" : "\n")
        }
        let out = FramingVerifier.verify(text, container: .ndjson)
        #expect(out.texts == expected)
        let array = FramingVerifier.verify("[" + expected.joined(separator: ",\n") + "]", container: .json)
        #expect(array.texts == expected)
    }
}

/// Hands out its bytes, then fails the way a corrupt gzip member would.
final class FailingSource: ByteSource {
    private let inner: MemorySource
    private var left: Int

    init(_ bytes: [UInt8], failAfter: Int) {
        inner = MemorySource(bytes)
        left = failAfter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int {
        guard left > 0 else { throw InputFault(.corruptGzip, "invalid deflate data", offset: 42) }
        let count = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, left)]))
        left -= count
        return count
    }
}
