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

    private var stringPath: WritableKeyPath<Profile, String?>? {
        switch self {
        case .externalId: \.externalId
        case .brazeId: \.brazeId
        case .deviceId: \.deviceId
        case .username: \.username
        case .firstName: \.firstName
        case .lastName: \.lastName
        case .email: \.email
        case .phone: \.phone
        case .country: \.country
        case .language: \.language
        case .homeCity: \.homeCity
        case .timeZone: \.timeZone
        case .dob: \.dob
        case .gender: \.gender
        case .title: \.title
        case .createdAt: \.createdAt
        case .firstSessionAt: \.firstSessionAt
        case .lastSessionAt: \.lastSessionAt
        case .emailSubscribe: \.emailSubscribe
        case .pushSubscribe: \.pushSubscribe
        case .status: \.status
        default: nil
        }
    }

    private var integerPath: WritableKeyPath<Profile, Int64?>? {
        switch self {
        case .amplitudeId: \.amplitudeId
        case .aamUserId: \.aamUserId
        case .aamPid: \.aamPid
        default: nil
        }
    }

    /// The member's JSON value, or nil when the profile has nothing for it.
    func value(in p: Profile) -> JSONValue? {
        if let path = stringPath { return p[keyPath: path].map { .string($0) } }
        if let path = integerPath { return p[keyPath: path].map { .number(JSONNumber($0)) } }
        switch self {
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
        default: return nil
        }
    }

    /// Sets the member from JSON; `null` leaves it absent. Returns false when the value has
    /// the wrong shape.
    func assign(_ v: JSONValue, to p: inout Profile) -> Bool {
        if case .null = v { return true }
        if let path = stringPath {
            guard case .string(let s) = v else { return false }
            p[keyPath: path] = s
            return true
        }
        if let path = integerPath {
            guard case .number(let n) = v, let i = n.int64 else { return false }
            p[keyPath: path] = i
            return true
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

    private static func json(_ r: Recommendation) -> JSONValue {
        var o: JSONObject = ["rec_id": .string(r.recId)]
        if let c = r.childRecId { o.appendNew("child_rec_id", .string(c)) }
        o.appendNew("items", .array(r.items))
        if let c = r.isControl { o.appendNew("is_control", .bool(c)) }
        if let s = r.recommendationSource { o.appendNew("recommendation_source", .string(s)) }
        if let u = r.lastUpdated { o.appendNew("last_updated", u) }
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
