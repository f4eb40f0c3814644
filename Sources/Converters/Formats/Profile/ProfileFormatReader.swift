import JSON
import Schemas

/// Reads the canonical profile as JSON (format `profile`), as `ProfileFormatWriter` writes it.
public struct ProfileFormatReader: FormatReader {
    public init() {}

    public func read(_ value: JSONValue, notes: inout Notes) throws(Reject) -> Profile {
        guard case .object(let o) = value else {
            throw Reject(.wrongShape, "expected a profile object, found \(value.typeName)")
        }
        // `{}` is an empty profile; keys that are all unknown are another format's record.
        guard o.isEmpty || o.keys.contains(where: { ProfileField.byName[$0] != nil }) else {
            throw Reject.wrongFormat("a profile", expected: "external_id, email, custom_attributes, ...", keys: o.keys)
        }
        var profile = Profile()
        for (key, v) in o.entries {
            guard let field = ProfileField.byName[key] else {
                notes.unmap(key)
                continue
            }
            guard field.assign(v, to: &profile) else {
                throw Reject(.wrongShape, "\"\(key)\" has the wrong shape (\(v.typeName))")
            }
        }
        return profile
    }
}
