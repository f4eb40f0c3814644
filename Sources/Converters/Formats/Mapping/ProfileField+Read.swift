import JSON
import Schemas

extension ProfileField {
    /// Reads a vendor value into this member with the shared coercions (`FieldValue`). `null`
    /// leaves the member as it is; a member given twice keeps the later value and is counted
    /// as `duplicate_field`; a value of the wrong shape is `invalid_type`.
    func read(_ v: JSONValue, into p: inout Profile, _ notes: inout Notes) {
        if case .null = v { return }
        guard let coerced = coerced(v, &notes) else { return }
        if let earlier = value(in: p) { notes.warn(.duplicateField, rawValue, earlier) }
        if !assign(coerced, to: &p) { notes.warn(.invalidType, rawValue, v) }
    }

    private func coerced(_ v: JSONValue, _ notes: inout Notes) -> JSONValue? {
        switch self {
        case .externalId, .brazeId, .deviceId, .username:
            return FieldValue.identifier(v, rawValue, &notes).map { .string($0) }
        case .amplitudeId, .aamUserId, .aamPid:
            return FieldValue.integer(v, rawValue, &notes).map { .number(JSONNumber($0)) }
        case .isAdmin:
            return FieldValue.bool(v, rawValue, &notes).map { .bool($0) }
        case .groups:
            guard case .array(let items) = v else { break }
            return .array(items.compactMap { FieldValue.integer($0, rawValue, &notes).map { .number(JSONNumber($0)) } })
        case .cohorts:
            guard case .array(let items) = v else { break }
            return .array(items.compactMap { FieldValue.text($0, rawValue, &notes).map { .string($0) } })
        case .firstName, .lastName, .email, .phone, .country, .language, .homeCity, .timeZone, .dob,
            .gender, .title, .createdAt, .firstSessionAt, .lastSessionAt, .emailSubscribe, .pushSubscribe,
            .status:
            return FieldValue.text(v, rawValue, &notes).map { .string($0) }
        case .userAliases, .recommendations, .computations, .customAttributes, .customAttributeOps,
            .vendorExtras:
            return v
        }
        notes.warn(.invalidType, rawValue, v)
        return nil
    }
}
