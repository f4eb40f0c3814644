import Schemas

/// Writes each profile as one Braze `/users/track` attributes object (document 004).
public struct BrazeAttributesWriter: ProfileWriter {
    let encoder: BrazeAttributesEncoder

    public init(limits: Limits) { encoder = BrazeAttributesEncoder(limits: limits) }

    public mutating func write(_ profile: Profile, to out: inout ContainerWriter, notes: inout Notes) throws(Reject) {
        let object = try encoder.encode(profile, notes: &notes)
        out.value { JSONWriter.write(.object(object), to: &$0) }
    }

    public mutating func finish(to out: inout ContainerWriter) {}
}
