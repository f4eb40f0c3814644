import Foundation
import JSON
import Schemas

/// Converts records on worker threads, in batches, and gives the results back in input order.
///
/// The caller (the conversion's thread) frames records and `add`s them; each is copied into
/// the batch being filled, and a full batch goes to the workers, which run `RecordConverter`
/// on every record. `add` and `drain` hand finished batches back, oldest first, to `consume`,
/// which emits, counts and rejects on the caller's thread exactly as a sequential run would:
/// the output, the report and the rejects do not depend on thread timing. At most `batches`
/// batches exist, and at most `maxInFlightBytes` of records are in flight unless one batch
/// alone is larger (one record near --max-record-bytes), so memory stays constant.
final class RecordStage {
    /// Gets each record with its encoded bytes (valid during the call) or its reject.
    typealias Consume = (_ frame: Frame, _ outcome: Result<UnsafeRawBufferPointer, Reject>, _ notes: Notes) throws(Conversion.Failure) -> Void

    private let pool: RecordStagePool
    private var filling: RecordBatch?
    /// Submitted and not yet consumed, oldest first.
    private var inFlight: [RecordBatch] = []
    /// Consumed batches, kept for their storage.
    private var spare: [RecordBatch] = []
    private let batchRecords: Int
    private let batchBytes: Int
    private let maxInFlight: Int
    private let maxInFlightBytes: Int
    private var inFlightBytes = 0

    init(converter: RecordConverter, threads: Int, batchRecords: Int = 256, batchBytes: Int = 512 * 1024, batches: Int = 6) {
        pool = RecordStagePool(converter: converter, threads: threads)
        self.batchRecords = batchRecords
        self.batchBytes = batchBytes
        maxInFlight = max(batches - 1, 1)
        maxInFlightBytes = maxInFlight * batchBytes
    }

    deinit { pool.stop() }

    func add(_ frame: Frame, consume: Consume) throws(Conversion.Failure) {
        let batch = filling ?? spare.popLast() ?? RecordBatch()
        filling = batch
        batch.append(frame)
        if batch.count >= batchRecords || batch.input.count >= batchBytes {
            try submit(consume: consume)
        }
    }

    /// Converts and consumes everything added so far.
    func drain(consume: Consume) throws(Conversion.Failure) {
        if filling != nil { try submit(consume: consume) }
        while !inFlight.isEmpty { try consumeOldest(consume) }
    }

    private func submit(consume: Consume) throws(Conversion.Failure) {
        guard let batch = filling else { return }
        filling = nil
        while !inFlight.isEmpty
            && (inFlight.count >= maxInFlight || inFlightBytes + batch.input.count > maxInFlightBytes) {
            try consumeOldest(consume)
        }
        inFlight.append(batch)
        inFlightBytes += batch.input.count
        pool.submit(batch)
    }

    private func consumeOldest(_ consume: Consume) throws(Conversion.Failure) {
        let batch = inFlight.removeFirst()
        inFlightBytes -= batch.input.count
        pool.wait(for: batch)
        let input = batch.input, output = batch.output
        // Typed throws do not pass through withUnsafeBytes: carry the failure out by hand.
        var failure: Conversion.Failure?
        input.withUnsafeBytes { all in
            output.withUnsafeBytes { encoded in
                for i in 0..<batch.count {
                    let frame = batch.frames[i].frame(in: all)
                    do throws(Conversion.Failure) {
                        try consume(frame, batch.outcomes[i].map { UnsafeRawBufferPointer(rebasing: encoded[$0]) }, batch.notes[i])
                    } catch {
                        failure = error
                        return
                    }
                }
            }
        }
        batch.reset()
        spare.append(batch)
        if let failure { throw failure }
    }
}

/// One batch: the records' bytes and where each starts, then each one's outcome and notes.
/// Belongs to the caller until submitted, to one worker until done, then to the caller.
final class RecordBatch: @unchecked Sendable {
    struct Meta {
        var start: Int, count: Int, number: Int, line: Int, offset: Int64, length: Int64, isOversized: Bool
        var rejectReason: Reject?

        func frame(in all: UnsafeRawBufferPointer) -> Frame {
            Frame(bytes: UnsafeRawBufferPointer(rebasing: all[start..<(start + count)]), number: number,
                  offset: offset, length: length, isOversized: isOversized, rejectReason: rejectReason, line: line)
        }
    }

    var input: [UInt8] = []
    var frames: [Meta] = []
    /// Every record's encoded bytes, one after the other; outcomes give each one's range.
    var output: [UInt8] = []
    var outcomes: [Result<Range<Int>, Reject>] = []
    /// One per record; kept across batches so that their arrays' storage is reused.
    var notes: [Notes] = []
    var done = false

    var count: Int { frames.count }

    /// Empties the batch for reuse, keeping its storage unless a huge record grew it.
    func reset() {
        let keep = 4 << 20
        input.removeAll(keepingCapacity: input.capacity <= keep)
        frames.removeAll(keepingCapacity: true)
        output.removeAll(keepingCapacity: output.capacity <= keep)
        outcomes.removeAll(keepingCapacity: true)
    }

    func append(_ frame: Frame) {
        frames.append(Meta(start: input.count, count: frame.bytes.count, number: frame.number, line: frame.line,
                           offset: frame.offset, length: frame.length, isOversized: frame.isOversized,
                           rejectReason: frame.rejectReason))
        input.append(contentsOf: frame.bytes)
    }

    func convert(with converter: inout RecordConverter) {
        outcomes.removeAll(keepingCapacity: true)
        output.removeAll(keepingCapacity: true)
        while notes.count < frames.count { notes.append(Notes()) }
        let input = self.input
        input.withUnsafeBytes { all in
            for (i, m) in frames.enumerated() {
                let frame = m.frame(in: all)
                let start = output.count
                do throws(Reject) {
                    try converter.convert(frame, appendingTo: &output, notes: &notes[i])
                    outcomes.append(.success(start..<output.count))
                } catch {
                    output.removeSubrange(start...)
                    outcomes.append(.failure(error))
                }
            }
        }
    }
}

/// The worker threads and their queue.
///
/// `@unchecked Sendable` is safe because the queue, the batches' `done` flags and `stopped`
/// are touched only while holding `condition`, and each worker's `RecordConverter` copy only by
/// that worker. A batch's other fields belong to one side at a time, passed under the lock.
final class RecordStagePool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [RecordBatch] = []
    private var stopped = false
    private var running: Int

    init(converter: RecordConverter, threads: Int) {
        running = threads
        for n in 0..<threads {
            let copy = UncheckedBox(converter)
            let thread = Thread { [self] in self.run(copy.value) }
            thread.name = "etl-convert-\(n)"
            thread.start()
        }
    }

    func submit(_ batch: RecordBatch) {
        condition.lock()
        batch.done = false
        queue.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    func wait(for batch: RecordBatch) {
        condition.lock()
        while !batch.done { condition.wait() }
        condition.unlock()
    }

    /// Stops the workers after the batches they hold and waits for them.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func run(_ converter: RecordConverter) {
        var converter = converter
        condition.lock()
        while true {
            while queue.isEmpty && !stopped { condition.wait() }
            if stopped { break }
            let batch = queue.removeFirst()
            condition.unlock()
            batch.convert(with: &converter)
            condition.lock()
            batch.done = true
            condition.broadcast()
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}

/// Carries a value to a thread that alone uses it from then on.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
