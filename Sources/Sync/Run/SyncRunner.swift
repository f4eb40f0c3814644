import Converters
import Foundation
import JSON

/// What a sync command is told besides the job file.
public struct SyncOptions: Sendable {
    /// How long to wait for another run's lock (`--wait SECONDS`).
    public var wait: Duration = .zero
    /// `sync run --dry-run`: plan and show, record and send nothing.
    public var dryRun = false
    /// `--shard I/N`: only the users whose key hashes to I, with the state in its own folder.
    public var shard: (index: Int, count: Int)?
    public var quiet = false
    /// The program version, for reports.
    public var version = ""
    /// kind = braze | amplitude: the HTTP sender; nil in a binary built without it.
    public var deliverer: Deliverer?

    public init() {}
}

/// The sync commands' logic: `plan`, `run`, `status` and `reset` on one job. The command layer
/// only parses arguments, calls one of these and exits with the status it returns.
public final class SyncRunner {
    let job: SyncJob
    let options: SyncOptions
    let log: (String) -> Void
    /// The state folder: the job's, or a shard's below it.
    public let stateFolder: String
    private let started = Date()
    private let startInstant = ContinuousClock.now

    public init(job: SyncJob, options: SyncOptions, log: @escaping (String) -> Void) {
        self.job = job
        self.options = options
        self.log = log
        if let shard = options.shard {
            stateFolder = job.state + "/shard-\(shard.index)-of-\(shard.count)"
        } else {
            stateFolder = job.state
        }
    }

    private var deadline: ContinuousClock.Instant? { job.deadline.map { startInstant + $0 } }

    private var shard: Planner.Shard? { options.shard.map { Planner.Shard(index: $0.index, count: $0.count) } }

    // MARK: plan

    /// `etl sync plan`: record a plan of the new inputs; nothing is sent.
    public func plan() -> Int32 {
        var report = SyncReport(command: "sync plan", job: job, options: options, started: started)
        let status = withLockAndStore(&report) { (store, report) throws(SyncFailure) -> Int32 in
            if let pending = try store.pendingPlan() {
                let counts = PlanCounts(json: Self.parse(pending.counts))
                report.plan = counts
                say("a plan made by run \(pending.runID) is pending (\(counts.summary)); `etl sync run` delivers it before new inputs are planned")
                return 0
            }
            let outcome = try makePlan(store, &report, keep: true)
            return outcome.conversion.map { $0.recordsRejected > 0 ? 3 : 0 } ?? 0
        }
        return status
    }

    // MARK: run

    /// `etl sync run`: plan unless a plan is pending, deliver it, record what was acknowledged.
    public func run() async -> Int32 {
        var report = SyncReport(command: "sync run", job: job, options: options, started: started)
        var apiKey = ""
        if job.target.kind != .file {
            let variable = job.target.apiKeyEnv ?? ""
            guard let key = ProcessInfo.processInfo.environment[variable], !key.isEmpty else {
                return fail(.job(.invalid(file: job.file, line: nil, key: "[target] api_key_env",
                                          message: "the variable \(variable) is not set or empty")))
            }
            apiKey = key
            if options.deliverer == nil && !options.dryRun {
                return fail(.deliveryNotBuilt(job.target.kind.rawValue))
            }
        }
        let lock: StateLock, store: StateStore
        do {
            (lock, store) = try open(recording: options.dryRun ? nil : "run", &report)
        } catch {
            return fail(error)
        }
        defer { withExtendedLifetime(lock) {} }
        var status: Int32
        do {
            status = try await run(store, apiKey: apiKey, &report)
        } catch {
            report.fault = error.message
            status = error.exitStatus
            log("etl sync: \(error.message)")
        }
        return finish(store, &report, status)
    }

    private func run(_ store: StateStore, apiKey: String, _ report: inout SyncReport) async throws(SyncFailure) -> Int32 {
        var rejectedRecords = 0
        var plan = try store.pendingPlan()
        if let plan {
            report.plan = PlanCounts(json: Self.parse(plan.counts))
            report.resumedPlan = plan.runID
            say("resuming the plan of run \(plan.runID)")
        } else {
            let outcome = try makePlan(store, &report, keep: !options.dryRun)
            rejectedRecords = outcome.conversion?.recordsRejected ?? 0
            if options.dryRun {
                say("dry run: nothing recorded or sent")
                return rejectedRecords > 0 ? 3 : 0
            }
            plan = try store.pendingPlan()
        }
        if options.dryRun {
            say("dry run: the pending plan is not sent")
            return 0
        }
        guard let plan else {
            return rejectedRecords > 0 ? 3 : 0
        }
        if let deadline, ContinuousClock.now >= deadline {
            throw .deadline("the deadline passed before delivery: the plan stays pending for the next run")
        }
        switch job.target.kind {
        case .file:
            let publisher = FilePublisher(store: store, job: job)
            let outcome = try publisher.publish(plan, runID: report.runID ?? "dry-run")
            report.published = outcome.path
            report.itemsAcknowledged = report.plan?.items ?? 0
            if let path = outcome.path {
                say(outcome.republished ? "\(path) was published by an interrupted run: acknowledged" : "published \(path)")
            }
        case .braze, .amplitude:
            guard let deliverer = options.deliverer else { throw .deliveryNotBuilt(job.target.kind.rawValue) }
            let ledger = DeliveryLedger(job: job, apiKey: apiKey, store: store, planID: plan.id,
                                        rejectsPath: report.runFolder(stateFolder).map { $0 + "/rejects.ndjson" }, deadline: deadline)
            let end: DeliveryEnd
            do {
                end = try await deliverer(ledger)
            } catch let failure as SyncFailure {
                throw failure
            } catch {
                throw .unavailable("delivery failed: \(error)")
            }
            if let failure = ledger.readFailure { throw failure }
            report.itemsAcknowledged = ledger.acknowledged
            report.itemsRejected = ledger.rejected
            report.itemsPending = ledger.pending
            switch end {
            case .done: break
            case .unavailable(let text): throw .unavailable(text)
            case .deadline(let text): throw .deadline(text)
            case .refused(let text): throw .refused(text)
            }
            if try store.pendingPlan() != nil && ledger.pending > 0 {
                throw .unavailable("\(ledger.pending) items not delivered; they stay pending for the next run")
            }
        }
        return rejectedRecords > 0 || report.itemsRejected > 0 ? 3 : 0
    }

    // MARK: status and reset

    /// `etl sync status`: the last runs, pending work, the lock holder, and the database's
    /// integrity check. Takes no lock. Exit 0, or 1 when the database is damaged.
    public func status(json: Bool) -> (text: String, exitStatus: Int32) {
        SyncStatus(runner: self).render(json: json)
    }

    /// `etl sync reset [--full]`: forget pending plans, or all state.
    public func reset(full: Bool) -> Int32 {
        let lock: StateLock
        do {
            lock = try takeLock()
        } catch {
            return fail(error)
        }
        defer { withExtendedLifetime(lock) {} }
        do throws(SyncFailure) {
            var opened: StateStore?
            do throws(SyncFailure) {
                let candidate = try StateStore(folder: stateFolder)
                // Damage may show only when the tables are read.
                if full, try candidate.integrityCheck() != ["ok"] {
                    throw .damagedState("\(candidate.path) fails its integrity check")
                }
                opened = candidate
            } catch {
                guard case .damagedState(let text) = error, full else { throw error }
                // Asked for by name: the damaged file is moved aside (kept, not deleted).
                let aside = StateStore.databasePath(stateFolder) + ".damaged-" + SyncClock.compact()
                guard rename(StateStore.databasePath(stateFolder), aside) == 0 else { throw .damagedState(text) }
                for suffix in ["-wal", "-shm"] { _ = rename(StateStore.databasePath(stateFolder) + suffix, aside + suffix) }
                say("the damaged state database was moved to \(aside)")
            }
            let store: StateStore
            if let opened { store = opened } else { store = try StateStore(folder: stateFolder) }
            let pending = try store.pendingPlan()
            try store.reset(full: full)
            if full {
                say("all state forgotten: the next run plans every user of every input again")
            } else {
                say(pending.map { "forgot the pending plan of run \($0.runID); its inputs will be planned again" } ?? "no pending plan")
            }
            return 0
        } catch {
            return fail(error)
        }
    }

    // MARK: pieces

    private func takeLock() throws(SyncFailure) -> StateLock {
        do {
            try FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
        } catch {
            throw .state("\(stateFolder): cannot create the state folder: \((error as NSError).localizedDescription)")
        }
        do {
            return try StateLock(folder: stateFolder, wait: options.wait)
        } catch {
            switch error {
            case .held(let holder): throw .lockHeld(holder, lockFile: stateFolder + "/lock")
            case .cannotOpen(let text): throw .state(text)
            }
        }
    }

    /// Takes the lock (first, so that a second run exits at once), opens the state and, unless
    /// `command` is nil (a dry run records nothing), records the run and its id in `report`.
    private func open(recording command: String?, _ report: inout SyncReport) throws(SyncFailure) -> (StateLock, StateStore) {
        let lock = try takeLock()
        let store = try StateStore(folder: stateFolder)
        if let command { report.runID = try store.startRun(command: command) }
        return (lock, store)
    }

    /// Lock, store, run id and report around `body` (for `plan`).
    private func withLockAndStore(
        _ report: inout SyncReport, _ body: (StateStore, inout SyncReport) throws(SyncFailure) -> Int32
    ) -> Int32 {
        let lock: StateLock, store: StateStore
        do {
            (lock, store) = try open(recording: "plan", &report)
        } catch {
            return fail(error)
        }
        defer { withExtendedLifetime(lock) {} }
        var status: Int32
        do {
            status = try body(store, &report)
        } catch {
            report.fault = error.message
            status = error.exitStatus
            log("etl sync: \(error.message)")
        }
        return finish(store, &report, status)
    }

    private func makePlan(_ store: StateStore, _ report: inout SyncReport, keep: Bool) throws(SyncFailure) -> Planner.Outcome {
        let planner = Planner(store: store, job: job, shard: shard, deadline: deadline)
        var rejectsPath: String?
        if let folder = report.runFolder(stateFolder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .state("\(folder): cannot create the run's folder: \((error as NSError).localizedDescription)")
            }
            rejectsPath = folder + "/rejects.ndjson"
        }
        let outcome = try planner.plan(runID: report.runID ?? "dry-run", rejectsPath: rejectsPath, keep: keep) { [log] in log($0) }
        report.plan = outcome.counts
        report.conversion = outcome.conversion
        let renamed = outcome.counts.inputsSkipped.filter { $0.path != $0.takenAs }
        for skipped in renamed {
            say("\(skipped.path): the same bytes were taken as \(skipped.takenAs): skipped")
        }
        let again = outcome.counts.inputsSkipped.count - renamed.count
        if again > 0 { say("\(again) input\(again == 1 ? "" : "s") taken before: skipped") }
        if outcome.planID == nil {
            say("no new input: nothing planned")
        } else {
            if var conversion = outcome.conversion, !options.quiet {
                if case .records(let format) = job.target.format { conversion.toFormat = format }
                // The conversion's last line is about an output file, which a plan has not.
                let lines = conversion.summary().split(separator: "\n").filter { !$0.hasPrefix("  output:") }
                log(lines.joined(separator: "\n").replacingOccurrences(of: " -> ?", with: " -> \(job.target.format.name)"))
            }
            say("plan: \(outcome.counts.summary)")
        }
        return outcome
    }

    /// Ends a run: its report under `runs/<run id>/`, its row, and older runs pruned.
    private func finish(_ store: StateStore, _ report: inout SyncReport, _ status: Int32) -> Int32 {
        report.exitStatus = status
        report.ended = Date()
        store.releaseFreePages()
        report.stateBytes = store.sizeOnDisk
        guard let runID = report.runID, let folder = report.runFolder(stateFolder) else { return status }
        var final = status
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let bytes = report.jsonBytes()
            let file = try OutputFile(path: folder + "/report.json", gzip: false, level: 6)
            try file.sink.write(bytes)
            try file.commit()
            try store.endRun(runID, exitStatus: status, summary: report.plan?.summary ?? report.fault ?? "")
            try store.pruneRuns(keep: job.keepRuns)
            pruneRunFolders()
        } catch {
            log("etl sync: cannot write the run's report: \(error)")
            if final == 0 || final == 3 { final = 1 }
        }
        return final
    }

    /// Keeps the last `keep_runs` folders under `runs/` (their names sort by time).
    private func pruneRunFolders() {
        let runs = stateFolder + "/runs"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: runs) else { return }
        let sorted = names.filter { !$0.hasPrefix(".") }.sorted()
        for name in sorted.dropLast(job.keepRuns) {
            try? FileManager.default.removeItem(atPath: runs + "/" + name)
        }
    }

    private func fail(_ failure: SyncFailure) -> Int32 {
        log("etl sync: \(failure.message)")
        return failure.exitStatus
    }

    func say(_ text: String) {
        if !options.quiet { log("etl sync: \(job.name): \(text)") }
    }

    static func parse(_ text: String) -> JSONValue {
        var parser = JSONParser(maxDepth: 16)
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { try? parser.parse($0) } ?? .null
    }
}
