import JSON
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
                notes.warn(.attributeDropped, key, value)
                continue
            }
            if name != key { notes.warn(.attributeRenamed, key, .string(name)) }
            add(name, value)
        }
    }

    /// Main shape: computations as `computed-<key>` properties. The reader takes the prefix
    /// off, so a computation is one key whichever shape it came from.
    mutating func computations(_ computations: JSONObject, _ notes: inout Notes) {
        for (key, value) in computations.entries {
            // Custom keys starting `computed-` were renamed: these cannot collide.
            add(Self.computedPrefix + key, value)
        }
    }

    private func isTaken(_ name: String) -> Bool {
        AmplitudeFields.readPropertyKeys.contains(name) || placed.contains(name)
    }

    private mutating func add(_ name: String, _ value: JSONValue) {
        object.appendNew(name, value)
        placed.insert(name)
    }
}
