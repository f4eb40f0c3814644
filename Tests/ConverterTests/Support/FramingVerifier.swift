import SampleData
import JSON
import Schemas
import Converters
import Testing

/// Everything a `FrameReader` made of one input: what must not depend on how it was chunked.
struct FramingOutcome: Equatable {
    struct Record: Equatable {
        var bytes: [UInt8]
        var number: Int
        var offset: Int64
        var length: Int64
        var isOversized: Bool
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    var container: Container
    var records: [Record] = []
    var counters = FramingCounters()
    var fault: InputFault?
    var bytesRead: Int64 = 0

    var texts: [String] { records.map(\.text) }
    var numbers: [Int] { records.map(\.number) }
    var offsets: [Int64] { records.map(\.offset) }
    var lengths: [Int64] { records.map(\.length) }
    var oversized: [Bool] { records.map(\.isOversized) }
}

/// Reads every input several ways, in the spirit of SwiftNIO's `ByteToMessageDecoderVerifier`:
/// whole, byte by byte, in seeded random chunks, and through a tiny reader buffer. All ways
/// must agree; the agreed outcome is returned for the test's own expectations.
enum FramingVerifier {
    static let seeds: [UInt64] = [1, 7, 2024]

    static func read(
        _ input: [UInt8], container: Container?, maxRecordBytes: Int,
        chunkSizes: [Int] = [], readerChunkSize: Int = 1 << 20
    ) -> FramingOutcome {
        let reader = FrameReader(
            source: MemorySource(input, chunkSizes: chunkSizes), container: container,
            maxRecordBytes: maxRecordBytes, chunkSize: readerChunkSize)
        var outcome = FramingOutcome(container: container ?? .ndjson)
        do {
            while let frame = try reader.next() {
                outcome.records.append(.init(
                    bytes: Array(frame.bytes), number: frame.number, offset: frame.offset,
                    length: frame.length, isOversized: frame.isOversized))
            }
        } catch {
            outcome.fault = error
        }
        outcome.container = reader.container
        outcome.counters = reader.counters
        // How far a source was read before a fault depends on its chunking.
        outcome.bytesRead = outcome.fault == nil ? reader.bytesRead : -1
        return outcome
    }

    static func randomChunkSizes(count: Int, seed: UInt64, largest: Int = 23) -> [Int] {
        var generator = SplitMix64(seed: seed)
        return (0..<max(count, 1)).map { _ in Int(generator.next() % UInt64(largest)) + 1 }
    }

    @discardableResult
    static func verify(
        _ input: [UInt8], container: Container?, maxRecordBytes: Int = 1 << 20,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> FramingOutcome {
        let whole = read(input, container: container, maxRecordBytes: maxRecordBytes)
        var ways: [(String, FramingOutcome)] = [
            ("byte by byte", read(input, container: container, maxRecordBytes: maxRecordBytes, chunkSizes: [1])),
            ("reader chunk 5", read(input, container: container, maxRecordBytes: maxRecordBytes, readerChunkSize: 5)),
        ]
        for seed in seeds {
            let sizes = randomChunkSizes(count: input.count, seed: seed)
            ways.append(("random chunks, seed \(seed)",
                         read(input, container: container, maxRecordBytes: maxRecordBytes, chunkSizes: sizes)))
        }
        for (way, outcome) in ways {
            #expect(outcome == whole, "read \(way) differs from the whole read", sourceLocation: sourceLocation)
        }
        #expect(whole.fault != nil || whole.bytesRead == Int64(input.count), sourceLocation: sourceLocation)
        return whole
    }

    @discardableResult
    static func verify(
        _ text: String, container: Container?, maxRecordBytes: Int = 1 << 20,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> FramingOutcome {
        verify(Array(text.utf8), container: container, maxRecordBytes: maxRecordBytes, sourceLocation: sourceLocation)
    }
}
