import JSON
import Schemas

/// Reads Braze `/users/export/ids` user objects (the Braze export document; the `users` items of a whole
/// response are unwrapped by `EnvelopeFramer`). Standard fields by name, `custom_attributes`,
/// session dates from `apps`, and every other key kept under `vendor_extras.braze` so that a
/// braze-export -> braze-export conversion loses nothing.
public struct BrazeExportReader: FormatReader {
    public init() {}

    public func read(_ value: JSONValue, notes: inout Notes) throws(Reject) -> Profile {
        guard case .object(let user) = value else {
            throw Reject(.wrongShape, "expected a Braze export user object, found \(value.typeName)")
        }
        var profile = Profile()
        var extras = JSONObject()
        // A key of the export's own besides `email` (spelled alike in every vendor's records).
        let known = user.keys.contains { key in
            key != "email" && BrazeExportFields.table.row(forKey: key).map { $0.member != .vendorExtras } ?? false
        }
        guard known else {
            throw Reject.wrongFormat("a Braze export user", expected: "external_id, braze_id, user_aliases, first_name, ...", keys: user.keys)
        }
        for (key, v) in user.entries {
            switch BrazeExportFields.table.row(forKey: key)?.member {
            // An absent field and a null one mean the same in an export (Braze export document).
            case .vendorExtras?, nil: if !v.isNull { extras.appendNew(key, v) }  // keys are unique once parsed
            case .userAliases?: profile.userAliases = Self.aliases(v, &notes)
            case .customAttributes?: profile.customAttributes = Self.customAttributes(v, &notes)
            case let member?: member.read(v, into: &profile, &notes)
            }
        }
        let sessions = BrazeAppSessions(apps: extras["apps"], notes: &notes)
        profile.firstSessionAt = sessions.firstUsed
        profile.lastSessionAt = sessions.lastUsed
        if !extras.isEmpty { profile.vendorExtras.appendNew("braze", .object(extras)) }
        return profile
    }

    /// An array of `{alias_name, alias_label}` (or one such object, as the field list has it);
    /// an alias without both names as text is left out and counted.
    static func aliases(_ v: JSONValue, _ notes: inout Notes) -> [UserAlias] {
        let items: [JSONValue]
        switch v {
        case .null: return []
        case .array(let a): items = a
        case .object: items = [v]
        default:
            notes.warn(.invalidType, "user_aliases", v)
            return []
        }
        var aliases: [UserAlias] = []
        for item in items {
            guard case .object(let o) = item, case .string(let name)? = o["alias_name"],
                case .string(let label)? = o["alias_label"], !FieldText.trimmed(name).isEmpty
            else {
                notes.warn(.invalidType, "user_aliases", item)
                continue
            }
            aliases.append(UserAlias(name: name, label: label))
        }
        return aliases
    }

    static func customAttributes(_ v: JSONValue, _ notes: inout Notes) -> JSONObject {
        switch v {
        case .object(let o): return o
        case .null: return JSONObject()
        default:
            notes.warn(.invalidType, "custom_attributes", v)
            return JSONObject()
        }
    }
}
