import Converters
import JSON
import FuzzSupport

/// Every framer (NDJSON, JSON array, both envelopes, concatenated JSON, and detection) on arbitrary bytes. The
/// first byte picks the container, the second the chunking. Properties: no crash; the same
/// records, counters and fault whole, byte by byte and through a tiny reader buffer; each
/// record's bytes are the input's bytes at its offset; numbers count up from 1.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let all = fuzzBytes(data, size)
    guard all.count >= 2 else { return 0 }
    let containers: [Container?] = [nil, .ndjson, .json, .usersEnvelope, .attributesEnvelope, .concat]
    let container = containers[Int(all[0]) % containers.count]
    let input = Array(all.dropFirst(2))
    let maxRecordBytes = 64 + Int(all[1] >> 4) * 64
    let whole = FramingRun(input, container: container, maxRecordBytes: maxRecordBytes)
    let chunk = Int(all[1] & 0x0F) + 1
    let ways = [
        ("byte by byte", FramingRun(input, container: container, maxRecordBytes: maxRecordBytes, chunkSizes: [1])),
        ("chunks of \(chunk)", FramingRun(input, container: container, maxRecordBytes: maxRecordBytes, chunkSizes: [chunk, 1, chunk + 2])),
        ("reader chunk \(chunk)", FramingRun(input, container: container, maxRecordBytes: maxRecordBytes, readerChunkSize: chunk)),
    ]
    for (way, run) in ways {
        fuzzCheck(run == whole, "\(way) differs from the whole read: \(run) vs \(whole)")
    }
    for (i, record) in whole.records.enumerated() {
        fuzzCheck(record.number == i + 1, "record numbers")
        let start = Int(record.offset)
        fuzzCheck(start >= 0 && start + Int(record.length) <= input.count, "record outside the input")
        let expected = record.isOversized ? min(Int(record.length), 4096) : Int(record.length)
        fuzzCheck(record.isOversized == (record.length > Int64(maxRecordBytes)), "oversized flag")
        fuzzCheck(record.bytes == Array(input[start..<start + expected]), "record bytes are not the input's")
    }
    return 0
}
