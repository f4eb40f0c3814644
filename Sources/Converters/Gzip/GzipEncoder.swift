import JSON
import Foundation

/// Compresses to gzip in front of another `ByteSink`, on background threads.
///
/// Compression is the largest single cost of a run, so `write` only copies into buffers of
/// `bufferSize` bytes and hands each full one over. Each buffer becomes one complete gzip member
/// (RFC 1952 allows any number; gzip, zcat, Spark and our reader read them as one stream),
/// compressed with libdeflate, which is several times faster than zlib's streaming deflate.
/// Members being independent, `threads` compressor threads work at once, and each writes its
/// member to `sink` in turn, in input order. At most `buffers` buffers exist, so memory stays
/// constant and a writer faster than the compressors waits. The output bytes depend only on
/// the input and `bufferSize`, not on how writes are split or on thread timing. An empty input
/// is one empty member.
///
/// A failure of a compressor or of `sink` is thrown by the next `write` or by `finish`, and by
/// every call after. `finish` waits for the threads and finishes `sink`. `cancel` (or dropping
/// the encoder) stops the threads and writes the header of a member that never ends, so that a
/// reader sees a truncated stream rather than a shorter one; do that before closing or aborting
/// whatever `sink` writes to, as a thread may still be writing to it.
public final class GzipEncoder: ByteSink {
    private let pool: CompressorPool
    /// The buffer being filled; the producer owns it until it is handed over.
    private var current: CompressorPool.Ticket?
    private var ended = false

    /// Uncompressed bytes written so far.
    public private(set) var bytesIn: Int64 = 0

    /// - Parameters:
    ///   - level: 1 (fastest) to 9 (smallest); gzip's default is 6.
    ///   - bufferSize: bytes per hand-over buffer, and so per gzip member.
    ///   - buffers: buffers in all (filling, queued, being compressed); at least threads + 1.
    ///   - threads: compressor threads.
    public init(
        _ sink: ByteSink, level: Int = 6, bufferSize: Int = 1 << 20, buffers: Int = 4, threads: Int = 2
    ) throws(OutputFailure) {
        guard (1...9).contains(level) else {
            throw OutputFailure("gzip level must be 1 to 9, not \(level)")
        }
        let threads = max(threads, 1)
        var compressors: [GzipMemberCompressor] = []
        for _ in 0..<threads {
            guard let c = GzipMemberCompressor(level: level) else {
                throw OutputFailure("gzip: could not allocate a \(LibDeflate.backendName) compressor")
            }
            compressors.append(c)
        }
        pool = CompressorPool(
            sink: sink, bufferSize: max(bufferSize, 1), buffers: max(buffers, threads + 1),
            outputSize: compressors[0].bound(max(bufferSize, 1)), compressors: compressors
        )
        current = pool.first()
    }

    deinit {
        cancel()
    }

    /// Compressed bytes written to `sink` so far (all of them after `finish`).
    public var bytesOut: Int64 { pool.bytesOut }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure) {
        try pool.checkFailure()
        guard !ended else { throw OutputFailure("gzip: write after finish") }
        var rest = bytes
        while !rest.isEmpty {
            guard var chunk = current else { throw OutputFailure("gzip: write after finish") }
            let n = min(rest.count, chunk.item.input.count - chunk.item.count)
            if let to = chunk.item.input.baseAddress, let from = rest.baseAddress {
                (to + chunk.item.count).copyMemory(from: from, byteCount: n)
            }
            chunk.item.count += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            bytesIn += Int64(n)
            if chunk.item.count == chunk.item.input.count {
                current = nil
                current = try pool.handOver(chunk)
            } else {
                current = chunk
            }
        }
    }

    /// Compresses what is left, waits for the threads and finishes `sink`; throws the first
    /// failure met on the way. No write may follow. Safe to call twice.
    public func finish() throws(OutputFailure) {
        if !ended {
            ended = true
            let last = current
            current = nil
            try pool.close(with: last)
        }
        try pool.checkFailure()
    }

    /// Stops the threads after the members they are compressing, writes the start of a member
    /// that never ends, and waits for them. Does nothing after `finish`.
    public func cancel() {
        guard !ended else { return }
        ended = true
        current = nil
        pool.cancel()
    }
}
