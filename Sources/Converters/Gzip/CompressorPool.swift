import JSON
import Foundation

/// `GzipEncoder`'s compressor threads and their hand-over queue.
///
/// `@unchecked Sendable` is safe because every field is either (a) touched only while holding
/// `condition` (the queues, counters, flags, failure), or (b) `sink`, which only the thread whose
/// chunk is next in order (`seq == nextToWrite`) uses, and only the owner after every thread has
/// ended. A chunk's memory belongs to one side at a time: the producer until `handOver`/`close`
/// puts it in `filled`, then one thread until it puts it back in `free`, both under the lock,
/// which orders the copies into and out of it.
final class CompressorPool: @unchecked Sendable {
    struct Chunk {
        var input: UnsafeMutableRawBufferPointer
        var output: UnsafeMutableRawBufferPointer
        var count = 0
        var seq = 0
    }

    private let condition = NSCondition()
    private var free: [Chunk] = []
    private var filled: [Chunk] = []
    private var nextSeq = 0
    private var nextToWrite = 0
    private var running: Int
    private var closing = false
    private var cancelled = false
    private var failure: OutputFailure?
    private var written: Int64 = 0

    private let sink: ByteSink
    /// Every chunk's memory, freed in deinit when no side can hold one any more.
    private let allMemory: [UnsafeMutableRawBufferPointer]

    init(sink: ByteSink, bufferSize: Int, buffers: Int, outputSize: Int, threads: Int) {
        self.sink = sink
        running = threads
        var memory: [UnsafeMutableRawBufferPointer] = []
        for _ in 0..<buffers {
            let chunk = Chunk(
                input: .allocate(byteCount: bufferSize, alignment: 16),
                output: .allocate(byteCount: outputSize, alignment: 16)
            )
            memory += [chunk.input, chunk.output]
            free.append(chunk)
        }
        allMemory = memory
    }

    deinit {
        for memory in allMemory { memory.deallocate() }
    }

    // MARK: Producer side

    /// Takes a free chunk; only called before the threads start.
    func takeFree() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        return free.popLast()
    }

    var bytesOut: Int64 {
        condition.lock()
        defer { condition.unlock() }
        return written
    }

    func checkFailure() throws(OutputFailure) {
        condition.lock()
        let failure = failure
        condition.unlock()
        if let failure { throw failure }
    }

    /// Queues a full chunk and waits for a free one; throws if a thread has failed.
    func handOver(_ chunk: Chunk) throws(OutputFailure) -> Chunk {
        condition.lock()
        defer { condition.unlock() }
        queue(chunk)
        while free.isEmpty && failure == nil {
            condition.wait()
        }
        if let failure { throw failure }
        var next = free.removeLast()
        next.count = 0
        return next
    }

    /// Queues the last chunk, waits until the threads have ended, then writes an empty member
    /// when there was no input at all and finishes `sink`.
    func close(with last: Chunk?) throws(OutputFailure) {
        condition.lock()
        if let last, last.count > 0 { queue(last) }
        let empty = nextSeq == 0
        closing = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        let failed = failure != nil
        condition.unlock()
        guard !failed else { return }
        // Every thread has ended: the sink is ours.
        do throws(OutputFailure) {
            if empty {
                // Header, an empty final fixed-Huffman block, CRC-32 0 and size 0: what gzip
                // writes for empty input.
                let member: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]
                let sink = self.sink
                try member.withUnsafeBufferPointer { (b) throws(OutputFailure) in try sink.write(UnsafeRawBufferPointer(b)) }
                add(written: member.count)
            }
            try sink.finish()
        } catch {
            condition.lock()
            if self.failure == nil { self.failure = error }
            condition.unlock()
        }
    }

    /// Asks the threads to stop, waits until they have, and writes a member header with no
    /// body so that the stream reads as truncated, not as complete.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        header.withUnsafeBytes { try? sink.write($0) }
    }

    /// With the lock held.
    private func queue(_ chunk: Chunk) {
        var chunk = chunk
        chunk.seq = nextSeq
        nextSeq += 1
        filled.append(chunk)
        condition.broadcast()
    }

    private func add(written n: Int) {
        condition.lock()
        written += Int64(n)
        condition.unlock()
    }

    // MARK: Compressor threads

    func run(_ compressor: GzipMemberCompressor) {
        condition.lock()
        while true {
            while filled.isEmpty && !closing && !cancelled && failure == nil {
                condition.wait()
            }
            if cancelled || failure != nil || filled.isEmpty { break }
            var chunk = filled.removeFirst()
            condition.unlock()

            let n = compressor.compress(UnsafeRawBufferPointer(rebasing: chunk.input[..<chunk.count]), into: chunk.output)

            condition.lock()
            while nextToWrite != chunk.seq && !cancelled && failure == nil {
                condition.wait()
            }
            if cancelled || failure != nil { break }
            condition.unlock()
            // Our turn: no other thread writes until nextToWrite moves on.
            var failed: OutputFailure?
            if n == 0 {
                failed = OutputFailure("gzip: compression failed")
            } else {
                do {
                    try sink.write(UnsafeRawBufferPointer(rebasing: chunk.output[..<n]))
                } catch {
                    failed = error
                }
            }
            condition.lock()
            if let failed {
                if failure == nil { failure = failed }
                break
            }
            written += Int64(n)
            nextToWrite += 1
            chunk.count = 0
            free.append(chunk)
            condition.broadcast()
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}
