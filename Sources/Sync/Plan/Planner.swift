import Converters
import Foundation
import JSON
import Schemas

/// Makes a plan: the inputs not yet taken, converted as `convert` converts them, each user
/// compared with what the target acknowledged, and per user one item holding what changed.
/// All of it in one transaction: a plan is recorded whole (with its inputs marked taken) or
/// not at all, so a crash while planning leaves the state as it was.
///
/// Memory does not grow with the number of users: the users' state is read from SQLite one
/// user at a time, and the users seen in this plan go to a temporary table (a record of a user
/// seen before in the same plan replaces that user's item: the later record wins).
final class Planner: RecordConsumer {
    struct Shard: Sendable, Equatable {
        var index: Int
        var count: Int
    }

    private let store: StateStore
    private let job: SyncJob
    private let shard: Shard?
    private let deadline: ContinuousClock.Instant?
    private var planID: Int64 = 0
    private var counts = PlanCounts()
    private var seen = 0
    /// Attribute name <-> id, one entry per distinct attribute name (not per user).
    private var nameIDs: [String: Int64] = [:]
    private var names: [Int64: String] = [:]
    /// Why `take` stopped the conversion, when it did.
    private(set) var failure: SyncFailure?

    private var seenInsert: SQLiteStatement?
    private var deleteItem: SQLiteStatement?
    private var userState: SQLiteStatement?
    private var insertItem: SQLiteStatement?
    private var insertName: SQLiteStatement?
    private var body: [UInt8] = []

    init(store: StateStore, job: SyncJob, shard: Shard?, deadline: ContinuousClock.Instant?) {
        self.store = store
        self.job = job
        self.shard = shard
        self.deadline = deadline
    }

    struct Outcome {
        /// nil: no new input, nothing planned.
        var planID: Int64?
        var counts: PlanCounts
        var conversion: RunReport?
    }

    /// Plans the new inputs. `keep`: commit the plan (false for a dry run, which rolls back).
    func plan(runID: String, rejectsPath: String?, keep: Bool, log: @escaping (String) -> Void) throws(SyncFailure) -> Outcome {
        let files = try inputFiles()
        var fresh: [(path: String, size: Int64, digest: String)] = []
        for path in files {
            let (size, digest) = try InputDigest.of(file: path)
            if let earlier = try store.takenInput(size: size, digest: digest) {
                counts.inputsSkipped.append((path, earlier))
            } else if let twin = fresh.first(where: { $0.size == size && $0.digest == digest }) {
                counts.inputsSkipped.append((path, twin.path))
            } else {
                fresh.append((path, size, digest))
            }
        }
        guard !fresh.isEmpty else { return Outcome(planID: nil, counts: counts, conversion: nil) }

        try store.begin()
        do {
            let outcome = try planInTransaction(fresh, runID: runID, rejectsPath: rejectsPath, log: log)
            if keep { try store.commit() } else { store.rollback() }
            return outcome
        } catch {
            store.rollback()
            throw error
        }
    }

    private func planInTransaction(
        _ fresh: [(path: String, size: Int64, digest: String)], runID: String, rejectsPath: String?, log: @escaping (String) -> Void
    ) throws(SyncFailure) -> Outcome {
        planID = try store.createPlan(runID: runID)
        try prepare()

        var options = ConversionOptions()
        options.inputs = fresh.map(\.path)
        options.from = job.from
        options.rejectsPath = rejectsPath
        let writer = StagedItemWriter(format: job.target.format, limits: options.limits)
        let report = Conversion.run(options, writer: writer, consumer: self, log: log)
        if let failure { throw failure }
        switch report.exitStatus {
        case 0, 3: break
        case 65: throw .input(report.fault ?? "input fault")
        case 64: throw .usage(report.fault ?? "usage")
        default: throw .output(report.fault ?? "conversion failed")
        }
        let read = report.recordsRead, rejected = report.recordsRejected
        if read > 0 && (Double(rejected) / Double(read) > job.maxRejectRatio || rejected == read) {
            throw .rejectRatio(rejected: rejected, read: read, limit: job.maxRejectRatio)
        }
        for input in fresh { try store.recordInput(path: input.path, size: input.size, digest: input.digest, planID: planID) }
        counts.inputsTaken = fresh.map(\.path)
        try finish()
        return Outcome(planID: planID, counts: counts, conversion: report)
    }

    /// The job's globs expanded, in name order, each file once.
    private func inputFiles() throws(SyncFailure) -> [String] {
        var files = Set<String>()
        for pattern in job.sourcePaths {
            var g = glob_t()
            defer { globfree(&g) }
            let rc = glob(pattern, 0, nil, &g)
            guard rc == 0 || rc == GLOB_NOMATCH else {
                throw .input("[source] paths \(pattern): cannot list the folder (glob error \(rc))")
            }
            for i in 0..<Int(g.gl_pathc) {
                guard let p = g.gl_pathv[i] else { continue }
                let path = String(cString: p)
                var st = stat()
                if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG { files.insert(path) }
            }
        }
        return files.sorted()
    }

    private func prepare() throws(SyncFailure) {
        try store.sql { () throws(SQLiteError) in
            try store.db.execute("CREATE TEMP TABLE IF NOT EXISTS seen(key TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.seen")
            seenInsert = try store.db.prepare("INSERT INTO temp.seen(key) VALUES(?) ON CONFLICT DO NOTHING")
            deleteItem = try store.db.prepare("DELETE FROM items WHERE plan_id = ? AND key = ?")
            userState = try store.db.prepare("SELECT state FROM users WHERE key = ?")
            insertItem = try store.db.prepare(
                "INSERT INTO items(plan_id, key, status, is_new, attributes, removed, body, state) VALUES(?, ?, 'planned', ?, ?, ?, ?, ?)")
            insertName = try store.db.prepare("INSERT INTO attribute_names(name) VALUES(?)")
            let all = try store.db.prepare("SELECT id, name FROM attribute_names")
            while try all.step() {
                let id = all.int(0), name = all.text(1) ?? ""
                nameIDs[name] = id
                names[id] = name
            }
        }
    }

    // MARK: one record

    func take(_ encoded: UnsafeRawBufferPointer, file: String, record: Int) throws(OutputFailure) -> Reject? {
        guard let item = StagedItem.decode(encoded) else {
            return Reject(.wrongShape, "internal: the planner could not read its own item")
        }
        if let shard, Int(ValueDigest.shardHash(item.key) % UInt64(shard.count)) != shard.index {
            counts.otherShard += 1
            return nil
        }
        if let deadline, record & 0xFFF == 0, ContinuousClock.now >= deadline {
            return try stop(.deadline("the deadline passed while planning: nothing planned; the inputs are taken again by the next run"))
        }
        do {
            try plan(item)
        } catch {
            return try stop(StateStore.failure(error, store.path))
        }
        return nil
    }

    private func stop(_ failure: SyncFailure) throws(OutputFailure) -> Reject? {
        self.failure = failure
        throw OutputFailure(failure.message)
    }

    private func plan(_ item: StagedItem) throws(SQLiteError) {
        guard let seenInsert, let deleteItem, let userState, let insertItem else { return }
        try seenInsert.bind(.text(item.key)).run()
        if store.db.changes == 0 {
            counts.duplicateRecords += 1
            try deleteItem.bind(.int(planID), .text(item.key)).run()
        } else {
            seen += 1
        }
        try userState.bind(.text(item.key))
        var old: AttributeState?
        if try userState.step() {
            old = userState.withBlob(0) { AttributeState(blob: $0) } ?? AttributeState()
        }
        userState.reset()

        var ids: [Int64] = []
        var digests: [UInt64] = []
        ids.reserveCapacity(item.attributes.count)
        digests.reserveCapacity(item.attributes.count)
        for a in item.attributes {
            ids.append(try id(of: a.name))
            digests.append(a.digest)
        }
        let keep = job.removedAttributes == .keep
        let diff = AttributeDiff(old: old ?? AttributeState(), ids: ids, digests: digests, keepRemoved: keep)
        let removed = keep ? [] : diff.removed
        let isNew = old == nil
        guard isNew || !diff.changed.isEmpty || !removed.isEmpty else { return }

        body.removeAll(keepingCapacity: true)
        if item.wholeRecord {
            body.append(contentsOf: item.whole)
        } else if job.target.format == .identify {
            identifyBody(item, diff.changed, removed)
        } else {
            attributesBody(item, diff.changed, removed)
        }
        try insertItem.bind(
            .int(planID), .text(item.key), .int(isNew ? 1 : 0), .int(diff.changed.count), .int(removed.count),
            .blob(body), .blob(diff.next.blob)
        ).run()
    }

    private func id(of name: String) throws(SQLiteError) -> Int64 {
        if let id = nameIDs[name] { return id }
        guard let insertName else { return 0 }
        try insertName.bind(.text(name)).run()
        let id = store.db.lastInsertRowID
        nameIDs[name] = id
        names[id] = name
        return id
    }

    /// A Braze attributes object: the identifier, the changed attributes, removed ones as null.
    private func attributesBody(_ item: StagedItem, _ changed: [Int], _ removed: [Int64]) {
        body.append(UInt8(ascii: "{"))
        body.append(contentsOf: item.identifier)
        for i in changed { pair(item.attributes[i].name, item.attributes[i].value) }
        for id in removed { pair(names[id] ?? "", Array("null".utf8)) }
        body.append(UInt8(ascii: "}"))
    }

    /// An Amplitude Identify object: `user_id`/`device_id`, then `user_properties` with `$set`
    /// for changed properties and `$unset` for removed ones.
    private func identifyBody(_ item: StagedItem, _ changed: [Int], _ removed: [Int64]) {
        body.append(UInt8(ascii: "{"))
        body.append(contentsOf: item.identifier)
        if !changed.isEmpty || !removed.isEmpty {
            body.append(contentsOf: #","user_properties":{"#.utf8)
            var first = true
            if !changed.isEmpty {
                body.append(contentsOf: #""$set":{"#.utf8)
                for (n, i) in changed.enumerated() {
                    if n > 0 { body.append(UInt8(ascii: ",")) }
                    JSONWriter.writeString(item.attributes[i].name, to: &body)
                    body.append(UInt8(ascii: ":"))
                    body.append(contentsOf: item.attributes[i].value)
                }
                body.append(UInt8(ascii: "}"))
                first = false
            }
            if !removed.isEmpty {
                if !first { body.append(UInt8(ascii: ",")) }
                body.append(contentsOf: #""$unset":{"#.utf8)
                for (n, id) in removed.enumerated() {
                    if n > 0 { body.append(UInt8(ascii: ",")) }
                    JSONWriter.writeString(names[id] ?? "", to: &body)
                    body.append(contentsOf: #":"-""#.utf8)
                }
                body.append(UInt8(ascii: "}"))
            }
            body.append(UInt8(ascii: "}"))
        }
        body.append(UInt8(ascii: "}"))
    }

    private func pair(_ name: String, _ value: [UInt8]) {
        if body.count > 1 { body.append(UInt8(ascii: ",")) }
        JSONWriter.writeString(name, to: &body)
        body.append(UInt8(ascii: ":"))
        body.append(contentsOf: value)
    }

    // MARK: the end of a plan

    /// Cuts the items into batches in the order their users were first seen, and counts.
    private func finish() throws(SyncFailure) {
        try store.sql { () throws(SQLiteError) in
            let base = try store.db.prepare("SELECT coalesce(max(id), 0) + 1 FROM batches")
            _ = try base.step()
            let first = base.int(0)
            base.reset()
            try store.db.prepare("""
                WITH r AS (SELECT id, (row_number() OVER (ORDER BY id) - 1) / ?2 AS b FROM items WHERE plan_id = ?1)
                UPDATE items SET batch_id = ?3 + r.b FROM r WHERE items.id = r.id
                """).bind(.int(planID), .int(job.target.batchSize), .int(first)).run()
            try store.db.prepare("""
                INSERT INTO batches(id, plan_id, status, items)
                SELECT batch_id, plan_id, 'planned', count(*) FROM items WHERE plan_id = ? GROUP BY batch_id
                """).bind(.int(planID)).run()
            let sums = try store.db.prepare("""
                SELECT count(*), coalesce(sum(is_new), 0), coalesce(sum(attributes), 0), coalesce(sum(removed), 0),
                    count(DISTINCT batch_id) FROM items WHERE plan_id = ?
                """)
            try sums.bind(.int(planID))
            _ = try sums.step()
            counts.items = Int(sums.int(0))
            counts.usersNew = Int(sums.int(1))
            counts.usersChanged = counts.items - counts.usersNew
            counts.attributesSent = Int(sums.int(2))
            counts.attributesRemoved = Int(sums.int(3))
            counts.batches = Int(sums.int(4))
            sums.reset()
            counts.usersUnchanged = seen - counts.items
        }
        var text: [UInt8] = []
        JSONWriter.write(counts.json(), to: &text)
        try store.setPlanCounts(planID, String(decoding: text, as: UTF8.self))
        try store.finishPlanIfDone(planID)
    }
}
