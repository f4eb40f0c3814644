import JSON
import Schemas

/// Writes each profile as one Audience Manager user object (AAM user API document), keys in the
/// document's response order, then the keys an AAM source kept in `vendor_extras.aam`.
/// Whatever else the profile holds has no place in an AAM user (an operator account, not a
/// customer) and is counted as unmapped, field by field.
public struct AAMWriter: FormatWriter {
    public init() {}

    /// The plain rows in output order, computed once.
    static let written = AAMFields.table.written

    public func encode(_ profile: Profile, into value: inout [UInt8], notes: inout Notes) throws(Reject) {
        JSONWriter.write(.object(try Self.object(profile, notes: &notes)), to: &value)
    }

    static func object(_ p: Profile, notes: inout Notes) throws(Reject) -> JSONObject {
        // AAM requires a username: the first present of username, external_id, email.
        guard let username = p.username ?? p.externalId ?? p.email else {
            throw Reject(.noUsername, "no username, external_id or email to name the Audience Manager user by")
        }
        var o = JSONObject()
        o.reserveCapacity(12)
        for row in written {
            guard let member = row.member else { continue }
            switch member {
            case .username: o.appendNew(row.key, .string(username))
            // Defaults of the create request; documented, not counted. A status
            // the validator left out (`invalid_status`) gets no default: writing ACTIVE could
            // reactivate a locked operator account.
            case .status:
                if let status = p.status {
                    o.appendNew(row.key, .string(status))
                } else if !notes.warnings.contains(where: { $0.field == "status" }) {
                    o.appendNew(row.key, .string("ACTIVE"))
                }
            // A boolean, as create and update accept it, not the response's "true"/"false".
            case .isAdmin: o.appendNew(row.key, .bool(p.isAdmin ?? false))
            default: if let v = member.value(in: p) { o.appendNew(row.key, v) }
            }
        }
        unmapRest(p, username: username, &notes)
        writeVendorExtras(p, into: &o, notes: &notes)
        return o
    }

    /// `vendor_extras.aam` back as top-level keys (source order); other vendors' extras are
    /// unmapped key by key, as the Braze writers count them.
    private static func writeVendorExtras(_ p: Profile, into o: inout JSONObject, notes: inout Notes) {
        for (vendor, extras) in p.vendorExtras.entries {
            guard case .object(let fields) = extras else {
                notes.unmap("vendor_extras.\(vendor)")
                continue
            }
            for (key, value) in fields.entries {
                // A hand-made profile may repeat a key the table already wrote: the table wins.
                if vendor == "aam" && o[key] == nil {
                    o.appendNew(key, value)
                } else {
                    notes.unmap("vendor_extras.\(vendor).\(key)")
                }
            }
        }
    }

    /// Every profile member an AAM user cannot hold, in profile order.
    private static func unmapRest(_ p: Profile, username: String, _ notes: inout Notes) {
        // external_id is carried when it is the username (always so for an AAM source).
        if let id = p.externalId, id != username { notes.unmap("external_id") }
        if p.brazeId != nil { notes.unmap("braze_id") }
        if p.amplitudeId != nil { notes.unmap("amplitude_id") }
        if p.deviceId != nil { notes.unmap("device_id") }
        if !p.userAliases.isEmpty { notes.unmap("user_aliases") }
        if p.country != nil { notes.unmap("country") }
        if p.language != nil { notes.unmap("language") }
        if p.homeCity != nil { notes.unmap("home_city") }
        if p.timeZone != nil { notes.unmap("time_zone") }
        if p.dob != nil { notes.unmap("dob") }
        if p.gender != nil { notes.unmap("gender") }
        if p.createdAt != nil { notes.unmap("created_at") }
        if p.firstSessionAt != nil { notes.unmap("first_session_at") }
        if p.lastSessionAt != nil { notes.unmap("last_session_at") }
        if p.emailSubscribe != nil { notes.unmap("email_subscribe") }
        if p.pushSubscribe != nil { notes.unmap("push_subscribe") }
        if !p.cohorts.isEmpty { notes.unmap("cohorts") }
        if !p.recommendations.isEmpty { notes.unmap("recommendations") }
        if !p.computations.isEmpty { notes.unmap("computations") }
        if !p.customAttributes.isEmpty { notes.unmap("custom_attributes") }
        if !p.customAttributeOps.isEmpty { notes.unmap("custom_attribute_ops") }
    }
}
