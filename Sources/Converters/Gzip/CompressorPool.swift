import JSON
import Foundation

/// `GzipEncoder`'s compressor threads. The encoder reserves a chunk, fills it and submits it;
/// a thread takes it, compresses it, and when its turn comes (every earlier chunk written) writes
/// the member to `sink` and releases the chunk for reuse. A failure stops everyone and is thrown
/// to the encoder by its next call.
///
/// `@unchecked Sendable` is safe because `sink` is used only by the thread whose chunk has been
/// claimed (one at a time: `OrderedHandOff.claim` hands out chunks in sequence, each released
/// after its write), and by the owner only after every thread has ended (`join`); `written` only
/// under `writtenLock`; everything else is immutable or is the hand-off, which locks itself.
final class CompressorPool: @unchecked Sendable {
    struct Chunk {
        var input: UnsafeMutableRawBufferPointer
        var output: UnsafeMutableRawBufferPointer
        var count = 0
    }

    typealias Ticket = OrderedHandOff<Chunk, OutputFailure>.Ticket

    private let handOff: OrderedHandOff<Chunk, OutputFailure>
    private let sink: ByteSink
    /// Chunks submitted so far (only the producer touches it).
    private var submitted = 0
    private let writtenLock = NSLock()
    private var written: Int64 = 0
    /// Every chunk's memory, freed in deinit when no side can hold one any more.
    private let allMemory: [UnsafeMutableRawBufferPointer]

    init(sink: ByteSink, bufferSize: Int, buffers: Int, outputSize: Int, compressors: [GzipMemberCompressor]) {
        self.sink = sink
        var chunks: [Chunk] = []
        var memory: [UnsafeMutableRawBufferPointer] = []
        for _ in 0..<buffers {
            let chunk = Chunk(
                input: .allocate(byteCount: bufferSize, alignment: 16),
                output: .allocate(byteCount: outputSize, alignment: 16)
            )
            memory += [chunk.input, chunk.output]
            chunks.append(chunk)
        }
        allMemory = memory
        handOff = OrderedHandOff(chunks)
        handOff.start(threads: compressors.count, name: "etl-gzip") { [self] n in
            run(compressors[n])
        }
    }

    deinit {
        for memory in allMemory { memory.deallocate() }
    }

    // MARK: Producer side

    /// The first chunk to fill; nil after a failure or `cancel`.
    func first() -> Ticket? {
        handOff.reserve()
    }

    var bytesOut: Int64 {
        writtenLock.lock()
        defer { writtenLock.unlock() }
        return written
    }

    func checkFailure() throws(OutputFailure) {
        if let failure = handOff.failure { throw failure }
    }

    /// Queues a full chunk and waits for a free one; throws if a thread has failed.
    func handOver(_ chunk: Ticket) throws(OutputFailure) -> Ticket {
        handOff.submit(chunk)
        submitted += 1
        guard var next = handOff.reserve() else {
            throw handOff.failure ?? OutputFailure("gzip: write after cancel")
        }
        next.item.count = 0
        return next
    }

    /// Queues the last chunk, waits until the threads have ended, then writes an empty member
    /// when there was no input at all and finishes `sink`.
    func close(with last: Ticket?) throws(OutputFailure) {
        if let last, last.item.count > 0 {
            handOff.submit(last)
            submitted += 1
        }
        handOff.close()
        handOff.join()
        guard handOff.failure == nil else { return }
        // Every thread has ended: the sink is ours.
        do throws(OutputFailure) {
            if submitted == 0 {
                // Header, an empty final fixed-Huffman block, CRC-32 0 and size 0: what gzip
                // writes for empty input.
                let member: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]
                let sink = self.sink
                try member.withUnsafeBufferPointer { (b) throws(OutputFailure) in try sink.write(UnsafeRawBufferPointer(b)) }
                add(written: member.count)
            }
            try sink.finish()
        } catch {
            handOff.stop(failure: error)
        }
    }

    /// Asks the threads to stop, waits until they have, and writes a member header with no
    /// body so that the stream reads as truncated, not as complete.
    func cancel() {
        handOff.stop()
        handOff.join()
        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        header.withUnsafeBytes { try? sink.write($0) }
    }

    private func add(written n: Int) {
        writtenLock.lock()
        written += Int64(n)
        writtenLock.unlock()
    }

    // MARK: Compressor threads

    private func run(_ compressor: GzipMemberCompressor) {
        while let ticket = handOff.take() {
            let chunk = ticket.item
            let n = compressor.compress(UnsafeRawBufferPointer(rebasing: chunk.input[..<chunk.count]), into: chunk.output)
            handOff.complete(ticket)
            guard var turn = handOff.claim(ticket.seq) else { return }
            // Our turn: no other thread writes until this chunk is released.
            guard n > 0 else { return handOff.stop(failure: OutputFailure("gzip: compression failed")) }
            do {
                try sink.write(UnsafeRawBufferPointer(rebasing: chunk.output[..<n]))
            } catch {
                return handOff.stop(failure: error)
            }
            add(written: n)
            turn.item.count = 0
            handOff.release(turn)
        }
    }
}
