import JSON

/// Reads another source ahead on a background thread, so that decompression (the one use:
/// `InputFile` puts its `GzipDecoder` behind one) runs on the second core while the caller
/// parses. At most `chunks` chunks of `chunkSize` bytes exist, so memory stays constant and a
/// thread ahead of the caller waits. Bytes, end of stream and a fault come out exactly as the
/// source gave them, the fault after the bytes before it.
///
/// `snapshot` is called on the thread after each chunk; `counters` is its value as of the
/// last chunk the caller has consumed (so counters of the source, such as compressed bytes
/// read, can be read without racing the thread).
final class ReadAheadSource: ByteSource {
    typealias Counters = (rawBytes: Int64, members: Int)

    /// A chunk of the source's bytes; the last one has `atEnd` or a `fault`.
    struct Chunk {
        var memory: UnsafeMutableRawBufferPointer
        var count = 0
        var atEnd = false
        var fault: InputFault?
        var counters: Counters = (0, 0)
    }

    /// The thread reserves, fills and completes chunks; this side claims them in order and
    /// releases each when it moves on to the next.
    private let handOff: OrderedHandOff<Chunk, Never>
    private var chunk: OrderedHandOff<Chunk, Never>.Ticket?
    private var nextSeq = 0
    private var offset = 0
    private(set) var counters: Counters = (0, 0)
    /// Every chunk's memory, freed in deinit once the thread has ended.
    private let allMemory: [UnsafeMutableRawBufferPointer]

    init(_ source: ByteSource, chunkSize: Int = 256 * 1024, chunks: Int = 4, snapshot: @escaping () -> Counters) {
        let memory = (0..<max(chunks, 2)).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 1), alignment: 16) }
        allMemory = memory
        let handOff = OrderedHandOff<Chunk, Never>(memory.map { Chunk(memory: $0) })
        self.handOff = handOff
        // `source` and `snapshot` are used by the thread alone until it has ended.
        let source = UncheckedBox(source), snapshot = UncheckedBox(snapshot)
        handOff.start(threads: 1, name: "etl-inflate") { _ in
            while var ticket = handOff.reserve() {
                // Fill the chunk: fewer, larger hand-overs.
                ticket.item = Chunk(memory: ticket.item.memory)
                do throws(InputFault) {
                    while ticket.item.count < ticket.item.memory.count {
                        let rest = UnsafeMutableRawBufferPointer(rebasing: ticket.item.memory[ticket.item.count...])
                        let n = try source.value.read(into: rest)
                        if n == 0 {
                            ticket.item.atEnd = true
                            break
                        }
                        ticket.item.count += n
                    }
                } catch {
                    ticket.item.fault = error
                }
                ticket.item.counters = snapshot.value()
                let last = ticket.item.atEnd || ticket.item.fault != nil
                handOff.complete(ticket)
                if last { break }
            }
        }
    }

    deinit {
        stop()
        for memory in allMemory { memory.deallocate() }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int {
        while true {
            if let current = chunk?.item {
                if offset < current.count {
                    let n = min(buffer.count, current.count - offset)
                    if let to = buffer.baseAddress, let from = current.memory.baseAddress {
                        to.copyMemory(from: from + offset, byteCount: n)
                    }
                    offset += n
                    return n
                }
                if let fault = current.fault { throw fault }
                if current.atEnd { return 0 }
            }
            if let done = chunk { handOff.release(done) }
            chunk = nil
            guard let next = handOff.claim(nextSeq) else {
                throw InputFault(.readFailed, "read after the read-ahead was stopped", offset: 0)
            }
            nextSeq += 1
            counters = next.item.counters
            chunk = next
            offset = 0
        }
    }

    /// Stops the thread and waits for it; a read after this throws. Safe to call twice.
    func stop() {
        handOff.stop()
        handOff.join()
    }
}
