import JSON
import Schemas

/// Reads Amplitude User Profile API responses, `{"userData": {...}}`, in both shapes: the main
/// one of the Amplitude profile API document (`amp_props`) and the one of its OpenAPI document (`user_properties`,
/// `computed_properties`, `amplitude_id`).
public struct AmplitudeReader: FormatReader {
    public init() {}

    public func read(_ value: JSONValue, notes: inout Notes) throws(Reject) -> Profile {
        guard case .object(let top) = value else {
            throw Reject(.wrongShape, "expected an object with \"userData\", found \(value.typeName)")
        }
        guard let userValue = top["userData"] else {
            throw Reject.wrongFormat("an Amplitude record", expected: "\"userData\"", keys: top.keys)
        }
        guard case .object(let user) = userValue else {
            throw Reject(.wrongShape, "\"userData\" is \(userValue.typeName), not an object")
        }
        for key in top.keys where key != "userData" { notes.unmap(key) }

        var profile = Profile()
        var extras = JSONObject()
        for (key, v) in user.entries { readUserField(key, v, into: &profile, extras: &extras, &notes) }
        if !extras.isEmpty { profile.vendorExtras["amplitude"] = .object(extras) }
        return profile
    }

    /// One member of `userData`; what has no field goes to `extras`.
    func readUserField(_ key: String, _ v: JSONValue, into profile: inout Profile, extras: inout JSONObject, _ notes: inout Notes) {
        switch key {
        case "user_id": profile.externalId = FieldValue.identifier(v, "external_id", &notes)
        case "device_id": profile.deviceId = FieldValue.identifier(v, "device_id", &notes)
        case "amplitude_id": profile.amplitudeId = FieldValue.integer(v, "amplitude_id", &notes)
        case "amp_props", "user_properties": readProperties(v, key, into: &profile, &notes)
        case "computed_properties": readComputations(v, into: &profile, &notes)
        case "cohort_ids": profile.cohorts = Self.cohorts(v, &notes)
        case "recommendations": profile.recommendations = Self.recommendations(v, &notes)
        default: extras.set(key, v)
        }
    }

    private func readProperties(_ v: JSONValue, _ key: String, into p: inout Profile, _ notes: inout Notes) {
        if case .null = v { return }
        guard case .object(let props) = v else {
            notes.warn(.invalidType, key, v)
            return
        }
        // A parsed object's keys are unique: into an empty set of attributes they can be
        // appended without looking each one up (the second of amp_props/user_properties can't).
        let fresh = p.customAttributes.isEmpty
        if fresh { p.customAttributes.reserveCapacity(props.count) }
        for (name, value) in props.entries { readProperty(name, value, fresh: fresh, into: &p, &notes) }
    }

    /// One user property: a standard field, a computation, or a custom attribute. `fresh`:
    /// its object's keys are unique and the attributes were empty before it (see above).
    func readProperty(_ name: String, _ value: JSONValue, fresh: Bool, into p: inout Profile, _ notes: inout Notes) {
        if let field = AmplitudeFields.properties.row(forKey: name)?.member,
            !Self.isSubscription(field) || SubscriptionRule.isState(value)
        {
            field.read(value, into: &p, &notes)
        } else if name.hasPrefix("computed-") {
            // Without the prefix, as the OpenAPI shape's `computed_properties` has them: one
            // key for one computation whichever shape it came from.
            let key = String(name.dropFirst("computed-".count))
            if p.computations.set(key, value) { notes.warn(.duplicateField, key, value) }
        } else if fresh {
            p.customAttributes.appendNew(name, value)
        } else if p.customAttributes.set(name, value) {
            notes.warn(.duplicateField, name, value)
        }
    }

    /// Subscription keys are common words among free-form properties (`email_subscribe: true`):
    /// only a Braze state makes one the standard field; anything else is someone's own property.
    private static func isSubscription(_ field: ProfileField) -> Bool {
        field == .emailSubscribe || field == .pushSubscribe
    }

    private func readComputations(_ v: JSONValue, into p: inout Profile, _ notes: inout Notes) {
        if case .null = v { return }
        guard case .object(let computed) = v else {
            notes.warn(.invalidType, "computed_properties", v)
            return
        }
        for (name, value) in computed.entries where p.computations.set(name, value) {
            notes.warn(.duplicateField, name, value)
        }
    }

    static func cohorts(_ v: JSONValue, _ notes: inout Notes) -> [String] {
        if case .null = v { return [] }
        guard case .array(let items) = v else {
            notes.warn(.invalidType, "cohorts", v)
            return []
        }
        return items.compactMap { FieldValue.text($0, "cohorts", &notes) }
    }

    static func recommendations(_ v: JSONValue, _ notes: inout Notes) -> [Recommendation] {
        if case .null = v { return [] }
        guard case .array(let items) = v else {
            notes.warn(.invalidType, "recommendations", v)
            return []
        }
        var result: [Recommendation] = []
        for item in items {
            guard case .object(let o) = item, let idValue = o["rec_id"],
                let recId = FieldValue.identifier(idValue, "recommendations.rec_id", &notes)
            else {
                notes.warn(.invalidRecommendation, "recommendations", item)
                continue
            }
            var rec = Recommendation(recId: recId)
            for (key, value) in o.entries where key != "rec_id" { readRecommendationField(key, value, into: &rec, &notes) }
            result.append(rec)
        }
        return result
    }

    /// One member of a recommendation besides `rec_id`.
    static func readRecommendationField(_ key: String, _ value: JSONValue, into rec: inout Recommendation, _ notes: inout Notes) {
        switch key {
        case "child_rec_id": rec.childRecId = FieldValue.text(value, "recommendations.child_rec_id", &notes)
        // The OpenAPI shape calls the recommended items `child_ids`.
        case "items", "child_ids":
            if case .array(let a) = value { rec.items = a } else if !value.isNull {
                notes.warn(.invalidType, "recommendations.items", value)
            }
        case "is_control":
            if case .bool(let b) = value { rec.isControl = b } else if !value.isNull {
                notes.warn(.invalidType, "recommendations.is_control", value)
            }
        case "recommendation_source", "recommendation_type":
            rec.recommendationSource = FieldValue.text(value, "recommendations.recommendation_source", &notes)
        case "last_updated": rec.lastUpdated = value
        default: rec.extras.set(key, value)
        }
    }
}
