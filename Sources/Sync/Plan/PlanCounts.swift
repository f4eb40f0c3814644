import JSON

/// What a plan holds, for the report, `status` and the plan's row.
public struct PlanCounts: Sendable, Equatable {
    public var inputsTaken: [String] = []
    /// Inputs whose bytes were taken before (under this or another name): path -> earlier path.
    public var inputsSkipped: [(path: String, takenAs: String)] = []
    public var usersNew = 0
    public var usersChanged = 0
    public var usersUnchanged = 0
    /// Records of a user seen earlier in the same plan: the later one wins.
    public var duplicateRecords = 0
    /// Records of users another shard takes (`--shard I/N`).
    public var otherShard = 0
    /// Attribute values sent, identifiers not counted.
    public var attributesSent = 0
    /// Attributes sent as `null` or under `$unset`.
    public var attributesRemoved = 0
    public var items = 0
    public var batches = 0

    public init() {}

    /// Braze bills a data point for every attribute written, `null` included, and none for
    /// the identifier; the same count is given for the other targets as their cost.
    public var dataPoints: Int { attributesSent + attributesRemoved }

    public static func == (a: PlanCounts, b: PlanCounts) -> Bool { a.json() == b.json() }

    public func json() -> JSONValue {
        .object([
            "inputs_taken": .array(inputsTaken.map { .string($0) }),
            "inputs_skipped": .array(inputsSkipped.map { .object(["path": .string($0.path), "taken_as": .string($0.takenAs)]) }),
            "users_new": .number(JSONNumber(usersNew)),
            "users_changed": .number(JSONNumber(usersChanged)),
            "users_unchanged": .number(JSONNumber(usersUnchanged)),
            "duplicate_records": .number(JSONNumber(duplicateRecords)),
            "other_shard_records": .number(JSONNumber(otherShard)),
            "attributes_sent": .number(JSONNumber(attributesSent)),
            "attributes_removed": .number(JSONNumber(attributesRemoved)),
            "data_points": .number(JSONNumber(dataPoints)),
            "items": .number(JSONNumber(items)),
            "batches": .number(JSONNumber(batches)),
        ])
    }

    public init(json value: JSONValue) {
        guard case .object(let o) = value else { return }
        func int(_ key: String) -> Int { o[key]?.numberValue.flatMap { Int($0.text) } ?? 0 }
        inputsTaken = o["inputs_taken"]?.array?.compactMap(\.string) ?? []
        inputsSkipped = (o["inputs_skipped"]?.array ?? []).compactMap { v in
            guard let p = v.object?["path"]?.string, let t = v.object?["taken_as"]?.string else { return nil }
            return (p, t)
        }
        usersNew = int("users_new")
        usersChanged = int("users_changed")
        usersUnchanged = int("users_unchanged")
        duplicateRecords = int("duplicate_records")
        otherShard = int("other_shard_records")
        attributesSent = int("attributes_sent")
        attributesRemoved = int("attributes_removed")
        items = int("items")
        batches = int("batches")
    }

    /// `12 new, 340 changed, 9648 unchanged users; 1210 attributes (35 removed), ~1245 data points`
    public var summary: String {
        var s = "\(usersNew) new, \(usersChanged) changed, \(usersUnchanged) unchanged users; "
        s += "\(attributesSent) attributes sent, \(attributesRemoved) removed; ~\(dataPoints) data points; "
        s += "\(items) items in \(batches) batches"
        if duplicateRecords > 0 { s += "; \(duplicateRecords) repeated records (the later won)" }
        if otherShard > 0 { s += "; \(otherShard) records of other shards" }
        return s
    }
}
