import JSON
import Schemas

/// The members of the `profile` format, in the order they are written, each with how to read
/// it from and write it to JSON. The `profile` reader and writer both walk this list.
enum ProfileField: String, CaseIterable {
    case externalId = "external_id", brazeId = "braze_id", amplitudeId = "amplitude_id"
    case deviceId = "device_id", userAliases = "user_aliases", username
    case aamUserId = "aam_user_id", aamPid = "aam_pid"
    case firstName = "first_name", lastName = "last_name", email, phone, country, language
    case homeCity = "home_city", timeZone = "time_zone", dob, gender, title
    case createdAt = "created_at", firstSessionAt = "first_session_at", lastSessionAt = "last_session_at"
    case emailSubscribe = "email_subscribe", pushSubscribe = "push_subscribe", status
    case isAdmin = "is_admin", groups, cohorts, recommendations, computations
    case customAttributes = "custom_attributes", customAttributeOps = "custom_attribute_ops"
    case vendorExtras = "vendor_extras"

    static let byName: [String: ProfileField] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })

    /// The member's JSON value, or nil when the profile has nothing for it.
    func value(in p: Profile) -> JSONValue? {
        // A switch over stored properties: key paths copied the whole profile per member.
        switch self {
        case .externalId: return Self.string(p.externalId)
        case .brazeId: return Self.string(p.brazeId)
        case .amplitudeId: return Self.integer(p.amplitudeId)
        case .deviceId: return Self.string(p.deviceId)
        case .username: return Self.string(p.username)
        case .aamUserId: return Self.integer(p.aamUserId)
        case .aamPid: return Self.integer(p.aamPid)
        case .firstName: return Self.string(p.firstName)
        case .lastName: return Self.string(p.lastName)
        case .email: return Self.string(p.email)
        case .phone: return Self.string(p.phone)
        case .country: return Self.string(p.country)
        case .language: return Self.string(p.language)
        case .homeCity: return Self.string(p.homeCity)
        case .timeZone: return Self.string(p.timeZone)
        case .dob: return Self.string(p.dob)
        case .gender: return Self.string(p.gender)
        case .title: return Self.string(p.title)
        case .createdAt: return Self.string(p.createdAt)
        case .firstSessionAt: return Self.string(p.firstSessionAt)
        case .lastSessionAt: return Self.string(p.lastSessionAt)
        case .emailSubscribe: return Self.string(p.emailSubscribe)
        case .pushSubscribe: return Self.string(p.pushSubscribe)
        case .status: return Self.string(p.status)
        case .userAliases:
            return p.userAliases.isEmpty ? nil : .array(p.userAliases.map {
                .object(["alias_name": .string($0.name), "alias_label": .string($0.label)])
            })
        case .isAdmin: return p.isAdmin.map { .bool($0) }
        case .groups: return p.groups.isEmpty ? nil : .array(p.groups.map { .number(JSONNumber($0)) })
        case .cohorts: return p.cohorts.isEmpty ? nil : .array(p.cohorts.map { .string($0) })
        case .recommendations:
            return p.recommendations.isEmpty ? nil : .array(p.recommendations.map(Self.json))
        case .computations: return p.computations.isEmpty ? nil : .object(p.computations)
        case .customAttributes: return p.customAttributes.isEmpty ? nil : .object(p.customAttributes)
        case .customAttributeOps:
            return p.customAttributeOps.isEmpty ? nil : .array(p.customAttributeOps.map {
                .object(["key": .string($0.key), "op": .string($0.kind.rawValue), "value": $0.value])
            })
        case .vendorExtras: return p.vendorExtras.isEmpty ? nil : .object(p.vendorExtras)
        }
    }

    private static func string(_ s: String?) -> JSONValue? { s.map { .string($0) } }
    private static func integer(_ i: Int64?) -> JSONValue? { i.map { .number(JSONNumber($0)) } }

    /// Sets the member from JSON; `null` leaves it absent. Returns false when the value has
    /// the wrong shape.
    func assign(_ v: JSONValue, to p: inout Profile) -> Bool {
        if case .null = v { return true }
        switch self {
        case .externalId: return Self.set(&p.externalId, v)
        case .brazeId: return Self.set(&p.brazeId, v)
        case .amplitudeId: return Self.set(&p.amplitudeId, v)
        case .deviceId: return Self.set(&p.deviceId, v)
        case .username: return Self.set(&p.username, v)
        case .aamUserId: return Self.set(&p.aamUserId, v)
        case .aamPid: return Self.set(&p.aamPid, v)
        case .firstName: return Self.set(&p.firstName, v)
        case .lastName: return Self.set(&p.lastName, v)
        case .email: return Self.set(&p.email, v)
        case .phone: return Self.set(&p.phone, v)
        case .country: return Self.set(&p.country, v)
        case .language: return Self.set(&p.language, v)
        case .homeCity: return Self.set(&p.homeCity, v)
        case .timeZone: return Self.set(&p.timeZone, v)
        case .dob: return Self.set(&p.dob, v)
        case .gender: return Self.set(&p.gender, v)
        case .title: return Self.set(&p.title, v)
        case .createdAt: return Self.set(&p.createdAt, v)
        case .firstSessionAt: return Self.set(&p.firstSessionAt, v)
        case .lastSessionAt: return Self.set(&p.lastSessionAt, v)
        case .emailSubscribe: return Self.set(&p.emailSubscribe, v)
        case .pushSubscribe: return Self.set(&p.pushSubscribe, v)
        case .status: return Self.set(&p.status, v)
        default: break
        }
        switch self {
        case .userAliases:
            guard let aliases = v.array?.compactMap(Self.alias), aliases.count == v.array?.count else { return false }
            p.userAliases = aliases
        case .isAdmin:
            guard case .bool(let b) = v else { return false }
            p.isAdmin = b
        case .groups:
            guard let groups = v.array?.compactMap({ $0.numberValue?.int64 }), groups.count == v.array?.count else { return false }
            p.groups = groups
        case .cohorts:
            guard let cohorts = v.array?.compactMap(\.string), cohorts.count == v.array?.count else { return false }
            p.cohorts = cohorts
        case .recommendations:
            guard let recs = v.array?.compactMap(Self.recommendation), recs.count == v.array?.count else { return false }
            p.recommendations = recs
        case .computations, .customAttributes, .vendorExtras:
            guard case .object(let o) = v else { return false }
            switch self {
            case .computations: p.computations = o
            case .customAttributes: p.customAttributes = o
            default: p.vendorExtras = o
            }
        case .customAttributeOps:
            guard let ops = v.array?.compactMap(Self.operation), ops.count == v.array?.count else { return false }
            p.customAttributeOps = ops
        default:
            return false
        }
        return true
    }

    private static func set(_ slot: inout String?, _ v: JSONValue) -> Bool {
        guard case .string(let s) = v else { return false }
        slot = s
        return true
    }

    private static func set(_ slot: inout Int64?, _ v: JSONValue) -> Bool {
        guard case .number(let n) = v, let i = n.int64 else { return false }
        slot = i
        return true
    }

    private static func json(_ r: Recommendation) -> JSONValue {
        var o = r.mappedObject()
        for (k, v) in r.extras.entries { o.set(k, v) }
        return .object(o)
    }

    private static func recommendation(_ v: JSONValue) -> Recommendation? {
        guard case .object(let o) = v, let id = o["rec_id"]?.string else { return nil }
        var r = Recommendation(recId: id)
        for (key, value) in o.entries {
            switch (key, value) {
            case ("rec_id", _): break
            case ("child_rec_id", .string(let s)): r.childRecId = s
            case ("items", .array(let a)): r.items = a
            case ("is_control", .bool(let b)): r.isControl = b
            case ("recommendation_source", .string(let s)): r.recommendationSource = s
            case ("last_updated", _): r.lastUpdated = value
            case ("child_rec_id", _), ("items", _), ("is_control", _), ("recommendation_source", _): return nil
            default: r.extras.set(key, value)
            }
        }
        return r
    }

    private static func alias(_ v: JSONValue) -> UserAlias? {
        guard case .object(let o) = v, let name = o["alias_name"]?.string, let label = o["alias_label"]?.string
        else { return nil }
        return UserAlias(name: name, label: label)
    }

    private static func operation(_ v: JSONValue) -> CustomAttributeOp? {
        guard case .object(let o) = v, let key = o["key"]?.string, let op = o["op"]?.string,
            let kind = CustomAttributeOp.Kind(rawValue: op), let value = o["value"]
        else { return nil }
        return CustomAttributeOp(key: key, kind: kind, value: value)
    }
}
