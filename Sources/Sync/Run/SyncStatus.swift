import Foundation
import JSON

/// `etl sync status`: read-only, no lock taken (a run may be going on).
struct SyncStatus {
    let runner: SyncRunner

    func render(json: Bool) -> (text: String, exitStatus: Int32) {
        let folder = runner.stateFolder
        let job = runner.job
        var o = JSONObject()
        o.appendNew("job", .string(job.name))
        o.appendNew("kind", .string(job.target.kind.rawValue))
        o.appendNew("state", .string(folder))
        let holder = StateLock.currentHolder(folder: folder)
        o.appendNew("lock", holder.map { h in
            .object([
                "pid": h.pid.map { .number(JSONNumber(Int($0))) } ?? .null,
                "host": h.host.map { .string($0) } ?? .null, "started": h.started.map { .string($0) } ?? .null,
            ])
        } ?? .null)
        var exit: Int32 = 0
        var lines: [String] = ["job \(job.name): kind \(job.target.kind.rawValue), state \(folder)"]
        lines.append("lock: " + (holder.map { "held by \($0.description)" } ?? "free"))
        if !FileManager.default.fileExists(atPath: StateStore.databasePath(folder)) {
            o.appendNew("database", .null)
            lines.append("state database: none yet (the first run makes it)")
            return (json ? Self.text(o) : lines.joined(separator: "\n") + "\n", 0)
        }
        do {
            let store = try StateStore(folder: folder)
            let integrity = try store.integrityCheck()
            let ok = integrity == ["ok"]
            if !ok { exit = 1 }
            o.appendNew("database", .object([
                "path": .string(store.path), "bytes": .number(JSONNumber(store.sizeOnDisk)),
                "schema_version": .number(JSONNumber(StateStore.schemaVersion)),
                "integrity": ok ? "ok" : .array(integrity.map { .string($0) }),
            ]))
            let users = try store.count("users"), inputs = try store.count("inputs")
            o.appendNew("users", .number(JSONNumber(users)))
            o.appendNew("inputs_taken", .number(JSONNumber(inputs)))
            lines.append("state database: \(store.path), \(store.sizeOnDisk) bytes, schema \(StateStore.schemaVersion), integrity " + (ok ? "ok" : "FAILED: " + integrity.joined(separator: "; ")))
            lines.append("users: \(users); inputs taken: \(inputs)")
            if let plan = try store.pendingPlan() {
                let batches = try store.batchCounts(plan.id), items = try store.itemCounts(plan.id)
                let counts = PlanCounts(json: SyncRunner.parse(plan.counts))
                o.appendNew("pending", .object([
                    "plan_of_run": .string(plan.runID), "created": .string(plan.created), "counts": counts.json(),
                    "batches": Self.table(batches), "items": Self.table(items),
                    "publish_path": plan.publishPath.map { .string($0) } ?? .null,
                ]))
                lines.append("pending: the plan of run \(plan.runID): \(counts.summary)")
                lines.append("  batches: " + Self.describe(batches) + "; items: " + Self.describe(items))
            } else {
                o.appendNew("pending", .null)
                lines.append("pending: nothing")
            }
            let runs = try store.recentRuns(limit: 10)
            o.appendNew("runs", .array(runs.map { r in
                .object([
                    "run_id": .string(r.runID), "command": .string(r.command), "started": .string(r.started),
                    "ended": r.ended.map { .string($0) } ?? .null,
                    "exit_status": r.exitStatus.map { .number(JSONNumber($0)) } ?? .null,
                    "summary": r.summary.map { .string($0) } ?? .null,
                ])
            }))
            lines.append("last runs:")
            if runs.isEmpty { lines.append("  none") }
            for r in runs {
                let status = r.exitStatus.map { "exit \($0)" } ?? (r.ended == nil ? "did not finish" : "?")
                lines.append("  \(r.runID)  \(r.command)  \(status)  \(r.summary ?? "")")
            }
        } catch {
            exit = error.exitStatus
            o.appendNew("database", .object(["path": .string(StateStore.databasePath(folder)), "error": .string(error.message)]))
            lines.append("state database: \(error.message)")
        }
        return (json ? Self.text(o) : lines.joined(separator: "\n") + "\n", exit)
    }

    private static func text(_ o: JSONObject) -> String {
        var bytes: [UInt8] = []
        PrettyJSON.write(.object(o), to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func table(_ counts: [String: Int]) -> JSONValue {
        var o = JSONObject()
        for k in counts.keys.sorted() { o.appendNew(k, .number(JSONNumber(counts[k] ?? 0))) }
        return .object(o)
    }

    private static func describe(_ counts: [String: Int]) -> String {
        counts.isEmpty ? "none" : counts.keys.sorted().map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
    }
}
