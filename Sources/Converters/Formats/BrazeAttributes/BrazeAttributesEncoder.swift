import JSON
import Schemas

/// Builds one Braze `/users/track` attributes object from a profile: the
/// identifier, the standard attributes under Braze's names, then custom attributes. Shared by
/// the `braze-attributes` and `braze-track` writers.
public struct BrazeAttributesEncoder: Sendable {
    public var limits: Limits
    /// `--braze-app-ids`: lets export-shaped push tokens be written (see `BrazePushTokens`).
    public var appIds: BrazeAppIds?

    public init(limits: Limits, appIds: BrazeAppIds? = nil) {
        self.limits = limits
        self.appIds = appIds
    }

    /// Braze attribute fields a `braze-export` or `braze-attributes` source keeps in
    /// `vendor_extras.braze` that an attributes object can carry back.
    static let writableExtras: Set<String> = [
        "push_tokens", "subscription_groups", "current_location", "facebook", "twitter",
        "email_open_tracking_disabled", "email_click_tracking_disabled", "marked_email_as_spam_at",
        "push_token_import", "_update_existing_only",
    ]

    public func encode(_ p: Profile, notes: inout Notes) throws(Reject) -> JSONObject {
        var object = JSONObject()
        object.reserveCapacity(24 + p.customAttributes.count + p.computations.count + p.recommendations.count)
        try encode(p, into: &object, notes: &notes)
        return object
    }

    /// The object as JSON, appended to `out`: the same bytes as `JSONWriter` writes for
    /// `encode(_:notes:)`'s object, without building it.
    func encode(_ p: Profile, appendingTo out: inout [UInt8], notes: inout Notes) throws(Reject) {
        var bytes = AttributeBytes()
        try encode(p, into: &bytes, notes: &notes)
        bytes.finish(appendingTo: &out)
    }

    func encode<M: AttributeMembers & ~Copyable>(_ p: Profile, into members: inout M, notes: inout Notes) throws(Reject) {
        // Identifier, standard fields and the AAM/Amplitude ids: at most 24 besides these.
        let custom = p.customAttributes.count + p.computations.count + p.recommendations.count
        var out = BrazeAttributeObject(limits: limits, capacity: 24 + custom)
        let identifier = try writeIdentifier(p, into: &out, &members, notes: &notes)

        out.standard("first_name", p.firstName, &members)
        out.standard("last_name", p.lastName, &members)
        if identifier != .email { out.standard("email", p.email, &members) }
        if identifier != .phone { out.standard("phone", p.phone, &members) }
        out.standard("gender", p.gender, &members)
        out.standard("dob", p.dob, &members)
        out.standard("country", p.country, &members)
        out.standard("language", p.language, &members)
        out.standard("home_city", p.homeCity, &members)
        out.standard("time_zone", p.timeZone, &members)
        out.standard("date_of_first_session", p.firstSessionAt, &members)
        out.standard("date_of_last_session", p.lastSessionAt, &members)
        out.standard("email_subscribe", p.emailSubscribe, &members)
        out.standard("push_subscribe", p.pushSubscribe, &members)
        if p.createdAt != nil { notes.unmap("created_at") }

        writeVendorExtras(p, into: &out, &members, notes: &notes)

        if let id = p.amplitudeId { out.custom("amplitude_id", .number(JSONNumber(id)), &notes, &members) }
        if identifier != .deviceAlias, let d = p.deviceId, !(identifier == .alias && Self.isDeviceAlias(p.userAliases[0], d)) {
            out.custom("amplitude_device_id", .string(d), &notes, &members)
        }
        if let u = p.username { out.custom("aam_username", .string(u), &notes, &members) }
        if let id = p.aamUserId { out.custom("aam_user_id", .number(JSONNumber(id)), &notes, &members) }
        if let pid = p.aamPid { out.custom("aam_pid", .number(JSONNumber(pid)), &notes, &members) }
        if let t = p.title { out.custom("aam_title", .string(t), &notes, &members) }
        if let s = p.status { out.custom("aam_status", .string(s), &notes, &members) }
        if let a = p.isAdmin { out.custom("aam_is_admin", .bool(a), &notes, &members) }
        if !p.groups.isEmpty {
            out.custom("aam_groups", .array(p.groups.map { .number(JSONNumber($0)) }), &notes, &members)
        }
        if !p.cohorts.isEmpty { out.custom("amplitude_cohorts", .array(p.cohorts.map { .string($0) }), &notes, &members) }
        for rec in p.recommendations {
            out.custom("rec_" + rec.recId, .array(rec.items), &notes, &members)
            rec.unmapAllButItems(&notes)
        }
        for (key, value) in p.computations.entries {
            out.custom(key, Self.numberIfNumeric(value), &notes, &members)
        }
        for (key, value) in p.customAttributes.entries {
            out.custom(key, value, &notes, &members)
        }
        out.operations(p.customAttributeOps, &notes, &members)
    }

    enum Identifier { case externalId, alias, brazeId, email, phone, deviceAlias, tokenImport }

    /// The alias the device id is written as, read back as both (a braze-attributes source).
    static func isDeviceAlias(_ alias: UserAlias, _ deviceId: String) -> Bool {
        alias.label == BrazeAttributesReader.deviceAliasLabel && alias.name == deviceId
    }

    /// `"push_token_import": true` with at least one token that can be written.
    func isTokenImport(_ extras: JSONObject?) -> Bool {
        guard let extras, extras["push_token_import"] == .bool(true) else { return false }
        return BrazePushTokens(appIds: appIds).hasWritable(extras["push_tokens"])
    }

    /// The first present of external_id, a user alias, braze_id, email, phone, then none for
    /// an anonymous push token import, then the Amplitude device id as an alias.
    private func writeIdentifier<M: AttributeMembers & ~Copyable>(
        _ p: Profile, into out: inout BrazeAttributeObject, _ members: inout M, notes: inout Notes
    ) throws(Reject) -> Identifier {
        let identifier: Identifier
        if let id = p.externalId {
            members.append("external_id", .string(id))
            identifier = .externalId
        } else if let alias = p.userAliases.first {
            out.alias(name: alias.name, label: alias.label, extras: p.vendorExtras["braze"]?.object, &members)
            identifier = .alias
        } else if let id = p.brazeId {
            members.append("braze_id", .string(id))
            identifier = .brazeId
        } else if let email = p.email {
            members.append("email", .string(email))
            identifier = .email
        } else if let phone = p.phone {
            members.append("phone", .string(phone))
            identifier = .phone
        } else if isTokenImport(p.vendorExtras["braze"]?.object) {
            // the Braze attributes object document: an anonymous push token import has no identifier; its flag and
            // tokens are written back with the other Braze fields (a device id stays a
            // custom attribute: an alias would make the import a different user).
            identifier = .tokenImport
        } else if let device = p.deviceId {
            out.alias(name: device, label: BrazeAttributesReader.deviceAliasLabel, extras: p.vendorExtras["braze"]?.object, &members)
            identifier = .deviceAlias
        } else {
            throw Reject(.noIdentifier, "no external_id, user alias, braze_id, email, phone or device_id")
        }
        // One identifier per object: the rest cannot be written here.
        if (identifier != .alias && !p.userAliases.isEmpty) || p.userAliases.count > 1 { notes.unmap("user_aliases") }
        if identifier != .brazeId && p.brazeId != nil { notes.unmap("braze_id") }
        return identifier
    }

    /// The Braze fields a source kept that an attributes object can carry back. Of these, only
    /// `_update_existing_only` can have been written before (by an alias identifier): the
    /// identifier and standard keys are none of them (`AttributeBytesTests` holds this: no key
    /// is written twice, for records of every source format).
    private func writeVendorExtras<M: AttributeMembers & ~Copyable>(
        _ p: Profile, into out: inout BrazeAttributeObject, _ members: inout M, notes: inout Notes
    ) {
        for (vendor, extras) in p.vendorExtras.entries {
            guard case .object(let fields) = extras else { continue }
            for (key, value) in fields.entries {
                if vendor == "braze" && key == "push_tokens" {
                    if let tokens = BrazePushTokens(appIds: appIds).writable(value, &notes) {
                        members.append(key, tokens)
                    }
                } else if vendor == "braze" && Self.writableExtras.contains(key) {
                    if !(key == "_update_existing_only" && out.wroteUpdateExistingOnly) { members.append(key, value) }
                } else {
                    notes.unmap("vendor_extras.\(vendor).\(key)")
                }
            }
        }
    }

    /// Amplitude computations arrive as strings (`"3"`, `"5000000. "`); numeric ones are
    /// written as JSON numbers with their digits unchanged.
    static func numberIfNumeric(_ value: JSONValue) -> JSONValue {
        guard case .string(let s) = value else { return value }
        var text = FieldText.trimmed(s)
        // On the bytes: a number is ASCII, where a byte is a character, so dropping a last
        // "." byte is dropping a last "." character whenever the rest can be a number.
        let length: Int? = text.withUTF8 { b in
            var n = b.count
            if n > 1 && b[n - 1] == UInt8(ascii: ".") { n -= 1 }
            return JSONNumber.isValid(utf8: UnsafeBufferPointer(rebasing: b[..<n])) ? n : nil
        }
        guard let length else { return value }
        if length < text.utf8.count { text = String(text.utf8.prefix(length))! }
        return .number(JSONNumber(uncheckedText: text))
    }
}
