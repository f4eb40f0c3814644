import Schemas

/// Writes the canonical profile itself as JSON (format `profile`): for debugging and for the
/// golden files that pin every reader.
public struct ProfileFormatWriter: ProfileWriter {
    public init() {}

    public mutating func write(_ profile: Profile, to out: inout ContainerWriter, notes: inout Notes) throws(Reject) {
        out.value { JSONWriter.write(.object(Self.json(profile)), to: &$0) }
    }

    public mutating func finish(to out: inout ContainerWriter) {}

    public static func json(_ profile: Profile) -> JSONObject {
        var o = JSONObject()
        for field in ProfileField.allCases {
            if let v = field.value(in: profile) { o.appendNew(field.rawValue, v) }
        }
        return o
    }
}
