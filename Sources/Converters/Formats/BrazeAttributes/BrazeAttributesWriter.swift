import JSON
import Schemas

/// Writes each profile as one Braze `/users/track` attributes object (Braze attributes object document).
public struct BrazeAttributesWriter: FormatWriter {
    let encoder: BrazeAttributesEncoder

    public init(limits: Limits, appIds: BrazeAppIds? = nil) { encoder = BrazeAttributesEncoder(limits: limits, appIds: appIds) }

    public func encode(_ profile: Profile, into value: inout [UInt8], notes: inout Notes) throws(Reject) {
        try encoder.encode(profile, appendingTo: &value, notes: &notes)
    }
}
