import Foundation

/// Compresses to gzip in front of another `ByteSink`, on a background thread.
///
/// Compression is the largest single cost of a run (gzip -6 runs at about a tenth of inflate's
/// speed), so `write` only copies into buffers of `bufferSize` bytes and hands each full one to
/// a compressor thread, which deflates it and writes to `sink`. At most `buffers` buffers exist,
/// so memory stays constant and a writer faster than the compressor waits. The output bytes do
/// not depend on how writes are split or on thread timing.
///
/// A failure of the compressor or of `sink` is thrown by the next `write` or by `finish`, and
/// by every call after. `finish` writes the trailer, finishes `sink` and waits for the thread.
/// `cancel` (or dropping the encoder) stops the thread without a trailer; do that before
/// closing or aborting whatever `sink` writes to, as the thread may still be writing to it.
public final class GzipEncoder: ByteSink {
    private let worker: CompressorWorker
    /// The buffer being filled; the producer owns it until it is handed over.
    private var current: CompressorWorker.Chunk?
    private var ended = false

    /// Uncompressed bytes written so far.
    public private(set) var bytesIn: Int64 = 0

    /// - Parameters:
    ///   - level: 1 (fastest) to 9 (smallest); gzip's default is 6.
    ///   - bufferSize: bytes per hand-over buffer.
    ///   - buffers: buffers in all (one filling, the rest queued or being compressed); at least 2.
    public init(_ sink: ByteSink, level: Int = 6, bufferSize: Int = 1 << 20, buffers: Int = 4) throws(OutputFailure) {
        guard (1...9).contains(level) else {
            throw OutputFailure("gzip level must be 1 to 9, not \(level)")
        }
        let deflater: Deflater
        do {
            deflater = try Deflater(level: level)
        } catch {
            throw OutputFailure("gzip: \(error.message)")
        }
        worker = CompressorWorker(
            sink: sink, deflater: deflater, bufferSize: max(bufferSize, 1), buffers: max(buffers, 2)
        )
        current = worker.takeFree()
        let thread = Thread { [worker] in worker.run() }
        thread.name = "etl-gzip"
        thread.start()
    }

    deinit {
        cancel()
    }

    /// Compressed bytes the thread has written to `sink` so far (all of them after `finish`).
    public var bytesOut: Int64 { worker.bytesOut }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure) {
        try worker.checkFailure()
        guard !ended else { throw OutputFailure("gzip: write after finish") }
        var rest = bytes
        while !rest.isEmpty {
            guard var chunk = current else { throw OutputFailure("gzip: write after finish") }
            let n = min(rest.count, chunk.memory.count - chunk.count)
            if let to = chunk.memory.baseAddress, let from = rest.baseAddress {
                (to + chunk.count).copyMemory(from: from, byteCount: n)
            }
            chunk.count += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            bytesIn += Int64(n)
            if chunk.count == chunk.memory.count {
                current = nil
                current = try worker.handOver(chunk)
            } else {
                current = chunk
            }
        }
    }

    /// Compresses what is left, writes the gzip trailer, finishes `sink`, and waits for the
    /// thread; throws the first failure met on the way. No write may follow. Safe to call twice.
    public func finish() throws(OutputFailure) {
        if !ended {
            ended = true
            let last = current
            current = nil
            worker.close(with: last)
        }
        try worker.checkFailure()
    }

    /// Stops the thread after the buffer it is compressing, without writing a trailer, and
    /// waits for it. The output is then incomplete. Does nothing after `finish`.
    public func cancel() {
        guard !ended else { return }
        ended = true
        current = nil
        worker.cancel()
    }
}

/// The compressor thread and its hand-over queue.
///
/// `@unchecked Sendable` is safe because every field is either (a) touched only while holding
/// `condition` (the queues, flags, failure and byte count), or (b) touched only by the
/// compressor thread while it runs (`deflater`, `sink`, `output`). The owner may use nothing of
/// (b). A chunk's memory belongs to one side at a time: the producer until `handOver`/`close`
/// puts it in `filled`, the thread until it puts it back in `free`, both under the lock, which
/// orders the copies into and out of it.
private final class CompressorWorker: @unchecked Sendable {
    struct Chunk {
        var memory: UnsafeMutableRawBufferPointer
        var count = 0
    }

    private let condition = NSCondition()
    private var free: [Chunk] = []
    private var filled: [Chunk] = []
    private var closing = false
    private var cancelled = false
    private var done = false
    private var failure: OutputFailure?
    private var written: Int64 = 0

    private let deflater: Deflater
    private let sink: ByteSink
    private let output: UnsafeMutableRawBufferPointer
    private var outputUsed = 0
    /// Every chunk's memory, freed in deinit when neither side can hold one any more.
    private let allMemory: [UnsafeMutableRawBufferPointer]

    init(sink: ByteSink, deflater: Deflater, bufferSize: Int, buffers: Int) {
        self.sink = sink
        self.deflater = deflater
        output = .allocate(byteCount: 256 * 1024, alignment: 16)
        allMemory = (0..<buffers).map { _ in .allocate(byteCount: bufferSize, alignment: 16) }
        free = allMemory.map { Chunk(memory: $0) }
    }

    deinit {
        output.deallocate()
        for memory in allMemory { memory.deallocate() }
    }

    // MARK: Producer side

    /// Takes a free chunk; only called before the thread starts.
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

    /// Queues a full chunk and waits for a free one; throws if the thread has failed.
    func handOver(_ chunk: Chunk) throws(OutputFailure) -> Chunk {
        condition.lock()
        defer { condition.unlock() }
        filled.append(chunk)
        condition.broadcast()
        while free.isEmpty && failure == nil {
            condition.wait()
        }
        if let failure { throw failure }
        var next = free.removeLast()
        next.count = 0
        return next
    }

    /// Queues the last chunk, asks for the trailer, and waits until the thread has ended.
    func close(with last: Chunk?) {
        condition.lock()
        defer { condition.unlock() }
        if let last, last.count > 0 { filled.append(last) }
        closing = true
        condition.broadcast()
        while !done { condition.wait() }
    }

    /// Asks the thread to stop and waits until it has.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
        while !done { condition.wait() }
    }

    // MARK: Compressor thread

    func run() {
        while true {
            condition.lock()
            while filled.isEmpty && !closing && !cancelled {
                condition.wait()
            }
            if cancelled {
                end(failure: nil)
                return
            }
            if filled.isEmpty {
                // closing, and everything before has been compressed.
                condition.unlock()
                var failure: OutputFailure?
                do {
                    try compress(UnsafeRawBufferPointer(start: nil, count: 0), finish: true)
                    try sink.finish()
                } catch {
                    failure = error
                }
                condition.lock()
                end(failure: failure)
                return
            }
            var chunk = filled.removeFirst()
            condition.unlock()

            var failure: OutputFailure?
            do {
                try compress(UnsafeRawBufferPointer(rebasing: chunk.memory[..<chunk.count]), finish: false)
            } catch {
                failure = error
            }

            condition.lock()
            if let failure {
                end(failure: failure)
                return
            }
            chunk.count = 0
            free.append(chunk)
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Marks the thread ended; called with the lock held, releases it.
    private func end(failure: OutputFailure?) {
        if self.failure == nil { self.failure = failure }
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// Deflates `input` completely; with `finish`, to the end of the gzip stream, trailer and
    /// all, and writes everything out.
    private func compress(_ input: UnsafeRawBufferPointer, finish: Bool) throws(OutputFailure) {
        var rest = input
        while true {
            let step = deflater.deflate(
                from: rest,
                into: UnsafeMutableRawBufferPointer(rebasing: output[outputUsed...]),
                finish: finish
            )
            rest = UnsafeRawBufferPointer(rebasing: rest[step.consumed...])
            outputUsed += step.produced
            if outputUsed == output.count { try drain() }
            switch step.status {
            case .streamEnd:
                try drain()
                return
            case .ok, .bufferError:
                if !finish && rest.isEmpty { return }
                // Input or room were left, so zlib had work it could do: refuse to spin.
                if step.consumed == 0 && step.produced == 0 {
                    throw OutputFailure("gzip: zlib made no progress")
                }
            default:
                throw OutputFailure("gzip: compression failed: \(step.message ?? "\(step.status)")")
            }
        }
    }

    private func drain() throws(OutputFailure) {
        guard outputUsed > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(rebasing: output[..<outputUsed]))
        let n = Int64(outputUsed)
        outputUsed = 0
        condition.lock()
        written += n
        condition.unlock()
    }
}
