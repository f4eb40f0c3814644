import JSON
import Schemas

/// Writes the canonical profile itself as JSON (format `profile`): for debugging and for the
/// golden files that pin every reader.
public struct ProfileFormatWriter: FormatWriter {
    public init() {}

    public func encode(_ profile: Profile, into value: inout [UInt8], notes: inout Notes) throws(Reject) {
        JSONWriter.write(.object(Self.json(profile)), to: &value)
    }

    public static func json(_ profile: Profile) -> JSONObject {
        var o = JSONObject()
        for field in ProfileField.allCases {
            if let v = field.value(in: profile) { o.appendNew(field.rawValue, v) }
        }
        return o
    }
}
