import JSON
import Schemas

/// One attributes object under construction, applying Braze's rules for custom attribute
/// keys (no collision with a standard field, no leading `$`, at most 255 characters) and
/// values (array dedup and limit, string length, object size, no `null`).
struct BrazeAttributeObject {
    let limits: Limits
    /// Custom attribute keys written so far, for collision checks without hashing.
    private var placed = TaggedKeys()
    /// `alias` wrote `_update_existing_only` (a source's own flag is then not written again).
    private(set) var wroteUpdateExistingOnly = false

    /// `capacity`: the attributes expected, so that the key set grows once, not once per doubling.
    init(limits: Limits, capacity: Int = 24) {
        self.limits = limits
        placed.reserveCapacity(capacity)
    }

    /// Names Braze gives a meaning of its own; a custom attribute may not take them.
    static let reservedKeys = TaggedKeys([
        "external_id", "user_alias", "braze_id", "email", "phone", "first_name", "last_name",
        "gender", "dob", "country", "language", "home_city", "time_zone", "date_of_first_session",
        "date_of_last_session", "email_subscribe", "push_subscribe", "push_tokens",
        "subscription_groups", "current_location", "facebook", "twitter",
        "email_open_tracking_disabled", "email_click_tracking_disabled", "marked_email_as_spam_at",
        "_update_existing_only", "push_token_import", "user_aliases", "created_at",
    ])

    static let maxKeyLength = 255

    func standard<M: AttributeMembers & ~Copyable>(_ key: String, _ value: String?, _ members: inout M) {
        if let value { members.append(key, .string(value)) }
    }

    /// An alias identifier; alias-only objects must say `_update_existing_only: false` or
    /// Braze does not create the profile (a source's own flag is kept).
    mutating func alias<M: AttributeMembers & ~Copyable>(name: String, label: String, extras: JSONObject?, _ members: inout M) {
        members.append("user_alias", .object(["alias_name": .string(name), "alias_label": .string(label)]))
        members.append("_update_existing_only", extras?["_update_existing_only"] ?? .bool(false))
        wroteUpdateExistingOnly = true
    }

    /// Adds a custom attribute under a free, valid key, with its value cleaned.
    mutating func custom<M: AttributeMembers & ~Copyable>(_ key: String, _ value: JSONValue, _ notes: inout Notes, _ members: inout M) {
        guard let (name, tag) = place(key, &notes), let clean = cleaned(value, name, &notes) else { return }
        members.append(name, clean)
        placed.insert(name, tag: tag)
    }

    /// Braze `inc` / `add` / `remove` operations; `add` and `remove` on one key share an object.
    /// Their keys are placed like custom keys, so no earlier member has them: they are collected
    /// here and written last, each where its first operation put it.
    mutating func operations<M: AttributeMembers & ~Copyable>(_ ops: [CustomAttributeOp], _ notes: inout Notes, _ members: inout M) {
        if ops.isEmpty { return }
        var object = JSONObject()
        var names: [String: String] = [:]
        for op in ops {
            let name: String
            if let known = names[op.key] {
                name = known
            } else {
                guard let (free, _) = place(op.key, &notes) else { continue }
                name = free
                names[op.key] = free
            }
            var body = object[name]?.object ?? JSONObject()
            body.set(op.kind.rawValue, op.value)
            if object[name] == nil { placed.insert(name, tag: KeyTag(name)) }
            object[name] = .object(body)
        }
        for (key, value) in object.entries { members.append(key, value) }
    }

    /// The key this attribute can be written under, with its tag, or nil (dropped, counted).
    private func place(_ key: String, _ notes: inout Notes) -> (String, KeyTag)? {
        var name = key
        if name.utf8.first == UInt8(ascii: "$") { name = String(name.drop { $0 == "$" }) }
        var tag = KeyTag(name)
        if isTaken(name, tag) {
            name = "custom_" + name
            tag = KeyTag(name)
        }
        // At most 255 UTF-8 bytes means at most 255 characters: skip counting.
        guard !name.isEmpty, name.utf8.count <= Self.maxKeyLength || name.unicodeScalars.count <= Self.maxKeyLength,
            name == key || !isTaken(name, tag)
        else {
            notes.warn(.attributeDropped, key)
            return nil
        }
        if name != key { notes.warn(.attributeRenamed, key, .string(name)) }
        return (name, tag)
    }

    /// Standard and identifier fields are all reserved names, so only custom keys placed
    /// earlier can collide besides them. `tag` is the name's, computed once by the caller.
    private func isTaken(_ name: String, _ tag: KeyTag) -> Bool {
        Self.reservedKeys.index(of: name, tag: tag) != nil || placed.index(of: name, tag: tag) != nil
    }

    private func cleaned(_ value: JSONValue, _ field: String, _ notes: inout Notes) -> JSONValue? {
        switch value {
        case .null:
            notes.warn(.nullValue, field, .null)
            return nil
        case .string(let s):
            return .string(truncated(s, field, &notes))
        case .array(let items):
            return cleanedArray(items, field, &notes)
        case .object:
            var bytes: [UInt8] = []
            JSONWriter.write(value, to: &bytes)
            if bytes.count > limits.maxObjectBytes {
                notes.warn(.objectTooLarge, field, value)
                return nil
            }
            return value
        case .bool, .number:
            return value
        }
    }

    private func truncated(_ s: String, _ field: String, _ notes: inout Notes) -> String {
        // Cheap test first: a string of at most 255 UTF-8 bytes has at most 255 characters.
        guard s.utf8.count > limits.maxStringLength, s.count > limits.maxStringLength else { return s }
        notes.warn(.stringTruncated, field, .string(s))
        return String(s.prefix(limits.maxStringLength))
    }

    /// Values unique, a repeated value moving to the end (`[a,b,a]` -> `[b,a]`), at most
    /// `arrayLimit` values keeping the newest; arrays of arrays are invalid.
    private func cleanedArray(_ items: [JSONValue], _ field: String, _ notes: inout Notes) -> JSONValue? {
        // Most arrays need no change: share their storage instead of copying it.
        guard items.contains(where: needsCleaning) else { return uniqueWithinLimit(items, field, &notes) }
        var values: [JSONValue] = []
        values.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .array:
                notes.warn(.nestedArray, field, item)
                return nil
            case .string(let s):
                values.append(.string(truncated(s, field, &notes)))
            default:
                values.append(item)
            }
        }
        return uniqueWithinLimit(values, field, &notes)
    }

    /// A nested array (invalid) or an over-long string (cut) in an array attribute.
    private func needsCleaning(_ item: JSONValue) -> Bool {
        switch item {
        case .array: true
        case .string(let s): s.utf8.count > limits.maxStringLength
        default: false
        }
    }

    private func uniqueWithinLimit(_ values: [JSONValue], _ field: String, _ notes: inout Notes) -> JSONValue? {
        let unique = Self.lastOccurrences(values)
        if unique.count != values.count { notes.normalise(field) }
        guard unique.count > limits.arrayLimit else { return .array(unique) }
        // The value named is what was dropped: the oldest values.
        notes.warn(.arrayTruncated, field, .array(Array(unique.prefix(unique.count - limits.arrayLimit))))
        return .array(Array(unique.suffix(limits.arrayLimit)))
    }

    /// Keeps each value's last occurrence, in order.
    static func lastOccurrences(_ values: [JSONValue]) -> [JSONValue] {
        if values.count < 2 { return values }
        if values.count <= 16 {
            // Usually nothing repeats: then the array itself is the answer, with no copy.
            var repeats = false
            for i in 1..<values.count where values[..<i].contains(values[i]) {
                repeats = true
                break
            }
            if !repeats { return values }
            var result: [JSONValue] = []
            result.reserveCapacity(values.count)
            for (i, v) in values.enumerated() where !values[(i + 1)...].contains(v) { result.append(v) }
            return result
        }
        var seen = Set<JSONValue>(minimumCapacity: values.count)
        var reversed: [JSONValue] = []
        reversed.reserveCapacity(values.count)
        for v in values.reversed() where seen.insert(v).inserted { reversed.append(v) }
        return reversed.reversed()
    }
}
