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
    private typealias HandOff = OrderedHandOff<RecordBatch, Never>

    /// The caller reserves, fills and submits batches and claims them back in order; the
    /// workers take and complete them.
    private let handOff: HandOff
    private var filling: HandOff.Ticket?
    /// The sequence number of the oldest batch submitted and not yet consumed.
    private var oldest = 0
    /// The input bytes of each batch submitted and not yet consumed, oldest first.
    private var inFlight: [Int] = []
    private var inFlightBytes = 0
    private let batchRecords: Int
    private let batchBytes: Int
    private let maxInFlight: Int
    private let maxInFlightBytes: Int

    init(converter: RecordConverter, threads: Int, batchRecords: Int = 256, batchBytes: Int = 512 * 1024, batches: Int = 6) {
        self.batchRecords = batchRecords
        self.batchBytes = batchBytes
        maxInFlight = max(batches - 1, 1)
        maxInFlightBytes = maxInFlight * batchBytes
        // Those in flight and the one being filled: `reserve` never has to wait, since the
        // caller consumes the oldest before it submits one too many.
        let handOff = HandOff((0...maxInFlight).map { _ in RecordBatch() })
        self.handOff = handOff
        let copies = (0..<threads).map { _ in UncheckedBox(converter) }
        handOff.start(threads: threads, name: "etl-convert") { n in
            var converter = copies[n].value
            while let ticket = handOff.take() {
                ticket.item.convert(with: &converter)
                handOff.complete(ticket)
            }
        }
    }

    /// Stops the workers after the batches they hold and waits for them.
    deinit {
        handOff.stop()
        handOff.join()
    }

    func add(_ frame: Frame, consume: Consume) throws(Conversion.Failure) {
        let batch: RecordBatch
        if let filling {
            batch = filling.item
        } else {
            guard let ticket = handOff.reserve() else { throw .accounting("the record stage has stopped") }
            filling = ticket
            batch = ticket.item
        }
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
        guard let ticket = filling else { return }
        filling = nil
        let size = ticket.item.input.count
        while !inFlight.isEmpty
            && (inFlight.count >= maxInFlight || inFlightBytes + size > maxInFlightBytes) {
            try consumeOldest(consume)
        }
        inFlight.append(size)
        inFlightBytes += size
        handOff.submit(ticket)
    }

    private func consumeOldest(_ consume: Consume) throws(Conversion.Failure) {
        guard let ticket = handOff.claim(oldest) else { throw .accounting("the record stage has stopped") }
        oldest += 1
        inFlightBytes -= inFlight.removeFirst()
        let batch = ticket.item
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
        handOff.release(ticket)
        if let failure { throw failure }
    }
}

/// One batch: the records' bytes and where each starts, then each one's outcome and notes.
/// Belongs to the caller until submitted, to one worker until done, then to the caller, passed
/// by the hand-off.
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
