import JSON
import Schemas

/// The `custom_attributes` object of an export user: what the `braze-attributes` writer would
/// make custom attributes (same names: `amplitude_id`, `aam_*`, `amplitude_cohorts`,
/// `rec_<id>`, computations), then the profile's own custom attributes. Values are untouched:
/// Braze's `/users/track` limits govern writes into Braze, and an export object is Braze's
/// output. A key already taken is renamed `custom_<key>`; a `null` value is left out.
struct BrazeExportCustomAttributes {
    private(set) var object = JSONObject()

    init(_ p: Profile, notes: inout Notes) {
        if let id = p.amplitudeId { add("amplitude_id", .number(JSONNumber(id)), &notes) }
        if let d = p.deviceId { add("amplitude_device_id", .string(d), &notes) }
        if let u = p.username { add("aam_username", .string(u), &notes) }
        if let id = p.aamUserId { add("aam_user_id", .number(JSONNumber(id)), &notes) }
        if let pid = p.aamPid { add("aam_pid", .number(JSONNumber(pid)), &notes) }
        if let t = p.title { add("aam_title", .string(t), &notes) }
        if let s = p.status { add("aam_status", .string(s), &notes) }
        if let a = p.isAdmin { add("aam_is_admin", .bool(a), &notes) }
        if !p.groups.isEmpty { add("aam_groups", .array(p.groups.map { .number(JSONNumber($0)) }), &notes) }
        if !p.cohorts.isEmpty { add("amplitude_cohorts", .array(p.cohorts.map { .string($0) }), &notes) }
        for rec in p.recommendations {
            add("rec_" + rec.recId, .array(rec.items), &notes)
            rec.unmapAllButItems(&notes)
        }
        for (key, value) in p.computations.entries {
            add(key, BrazeAttributesEncoder.numberIfNumeric(value), &notes)
        }
        for (key, value) in p.customAttributes.entries { add(key, value, &notes) }
    }

    private mutating func add(_ key: String, _ value: JSONValue, _ notes: inout Notes) {
        if case .null = value {
            notes.warn(.nullValue, key, .null)
            return
        }
        guard object[key] != nil else {
            object.appendNew(key, value)
            return
        }
        let name = "custom_" + key
        guard object[name] == nil else {
            notes.warn(.attributeDropped, key, value)
            return
        }
        notes.warn(.attributeRenamed, key, .string(name))
        object.appendNew(name, value)
    }
}
