import JSON
import Foundation

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

    private let queue: ReadAheadQueue
    private var chunk: ReadAheadQueue.Chunk?
    private var offset = 0
    private(set) var counters: Counters = (0, 0)

    init(_ source: ByteSource, chunkSize: Int = 256 * 1024, chunks: Int = 4, snapshot: @escaping () -> Counters) {
        queue = ReadAheadQueue(source: source, snapshot: snapshot, chunkSize: max(chunkSize, 1), chunks: max(chunks, 2))
        let thread = Thread { [queue] in queue.run() }
        thread.name = "etl-inflate"
        thread.start()
    }

    deinit {
        queue.stop()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int {
        while true {
            if let current = chunk {
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
                queue.giveBack(current)
                chunk = nil
            }
            let next = queue.next()
            counters = next.counters
            chunk = next
            offset = 0
        }
    }

    /// Stops the thread and waits for it; reads after this may block forever. Safe to call twice.
    func stop() { queue.stop() }
}

/// The thread and hand-over queue of a `ReadAheadSource`.
///
/// `@unchecked Sendable` is safe because every field is either (a) touched only while holding
/// `condition`, or (b) `source` and `snapshot`, used only by the thread (until it has ended,
/// which `stop` waits for). A chunk's memory belongs to one side at a time, passed under the lock.
final class ReadAheadQueue: @unchecked Sendable {
    struct Chunk {
        var memory: UnsafeMutableRawBufferPointer
        var count = 0
        var atEnd = false
        var fault: InputFault?
        var counters: ReadAheadSource.Counters = (0, 0)
    }

    private let condition = NSCondition()
    private var free: [Chunk] = []
    private var filled: [Chunk] = []
    private var stopped = false
    private var running = true
    private let source: ByteSource
    private let snapshot: () -> ReadAheadSource.Counters
    private let allMemory: [UnsafeMutableRawBufferPointer]

    init(source: ByteSource, snapshot: @escaping () -> ReadAheadSource.Counters, chunkSize: Int, chunks: Int) {
        self.source = source
        self.snapshot = snapshot
        allMemory = (0..<chunks).map { _ in .allocate(byteCount: chunkSize, alignment: 16) }
        free = allMemory.map { Chunk(memory: $0) }
    }

    deinit {
        for memory in allMemory { memory.deallocate() }
    }

    /// The next chunk, waiting for the thread; the last one has `atEnd` or a `fault`.
    func next() -> Chunk {
        condition.lock()
        defer { condition.unlock() }
        while filled.isEmpty { condition.wait() }
        return filled.removeFirst()
    }

    func giveBack(_ chunk: Chunk) {
        condition.lock()
        free.append(Chunk(memory: chunk.memory))
        condition.broadcast()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    func run() {
        condition.lock()
        while true {
            while free.isEmpty && !stopped { condition.wait() }
            if stopped { break }
            var chunk = free.removeLast()
            condition.unlock()
            // Fill the chunk: fewer, larger hand-overs.
            do throws(InputFault) {
                while chunk.count < chunk.memory.count {
                    let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk.memory[chunk.count...]))
                    if n == 0 {
                        chunk.atEnd = true
                        break
                    }
                    chunk.count += n
                }
            } catch {
                chunk.fault = error
            }
            chunk.counters = snapshot()
            condition.lock()
            filled.append(chunk)
            condition.broadcast()
            if chunk.atEnd || chunk.fault != nil { break }
        }
        running = false
        condition.broadcast()
        condition.unlock()
    }
}
