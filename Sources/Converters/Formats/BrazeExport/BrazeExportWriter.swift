import JSON
import Schemas

/// Writes each profile as one Braze `/users/export/ids` user object (Braze export document), keys in
/// the document's order (`BrazeExportFields.rows`): standard fields from the profile, custom
/// data under `custom_attributes`, and `vendor_extras.braze` written back in place, so that a
/// braze-export -> braze-export conversion gives the same objects.
public struct BrazeExportWriter: FormatWriter {
    public init() {}

    public func encode(_ profile: Profile, into value: inout [UInt8], notes: inout Notes) throws(Reject) {
        JSONWriter.write(.object(try Self.object(profile, notes: &notes)), to: &value)
    }

    /// The top-level rows a writer walks, in output order.
    private static let plan: [(key: String, member: ProfileField)] = BrazeExportFields.rows.compactMap { row in
        guard row.writes, let member = row.member, !row.key.contains("."), row.key != "*" else { return nil }
        return (row.key, member)
    }

    /// Keys written in place from `vendor_extras.braze`.
    private static let placedExtras = TaggedKeys(plan.filter { $0.member == .vendorExtras }.map(\.key))
    /// Keys written from profile members: an extra of the same name cannot be written.
    private static let memberKeys = TaggedKeys(plan.filter { $0.member != .vendorExtras }.map(\.key))

    static func object(_ p: Profile, notes: inout Notes) throws(Reject) -> JSONObject {
        guard p.externalId != nil || p.brazeId != nil || !p.userAliases.isEmpty else {
            throw Reject(.noIdentifier, "no external_id, braze_id or user alias: an export user object always has one")
        }
        let braze = brazeExtras(p, &notes)
        var out = JSONObject()
        out.reserveCapacity(plan.count)
        for (key, member) in plan {
            switch member {
            case .vendorExtras:
                if let v = braze[key] { out.appendNew(key, v) }
            case .customAttributes:
                let custom = BrazeExportCustomAttributes(p, notes: &notes).object
                if !custom.isEmpty { out.appendNew(key, .object(custom)) }
            default:
                if let v = member.value(in: p) { out.appendNew(key, v) }
            }
        }
        // Keys the document does not list (newer export fields): after the known ones.
        for (key, v) in braze.entries where !placedExtras.contains(key) {
            if memberKeys.contains(key) || BrazeExportFields.requestFlags.contains(key) {
                notes.unmap("vendor_extras.braze.\(key)")
            } else {
                out.appendNew(key, v)
            }
        }
        unmapSessions(p, apps: braze["apps"], &notes)
        if !p.customAttributeOps.isEmpty { notes.unmap("custom_attribute_ops") }
        return out
    }

    /// `vendor_extras.braze`; other vendors' extras have no place in an export object.
    private static func brazeExtras(_ p: Profile, _ notes: inout Notes) -> JSONObject {
        var braze = JSONObject()
        for (vendor, extras) in p.vendorExtras.entries {
            guard case .object(let fields) = extras else {
                notes.unmap("vendor_extras.\(vendor)")
                continue
            }
            if vendor == "braze" {
                braze = fields
            } else {
                for key in fields.keys { notes.unmap("vendor_extras.\(vendor).\(key)") }
            }
        }
        return braze
    }

    /// An export object holds session dates only as `apps[].first_used` / `last_used`: a
    /// profile's date is carried when the apps written imply that very instant, and is
    /// unmapped otherwise (no app is made up to hold it).
    private static func unmapSessions(_ p: Profile, apps: JSONValue?, _ notes: inout Notes) {
        guard p.firstSessionAt != nil || p.lastSessionAt != nil else { return }
        var scratch = Notes()
        let implied = BrazeAppSessions(apps: apps, notes: &scratch)
        if !sameInstant(p.firstSessionAt, implied.firstUsed) { notes.unmap("first_session_at") }
        if !sameInstant(p.lastSessionAt, implied.lastUsed) { notes.unmap("last_session_at") }
    }

    private static func sameInstant(_ date: String?, _ implied: String?) -> Bool {
        guard let date else { return true }
        guard let a = BrazeAppSessions.canonicalKey(date), let b = implied.flatMap(BrazeAppSessions.canonicalKey) else {
            return false
        }
        return a == b
    }
}
