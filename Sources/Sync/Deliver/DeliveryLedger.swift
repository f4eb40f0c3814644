import Foundation
import JSON

/// One batch to send: its items already in the target's shape (Braze attributes objects, or
/// Amplitude Identify objects), one user each, no user twice.
public struct LedgerBatch: Sendable {
    public var id: Int64
    public var items: [[UInt8]]
    public var userKeys: [String]
}

/// What the target said of one item.
public enum LedgerItemOutcome: Sendable, Equatable {
    case acknowledged
    /// The target refused the item for good: the message goes to the run's rejects file.
    case rejected(String)
    /// Not delivered (retries used up, deadline): sent again by the next run.
    case pending(String)
}

/// How a delivery ended, as the sender reports it.
public enum DeliveryEnd: Sendable, Equatable {
    case done
    /// The target stayed unavailable; the rest is pending (exit 69).
    case unavailable(String)
    /// The deadline came; the rest is pending (exit 69).
    case deadline(String)
    /// 401/403: the key was refused (exit 77).
    case refused(String)
}

/// What a delivery of kind braze or amplitude is given: the target's settings and the
/// plan's pending batches, with the two calls that record progress. The HTTP sender is
/// plugged in by the command layer as a `Deliverer`; everything about the state is here.
///
/// `willSend` marks a batch sent (its own transaction) before its first request, so a run
/// killed while it is in flight sends it again; `didFinish` records every item's outcome in
/// one transaction: acknowledged items update their users' state, rejected ones go to the
/// rejects file, pending ones stay for the next run. The two are never called at once; the
/// batches may be read on another task, so every use of the database takes `lock`.
public final class DeliveryLedger: @unchecked Sendable {
    public let kind: SyncTarget.Kind
    public let endpoint: String
    /// Read from the job's `api_key_env`; never written anywhere by etl.
    public let apiKey: String
    public let requestsPerSecond: Double
    public let batchSize: Int
    public let deadline: ContinuousClock.Instant?

    private let store: StateStore
    private let planID: Int64
    private let rejectsPath: String?
    private let lock = NSLock()
    /// Batch id -> its items' ids, in the order handed out.
    private var inFlight: [Int64: [Int64]] = [:]
    private(set) var acknowledged = 0
    private(set) var rejected = 0
    private(set) var pending = 0
    private var failure: SyncFailure?

    init(job: SyncJob, apiKey: String, store: StateStore, planID: Int64, rejectsPath: String?, deadline: ContinuousClock.Instant?) {
        kind = job.target.kind
        endpoint = job.target.endpoint ?? ""
        self.apiKey = apiKey
        requestsPerSecond = job.target.requestsPerSecond
        batchSize = job.target.batchSize
        self.deadline = deadline
        self.store = store
        self.planID = planID
        self.rejectsPath = rejectsPath
    }

    /// The plan's batches still to deliver, oldest first; each is read from the database when
    /// the sender asks for it, so memory holds one batch at a time.
    public var batches: LedgerBatches {
        let ids: [Int64] = locked {
            (try? store.sql { () throws(SQLiteError) -> [Int64] in
                let s = try store.db.prepare("SELECT id FROM batches WHERE plan_id = ? AND status IN ('planned', 'sent') ORDER BY id")
                try s.bind(.int(planID))
                var ids: [Int64] = []
                while try s.step() { ids.append(s.int(0)) }
                return ids
            }) ?? []
        }
        return LedgerBatches(ledger: self, ids: ids)
    }

    fileprivate func load(_ batchID: Int64) -> LedgerBatch? {
        locked {
            do {
                return try store.sql { () throws(SQLiteError) -> LedgerBatch in
                    let s = try store.db.prepare("SELECT id, key, body FROM items WHERE batch_id = ? AND status IN ('planned', 'pending') ORDER BY id")
                    try s.bind(.int(batchID))
                    var batch = LedgerBatch(id: batchID, items: [], userKeys: [])
                    var ids: [Int64] = []
                    while try s.step() {
                        ids.append(s.int(0))
                        batch.userKeys.append(s.text(1) ?? "")
                        batch.items.append(s.blob(2))
                    }
                    inFlight[batchID] = ids
                    return batch
                }
            } catch let error as SyncFailure {
                failure = error
                return nil
            } catch {
                failure = .state("\(error)")
                return nil
            }
        }
    }

    /// Marks the batch sent, in its own transaction, before its first request.
    public func willSend(_ batchID: Int64) throws {
        try locked { () throws(SyncFailure) in
            try store.sql { () throws(SQLiteError) in
                try store.db.prepare("UPDATE batches SET status = 'sent' WHERE id = ? AND status = 'planned'").bind(.int(batchID)).run()
            }
        }
    }

    /// Records the outcome of every item of a batch (in the order `LedgerBatch.items` gave
    /// them) in one transaction.
    public func didFinish(_ batchID: Int64, _ outcomes: [LedgerItemOutcome]) throws {
        try locked { () throws(SyncFailure) in
            guard let ids = inFlight[batchID], ids.count == outcomes.count else {
                throw SyncFailure.state("delivery: batch \(batchID) finished with \(outcomes.count) outcomes for \(inFlight[batchID]?.count ?? 0) items")
            }
            var rejectLines: [UInt8] = []
            try store.transaction { () throws(SyncFailure) in
                try store.sql { () throws(SQLiteError) in
                    let ack = try store.db.prepare("""
                        INSERT INTO users(key, state) SELECT key, state FROM items WHERE id = ?
                        ON CONFLICT(key) DO UPDATE SET state = excluded.state
                        """)
                    let mark = try store.db.prepare("UPDATE items SET status = ?, message = ? WHERE id = ?")
                    let read = try store.db.prepare("SELECT key, body FROM items WHERE id = ?")
                    var anyPending = false, anyRejected = false
                    for (id, outcome) in zip(ids, outcomes) {
                        switch outcome {
                        case .acknowledged:
                            try ack.bind(.int(id)).run()
                            try mark.bind(.text("acknowledged"), .null, .int(id)).run()
                        case .rejected(let message):
                            anyRejected = true
                            try mark.bind(.text("rejected"), .text(message), .int(id)).run()
                            try read.bind(.int(id))
                            if try read.step() {
                                let line: JSONValue = .object([
                                    "batch": .number(JSONNumber(batchID)), "user": .string(read.text(0) ?? ""),
                                    "code": "target_rejected", "message": .string(message),
                                    "text": .string(String(decoding: read.blob(1), as: UTF8.self)),
                                ])
                                JSONWriter.write(line, to: &rejectLines)
                                rejectLines.append(UInt8(ascii: "\n"))
                            }
                            read.reset()
                        case .pending(let message):
                            anyPending = true
                            try mark.bind(.text("pending"), .text(message), .int(id)).run()
                        }
                    }
                    let status = anyPending ? "planned" : anyRejected ? "rejected" : "acknowledged"
                    try store.db.prepare("UPDATE batches SET status = ? WHERE id = ?").bind(.text(status), .int(batchID)).run()
                }
                try store.finishPlanIfDone(planID)
            }
            for outcome in outcomes {
                switch outcome {
                case .acknowledged: acknowledged += 1
                case .rejected: rejected += 1
                case .pending: pending += 1
                }
            }
            inFlight[batchID] = nil
            if let rejectsPath, !rejectLines.isEmpty { Self.append(rejectLines, to: rejectsPath) }
        }
    }

    /// The first database failure met while reading batches, if any.
    var readFailure: SyncFailure? { locked { failure } }

    private static func append(_ bytes: [UInt8], to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    private func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// The pending batches, read one at a time.
public struct LedgerBatches: Sequence, Sendable {
    let ledger: DeliveryLedger
    let ids: [Int64]

    public var count: Int { ids.count }

    public func makeIterator() -> Iterator { Iterator(ledger: ledger, ids: ids) }

    public struct Iterator: IteratorProtocol {
        let ledger: DeliveryLedger
        let ids: [Int64]
        var position = 0

        public mutating func next() -> LedgerBatch? {
            while position < ids.count {
                let id = ids[position]
                position += 1
                if let batch = ledger.load(id), !batch.items.isEmpty { return batch }
            }
            return nil
        }
    }
}

/// The command layer's HTTP sender: delivers the ledger's batches and says how it ended.
public typealias Deliverer = @Sendable (DeliveryLedger) async throws -> DeliveryEnd
