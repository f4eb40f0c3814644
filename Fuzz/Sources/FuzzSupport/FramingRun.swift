import Converters
import JSON

/// Everything a `FrameReader` made of one input; it must not depend on the chunking.
public struct FramingRun: Equatable {
    public struct Record: Equatable {
        public var bytes: [UInt8]
        public var number: Int
        public var offset: Int64
        public var length: Int64
        public var isOversized: Bool
    }

    public var container: Container
    public var records: [Record] = []
    public var counters = FramingCounters()
    public var fault: InputFault?

    public init(_ input: [UInt8], container: Container?, maxRecordBytes: Int, chunkSizes: [Int] = [],
                readerChunkSize: Int = 1 << 16) {
        let reader = FrameReader(
            source: MemorySource(input, chunkSizes: chunkSizes), container: container,
            maxRecordBytes: maxRecordBytes, chunkSize: readerChunkSize)
        self.container = container ?? .ndjson
        do {
            while let frame = try reader.next() {
                records.append(Record(bytes: Array(frame.bytes), number: frame.number, offset: frame.offset,
                                      length: frame.length, isOversized: frame.isOversized))
            }
        } catch {
            fault = error
        }
        self.container = reader.container
        counters = reader.counters
    }
}
