import Converters
import Foundation
import JSON

/// A sync run's report, `runs/<run id>/report.json`: the report fields of `convert` (for the
/// inputs planned in this run), then the run, the plan's counts and the delivery.
struct SyncReport {
    var command: String
    var job: SyncJob
    var options: SyncOptions
    var started: Date
    var ended: Date?
    var runID: String?
    var exitStatus: Int32 = 0
    var fault: String?
    var conversion: RunReport?
    var plan: PlanCounts?
    /// The run whose pending plan this run delivered (it made none of its own).
    var resumedPlan: String?
    var published: String?
    var itemsAcknowledged = 0
    var itemsRejected = 0
    var itemsPending = 0
    var stateBytes: Int64 = 0

    init(command: String, job: SyncJob, options: SyncOptions, started: Date) {
        self.command = command
        self.job = job
        self.options = options
        self.started = started
    }

    func runFolder(_ state: String) -> String? {
        runID.map { state + "/runs/" + $0 }
    }

    func json() -> JSONValue {
        var o = JSONObject()
        if case .object(let c) = conversion?.json() {
            for (k, v) in c.entries where k != "command" && k != "exit_status" && k != "fault" && k != "to" && k != "output" {
                o.appendNew(k, v)
            }
        }
        var head = JSONObject()
        head.appendNew("command", .string(command))
        head.appendNew("exit_status", .number(JSONNumber(Int(exitStatus))))
        if let fault { head.appendNew("fault", .string(fault)) }
        head.appendNew("job", .string(job.name))
        head.appendNew("run_id", runID.map { .string($0) } ?? .null)
        head.appendNew("started", .string(SyncClock.timestamp(started)))
        head.appendNew("ended", .string(SyncClock.timestamp(ended ?? Date())))
        head.appendNew("version", .string(options.version))
        head.appendNew("dry_run", .bool(options.dryRun))
        if let shard = options.shard { head.appendNew("shard", .string("\(shard.index)/\(shard.count)")) }
        head.appendNew("target", .object([
            "kind": .string(job.target.kind.rawValue), "format": .string(job.target.format.name),
            "removed_attributes": .string(job.removedAttributes.rawValue),
        ]))
        head.appendNew("planned_inputs", .bool(conversion != nil))
        if let resumedPlan { head.appendNew("resumed_plan_of", .string(resumedPlan)) }
        head.appendNew("plan", plan?.json() ?? .null)
        head.appendNew("delivery", .object([
            "published": published.map { .string($0) } ?? .null,
            "items_acknowledged": .number(JSONNumber(itemsAcknowledged)),
            "items_rejected": .number(JSONNumber(itemsRejected)),
            "items_pending": .number(JSONNumber(itemsPending)),
        ]))
        head.appendNew("state_bytes", .number(JSONNumber(stateBytes)))
        for (k, v) in o.entries { head.appendNew(k, v) }
        return .object(head)
    }

    func jsonBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        PrettyJSON.write(json(), to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
