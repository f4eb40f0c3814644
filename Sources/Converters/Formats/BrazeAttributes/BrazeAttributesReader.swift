import JSON
import Schemas

/// Reads Braze `/users/track` attributes objects (Braze attributes object document). Used for `braze-attributes`
/// and `braze-track` alike: a track body's `attributes` array is unwrapped by the framer, so
/// either way each record is one attributes object. Standard fields by name, the writer's
/// prefixed custom attributes back to their profile fields, `inc`/`add`/`remove` objects as
/// operations, Braze-only fields under `vendor_extras.braze`, everything else a custom
/// attribute with its value untouched.
public struct BrazeAttributesReader: FormatReader {
    public init() {}

    /// The alias label the writer gives an Amplitude device id used as the identifier.
    static let deviceAliasLabel = "amplitude_device_id"
    static let statuses = ["ACTIVE", "INACTIVE", "LOCKED"]

    public func read(_ value: JSONValue, notes: inout Notes) throws(Reject) -> Profile {
        guard case .object(let object) = value else {
            throw Reject(.wrongShape, "expected a Braze attributes object, found \(value.typeName)")
        }
        if Self.isTrackBody(object) {
            throw Reject(.wrongShape, "a whole /users/track request body, not one attributes object: give the body as the input, whose \"attributes\" array is read as records")
        }
        // A key Braze defines for attributes objects (an identifier, a standard attribute, a
        // Braze flag); custom attributes alone do not make one.
        guard object.keys.contains(where: { $0 == "user_alias" || BrazeAttributesFields.keyed.row(forKey: $0) != nil }) else {
            throw Reject.wrongFormat("a Braze attributes object", expected: "external_id, user_alias, braze_id, email, phone, ...", keys: object.keys)
        }
        var profile = Profile()
        var extras = JSONObject()
        var aliased = false
        for (key, v) in object.entries {
            if key == "user_alias" {
                aliased = readAlias(v, into: &profile, &notes)
            } else if let member = BrazeAttributesFields.keyed.row(forKey: key)?.member {
                switch member {
                case .vendorExtras: Self.readExtra(key, v, into: &extras, &notes)
                case .amplitudeId, .deviceId, .username, .aamUserId, .aamPid, .title, .status, .isAdmin, .groups, .cohorts:
                    readPrefixed(key, v, member, into: &profile, &notes)
                default:
                    if case .null = v {
                        // `null` deletes a value in Braze; a profile cannot say "delete".
                        notes.warn(.nullValue, member.rawValue, .null)
                    } else {
                        member.read(v, into: &profile, &notes)
                    }
                }
            } else if let ops = Self.operations(key, v, &notes) {
                profile.customAttributeOps.append(contentsOf: ops)
            } else {
                profile.customAttributes.set(key, v)
            }
        }
        // Braze's default for an object identified by an alias alone is "update only"; the
        // writer's default for aliases is `false`, so say it to keep the source's meaning.
        if aliased, profile.externalId == nil, extras["_update_existing_only"] == nil {
            extras.appendNew("_update_existing_only", .bool(true))
            notes.normalise("_update_existing_only")
        }
        if !extras.isEmpty { profile.vendorExtras["braze"] = .object(extras) }
        return profile
    }

    /// `{"attributes": [...]}` with nothing but track-body members: a body given as a record.
    static func isTrackBody(_ o: JSONObject) -> Bool {
        guard case .array = o["attributes"] else { return false }
        return o.keys.allSatisfy { $0 == "attributes" || $0 == "events" || $0 == "purchases" }
    }

    /// One alias object; the writer's device alias (label `amplitude_device_id`) is also the
    /// device id. Returns whether the alias was usable (so the object is identified by it).
    private func readAlias(_ v: JSONValue, into p: inout Profile, _ notes: inout Notes) -> Bool {
        if case .null = v {
            notes.warn(.nullValue, "user_aliases", .null)
            return false
        }
        guard case .object(let o) = v, let nameValue = o["alias_name"], let labelValue = o["alias_label"],
            !nameValue.isNull, !labelValue.isNull
        else {
            notes.warn(.invalidType, "user_aliases", v)
            return false
        }
        // Each has warned already when it is not usable text.
        guard let name = FieldValue.identifier(nameValue, "user_aliases", &notes),
            let label = FieldValue.identifier(labelValue, "user_aliases", &notes)
        else { return false }
        for key in o.keys where key != "alias_name" && key != "alias_label" { notes.unmap("user_alias.\(key)") }
        p.userAliases.append(UserAlias(name: name, label: label))
        // Also the device id: the alias stays so that it is still the identifier on write.
        if label == Self.deviceAliasLabel { ProfileField.deviceId.read(.string(name), into: &p, &notes) }
        return true
    }

    /// A custom attribute the writer makes of a non-Braze field: read back when its value has
    /// exactly the type the writer gives it, else it is somebody's own custom attribute.
    private func readPrefixed(_ key: String, _ v: JSONValue, _ member: ProfileField, into p: inout Profile, _ notes: inout Notes) {
        let fits: Bool
        switch (member, v) {
        case (.amplitudeId, .number(let n)), (.aamUserId, .number(let n)), (.aamPid, .number(let n)): fits = n.int64 != nil
        case (.deviceId, .string(let s)), (.username, .string(let s)): fits = !FieldText.trimmed(s).isEmpty
        case (.title, .string): fits = true
        // Only a status the validator keeps: someone's own `aam_status` must not be lost.
        case (.status, .string(let s)): fits = FieldText.oneOf(Self.statuses, s) != nil
        case (.isAdmin, .bool): fits = true
        // An empty array is no group or cohort: kept as given rather than lost.
        case (.groups, .array(let items)): fits = !items.isEmpty && items.allSatisfy { $0.numberValue?.int64 != nil }
        case (.cohorts, .array(let items)): fits = !items.isEmpty && items.allSatisfy { $0.string != nil }
        default: fits = false
        }
        if fits {
            member.read(v, into: &p, &notes)
        } else {
            p.customAttributes.set(key, v)
        }
    }

    /// Braze fields with no canonical home. Flags must be booleans (`"true"` is normalised);
    /// `null` (a deletion) is left out and counted; other values are kept as given.
    static func readExtra(_ key: String, _ v: JSONValue, into extras: inout JSONObject, _ notes: inout Notes) {
        let field = "vendor_extras.braze.\(key)"
        switch (key, v) {
        case (_, .null):
            notes.warn(.nullValue, field, .null)
        case ("_update_existing_only", _), ("push_token_import", _), ("email_open_tracking_disabled", _),
            ("email_click_tracking_disabled", _):
            if let b = FieldValue.bool(v, field, &notes) { extras.set(key, .bool(b)) }
        default:
            extras.set(key, v)
        }
    }

    /// The operations of a value made only of `inc`, `add` and `remove` members, in order; nil
    /// for any other value (a plain or nested custom attribute). An operation of the wrong type
    /// (`inc` of a string, `add` of a scalar) is left out and counted.
    static func operations(_ key: String, _ v: JSONValue, _ notes: inout Notes) -> [CustomAttributeOp]? {
        guard case .object(let o) = v, !o.isEmpty,
            o.keys.allSatisfy({ $0 == "inc" || $0 == "add" || $0 == "remove" })
        else { return nil }
        var ops: [CustomAttributeOp] = []
        for (name, value) in o.entries {
            let kind = CustomAttributeOp.Kind(rawValue: name)!
            switch (kind, value) {
            case (.inc, .number), (.add, .array), (.remove, .array):
                ops.append(CustomAttributeOp(key: key, kind: kind, value: value))
            default:
                notes.warn(.invalidType, key, value)
            }
        }
        return ops
    }
}
