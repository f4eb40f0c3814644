import Schemas

/// One Amplitude properties object under construction (`amp_props` or `user_properties`),
/// keeping every key one the reader gives back to the same profile member: a custom property
/// may not take a standard property's name or alias, nor a `computed-` key.
struct AmplitudePropertyObject {
    var object = JSONObject()
    /// Keys written so far, for collision checks without hashing.
    private var placed = TaggedKeys()

    init() { object.reserveCapacity(24) }

    static let computedPrefix = "computed-"

    /// Standard properties, then other vendors' fields, in the rows' order.
    mutating func standard(_ p: Profile) {
        for (key, member) in AmplitudeFields.writtenProperties {
            guard let value = member.value(in: p) else { continue }
            object.appendNew(key, value)
            placed.insert(key)
        }
    }

    /// Custom attributes, values untouched; a key the reader would take for something else
    /// becomes `custom_<key>`.
    mutating func custom(_ attributes: JSONObject, _ notes: inout Notes) {
        for (key, value) in attributes.entries {
            var name = key
            if isTaken(name) || name.hasPrefix(Self.computedPrefix) { name = "custom_" + key }
            if isTaken(name) {
                notes.warn(.attributeDropped, key)
                continue
            }
            if name != key { notes.warn(.attributeRenamed, key) }
            add(name, value)
        }
    }

    /// Main shape: computations as `computed-<key>` properties (a key that has the prefix is
    /// kept, as the reader keeps it).
    mutating func computations(_ computations: JSONObject, _ notes: inout Notes) {
        for (key, value) in computations.entries {
            let name = key.hasPrefix(Self.computedPrefix) ? key : Self.computedPrefix + key
            // Only `x` next to `computed-x` can collide.
            if placed.contains(name) {
                notes.warn(.attributeDropped, key)
                continue
            }
            add(name, value)
        }
    }

    /// OpenAPI shape: `computed_properties`, with `computed-` taken off a key unless the
    /// shorter key is a computation too (both would then be one key).
    static func computedProperties(_ computations: JSONObject) -> JSONObject {
        var out = JSONObject()
        out.reserveCapacity(computations.count)
        for (key, value) in computations.entries {
            var name = key
            if key.hasPrefix(computedPrefix) {
                let short = String(key.dropFirst(computedPrefix.count))
                if !short.isEmpty && computations.index(of: short) == nil { name = short }
            }
            out.appendNew(name, value)
        }
        return out
    }

    private func isTaken(_ name: String) -> Bool {
        AmplitudeFields.readPropertyKeys.contains(name) || placed.contains(name)
    }

    private mutating func add(_ name: String, _ value: JSONValue) {
        object.appendNew(name, value)
        placed.insert(name)
    }
}
