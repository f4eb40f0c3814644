import Schemas

/// Reads Amplitude User Profile API responses, `{"userData": {...}}`, in both shapes: the main
/// one of document 000 (`amp_props`) and the OpenAPI one of document 001 (`user_properties`,
/// `computed_properties`, `amplitude_id`).
public struct AmplitudeReader: ProfileReader {
    public init() {}

    /// Known property keys, snake and camel case, and the profile field each fills.
    static let standardProperties: KeyValuePairs<String, AmplitudeProperty> = [
        "first_name": .firstName, "firstName": .firstName,
        "last_name": .lastName, "lastName": .lastName,
        "email": .email,
        "phone": .phone,
        "country": .country,
        "language": .language,
        "city": .homeCity,
        "dob": .dob, "birthday": .dob,
        "gender": .gender,
        "time_zone": .timeZone, "timeZone": .timeZone, "timezone": .timeZone,
        "first_used": .firstSessionAt, "firstUsed": .firstSessionAt,
        "last_used": .lastSessionAt, "lastUsed": .lastSessionAt,
    ]
    // Looked up by tag: hashing every property name was a tenth of the run time.
    private static let propertyNames = TaggedKeys(standardProperties.map(\.key))
    private static let propertyFields = standardProperties.map(\.value)

    static func property(_ name: String) -> AmplitudeProperty? {
        propertyNames.index(of: name, tag: KeyTag(name)).map { propertyFields[$0] }
    }

    public func read(_ value: JSONValue, notes: inout Notes) throws(Reject) -> Profile {
        guard case .object(let top) = value else {
            throw Reject(.wrongShape, "expected an object with \"userData\", found \(value.typeName)")
        }
        guard let userValue = top["userData"] else {
            throw Reject(.wrongShape, "no \"userData\" member")
        }
        guard case .object(let user) = userValue else {
            throw Reject(.wrongShape, "\"userData\" is \(userValue.typeName), not an object")
        }
        for key in top.keys where key != "userData" { notes.unmap(key) }

        var profile = Profile()
        var extras = JSONObject()
        for (key, v) in user.entries {
            switch key {
            case "user_id": profile.externalId = Self.identifier(v, "external_id", &notes)
            case "device_id": profile.deviceId = Self.identifier(v, "device_id", &notes)
            case "amplitude_id": profile.amplitudeId = Self.integer(v, "amplitude_id", &notes)
            case "amp_props", "user_properties": readProperties(v, key, into: &profile, &notes)
            case "computed_properties": readComputations(v, into: &profile, &notes)
            case "cohort_ids": profile.cohorts = Self.cohorts(v, &notes)
            case "recommendations": profile.recommendations = Self.recommendations(v, &notes)
            default: extras.set(key, v)
            }
        }
        if !extras.isEmpty { profile.vendorExtras["amplitude"] = .object(extras) }
        return profile
    }

    private func readProperties(_ v: JSONValue, _ key: String, into p: inout Profile, _ notes: inout Notes) {
        if case .null = v { return }
        guard case .object(let props) = v else {
            notes.warn(.invalidType, key)
            return
        }
        for (name, value) in props.entries {
            if let field = Self.property(name) {
                if case .null = value { continue }
                guard let text = Self.text(value, field.rawValue, &notes) else { continue }
                if field.assign(text, to: &p) { notes.warn(.duplicateField, field.rawValue) }
            } else if name.hasPrefix("computed-") {
                if p.computations.set(name, value) { notes.warn(.duplicateField, name) }
            } else if p.customAttributes.set(name, value) {
                notes.warn(.duplicateField, name)
            }
        }
    }

    private func readComputations(_ v: JSONValue, into p: inout Profile, _ notes: inout Notes) {
        if case .null = v { return }
        guard case .object(let computed) = v else {
            notes.warn(.invalidType, "computed_properties")
            return
        }
        for (name, value) in computed.entries where p.computations.set(name, value) {
            notes.warn(.duplicateField, name)
        }
    }

    /// A string, or a number taken as its text (normalised); anything else is invalid.
    static func text(_ v: JSONValue, _ field: String, _ notes: inout Notes) -> String? {
        switch v {
        case .string(let s): return s
        case .number(let n):
            notes.normalise(field)
            return n.text
        default:
            notes.warn(.invalidType, field)
            return nil
        }
    }

    static func identifier(_ v: JSONValue, _ field: String, _ notes: inout Notes) -> String? {
        if case .null = v { return nil }
        guard let s = text(v, field, &notes) else { return nil }
        // Kept as given (an id is matched byte for byte), but an id of only spaces is none.
        if FieldText.trimmed(s).isEmpty {
            notes.warn(.emptyValue, field)
            return nil
        }
        return s
    }

    /// An integer, or a string holding one (normalised).
    static func integer(_ v: JSONValue, _ field: String, _ notes: inout Notes) -> Int64? {
        switch v {
        case .null: return nil
        case .number(let n) where n.int64 != nil: return n.int64
        case .string(let s) where Int64(FieldText.trimmed(s)) != nil:
            notes.normalise(field)
            return Int64(FieldText.trimmed(s))
        default:
            notes.warn(.invalidType, field)
            return nil
        }
    }

    static func cohorts(_ v: JSONValue, _ notes: inout Notes) -> [String] {
        if case .null = v { return [] }
        guard case .array(let items) = v else {
            notes.warn(.invalidType, "cohorts")
            return []
        }
        return items.compactMap { text($0, "cohorts", &notes) }
    }

    static func recommendations(_ v: JSONValue, _ notes: inout Notes) -> [Recommendation] {
        if case .null = v { return [] }
        guard case .array(let items) = v else {
            notes.warn(.invalidType, "recommendations")
            return []
        }
        var result: [Recommendation] = []
        for item in items {
            guard case .object(let o) = item, let idValue = o["rec_id"],
                let recId = identifier(idValue, "recommendations.rec_id", &notes)
            else {
                notes.warn(.invalidRecommendation, "recommendations")
                continue
            }
            var rec = Recommendation(recId: recId)
            for (key, value) in o.entries {
                switch key {
                case "rec_id": break
                case "child_rec_id": rec.childRecId = text(value, "recommendations.child_rec_id", &notes)
                // The OpenAPI shape calls the recommended items `child_ids`.
                case "items", "child_ids":
                    if case .array(let a) = value { rec.items = a } else if !value.isNull {
                        notes.warn(.invalidType, "recommendations.items")
                    }
                case "is_control":
                    if case .bool(let b) = value { rec.isControl = b } else if !value.isNull {
                        notes.warn(.invalidType, "recommendations.is_control")
                    }
                case "recommendation_source", "recommendation_type":
                    rec.recommendationSource = text(value, "recommendations.recommendation_source", &notes)
                case "last_updated": rec.lastUpdated = value
                default: rec.extras.set(key, value)
                }
            }
            result.append(rec)
        }
        return result
    }
}

/// Profile fields an Amplitude property can fill.
enum AmplitudeProperty: String, Hashable {
    case firstName = "first_name", lastName = "last_name", email, phone, country, language
    case homeCity = "home_city", dob, gender
    case timeZone = "time_zone"
    case firstSessionAt = "first_session_at", lastSessionAt = "last_session_at"

    /// Sets the field; returns true when it already had a value (now replaced).
    func assign(_ text: String, to p: inout Profile) -> Bool {
        switch self {
        case .firstName: Self.replace(&p.firstName, text)
        case .lastName: Self.replace(&p.lastName, text)
        case .email: Self.replace(&p.email, text)
        case .phone: Self.replace(&p.phone, text)
        case .country: Self.replace(&p.country, text)
        case .language: Self.replace(&p.language, text)
        case .homeCity: Self.replace(&p.homeCity, text)
        case .dob: Self.replace(&p.dob, text)
        case .gender: Self.replace(&p.gender, text)
        case .timeZone: Self.replace(&p.timeZone, text)
        case .firstSessionAt: Self.replace(&p.firstSessionAt, text)
        case .lastSessionAt: Self.replace(&p.lastSessionAt, text)
        }
    }

    private static func replace(_ slot: inout String?, _ text: String) -> Bool {
        let had = slot != nil
        slot = text
        return had
    }
}
