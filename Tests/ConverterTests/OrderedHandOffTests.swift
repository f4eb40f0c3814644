import Dispatch
import Foundation
import Testing

@testable import Converters

/// The hand-off under the read-ahead, the record stage and the compressor pool: items come out
/// in sequence whatever order the workers finish in, no more than `capacity` are ever out,
/// and closing, stopping and failing reach every thread. Real threads; nothing is timed.
@Suite struct OrderedHandOffTests {
    struct Failed: Error, Equatable { let n: Int }

    /// What the threads of a test saw, behind a lock.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int] = []
        func add(_ n: Int) { lock.lock(); values.append(n); lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return values }
    }

    @Test(arguments: [(1, 2), (2, 3), (3, 4), (4, 16)])
    func claimsInSequenceWhateverOrderWorkersFinish(workers: Int, capacity: Int) {
        let handOff = OrderedHandOff<[Int], Never>(Array(repeating: [], count: capacity))
        let completed = Log()
        handOff.start(threads: workers, name: "test-worker") { n in
            // Uneven work, so that workers overtake each other.
            while var ticket = handOff.take() {
                var x = ticket.seq
                for _ in 0..<((ticket.seq * 7919 + n) % 5000) { x = (x &* 31) &+ 7 }
                _ = x
                ticket.item = [ticket.seq, ticket.seq * 2]
                completed.add(ticket.seq)
                handOff.complete(ticket)
            }
        }
        var claimed: [[Int]] = []
        let total = 500
        var next = 0
        for seq in 0..<total {
            // Keep the hand-off full: claim the oldest once every slot is out.
            if seq - next == capacity, let ticket = handOff.claim(next) {
                claimed.append(ticket.item)
                handOff.release(ticket)
                next += 1
            }
            guard var ticket = handOff.reserve() else { break }
            #expect(ticket.seq == seq)
            ticket.item = []
            handOff.submit(ticket)
        }
        handOff.close()
        while next < total, let ticket = handOff.claim(next) {
            claimed.append(ticket.item)
            handOff.release(ticket)
            next += 1
        }
        handOff.join()
        #expect(claimed == (0..<total).map { [$0, $0 * 2] })
        #expect(completed.all.sorted() == Array(0..<total))
    }

    @Test func aProducerNeverHasMoreThanCapacityOut() {
        let capacity = 3
        let handOff = OrderedHandOff<Int, Never>(Array(repeating: 0, count: capacity))
        let released = Log()
        let seen = Log()
        handOff.start(threads: 1, name: "test-consumer") { _ in
            for seq in 0..<300 {
                guard let ticket = handOff.claim(seq) else { return }
                seen.add(ticket.item)
                released.add(seq)
                handOff.release(ticket)
            }
        }
        for seq in 0..<300 {
            guard var ticket = handOff.reserve() else { break }
            // Reserving `seq` needs `seq - capacity` released.
            #expect(seq < released.all.count + capacity)
            ticket.item = seq * 3
            handOff.complete(ticket)
        }
        handOff.join()
        #expect(seen.all == (0..<300).map { $0 * 3 })
    }

    @Test func closeEndsTheWorkersOnceTheQueueIsEmpty() {
        let handOff = OrderedHandOff<Int, Never>(Array(repeating: 0, count: 4))
        let taken = Log()
        handOff.start(threads: 3, name: "test-worker") { _ in
            while let ticket = handOff.take() {
                taken.add(ticket.seq)
                handOff.complete(ticket)
            }
        }
        for _ in 0..<3 {
            guard let ticket = handOff.reserve() else { break }
            handOff.submit(ticket)
        }
        // A reserved item that is never submitted does not keep the workers waiting.
        let unsent = handOff.reserve()
        #expect(unsent?.seq == 3)
        handOff.close()
        handOff.join()
        #expect(taken.all.sorted() == [0, 1, 2])
        for seq in 0..<3 {
            if let ticket = handOff.claim(seq) { handOff.release(ticket) }
        }
    }

    @Test func aFailureStopsEveryoneAndTheFirstIsKept() {
        let handOff = OrderedHandOff<Int, Failed>(Array(repeating: 0, count: 2))
        let ended = Log()
        handOff.start(threads: 3, name: "test-worker") { n in
            while let ticket = handOff.take() {
                if ticket.seq == 5 {
                    handOff.stop(failure: Failed(n: 5))
                } else {
                    handOff.complete(ticket)
                }
                // Waits for its turn; a stop wakes it.
                guard let turn = handOff.claim(ticket.seq) else { break }
                handOff.release(turn)
            }
            ended.add(n)
        }
        var reserved = 0
        while let ticket = handOff.reserve() {
            reserved += 1
            handOff.submit(ticket)
        }
        // Item 5 is never released, so at most items 0 to 6 can have been reserved.
        #expect(reserved == 6 || reserved == 7)
        handOff.stop(failure: Failed(n: 99))
        handOff.join()
        #expect(ended.all.sorted() == [0, 1, 2])
        #expect(handOff.failure == Failed(n: 5))
        #expect(handOff.take()?.seq == nil)
        #expect(handOff.claim(0)?.seq == nil)
    }

    @Test func stopWakesAProducerWaitingForAFreeItem() {
        let handOff = OrderedHandOff<Int, Never>([0])
        let results = Log()
        guard let first = handOff.reserve() else { Issue.record("no first item"); return }
        handOff.complete(first)
        handOff.start(threads: 1, name: "test-producer") { _ in
            // The only item is out, so this waits until the stop.
            results.add(handOff.reserve() == nil ? 1 : 0)
        }
        handOff.stop()
        handOff.join()
        #expect(results.all == [1])
    }

    /// The read-ahead passes bytes through unchanged, then the end or the fault after the bytes
    /// before it, whatever the chunk sizes.
    @Test(arguments: [(1, 2), (7, 2), (4096, 3), (1 << 20, 4)])
    func readAheadKeepsBytesAndPutsTheFaultLast(chunkSize: Int, chunks: Int) {
        var bytes: [UInt8] = []
        for i in 0..<50_000 { bytes.append(UInt8(truncatingIfNeeded: i &* 2654435761 >> 7)) }
        let clean = ReadAheadSource(MemorySource(bytes, chunkSizes: [1, 333, 9999]), chunkSize: chunkSize, chunks: chunks) { (0, 0) }
        let (read, fault) = IOTestSupport.drain(clean, readSize: 1000)
        #expect(read == bytes)
        #expect(fault == nil)

        let faulty = ReadAheadSource(FaultingSource(bytes, faultAfter: 12_345), chunkSize: chunkSize, chunks: chunks) { (7, 1) }
        let (before, thrown) = IOTestSupport.drain(faulty, readSize: 999)
        #expect(before == Array(bytes[..<12_345]))
        #expect(thrown?.code == .corruptGzip)
        #expect(faulty.counters.rawBytes == 7 && faulty.counters.members == 1)
        faulty.stop()
        faulty.stop()
    }

    @Test func aReadAfterStopThrows() {
        let source = ReadAheadSource(MemorySource(Array(repeating: 1, count: 10_000_000)), chunkSize: 4096, chunks: 2) { (0, 0) }
        source.stop()
        let (_, fault) = IOTestSupport.drain(source)
        #expect(fault?.code == .readFailed)
    }

    /// `bytes` up to `faultAfter`, then a fault.
    final class FaultingSource: ByteSource {
        let inner: MemorySource
        var left: Int
        init(_ bytes: [UInt8], faultAfter: Int) {
            inner = MemorySource(bytes, chunkSizes: [1, 333, 9999])
            left = faultAfter
        }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int {
            guard left > 0 else { throw InputFault(.corruptGzip, "broken on purpose", offset: 5) }
            let n = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, left)]))
            left -= n
            return n
        }
    }
}
