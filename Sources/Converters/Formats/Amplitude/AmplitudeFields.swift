/// The `amplitude` format's mapping (documents 000 and 001): keys of `userData`, and of its
/// properties object (`amp_props` in the main shape, `user_properties` in the OpenAPI one).
enum AmplitudeFields {
    static let rows: [FieldRow] = [
        FieldRow("user_id", .externalId),
        FieldRow("device_id", .deviceId),
        FieldRow("amplitude_id", .amplitudeId, note: "an integer; a numeric string is read and counted as normalised"),
        FieldRow("amp_props.first_name", .firstName, aliases: ["firstName"]),
        FieldRow("amp_props.last_name", .lastName, aliases: ["lastName"]),
        FieldRow("amp_props.email", .email),
        FieldRow("amp_props.phone", .phone),
        FieldRow("amp_props.country", .country),
        FieldRow("amp_props.language", .language),
        FieldRow("amp_props.city", .homeCity),
        FieldRow("amp_props.dob", .dob, aliases: ["birthday"]),
        FieldRow("amp_props.gender", .gender),
        FieldRow("amp_props.time_zone", .timeZone, aliases: ["timeZone", "timezone"]),
        FieldRow("amp_props.first_used", .firstSessionAt, aliases: ["firstUsed"]),
        FieldRow("amp_props.last_used", .lastSessionAt, aliases: ["lastUsed"]),
        FieldRow("amp_props.computed-*", .computations, note: "properties whose key starts `computed-`, key kept"),
        FieldRow("computed_properties", .computations, note: "OpenAPI shape; each entry, key kept"),
        FieldRow("amp_props.*", .customAttributes, note: "every other property, value untouched"),
        FieldRow("cohort_ids", .cohorts),
        FieldRow("recommendations", .recommendations, note: "`items` or `child_ids`; `recommendation_source` or `recommendation_type`; other keys kept with the recommendation"),
        FieldRow("*", .vendorExtras, note: "other `userData` keys, under `vendor_extras.amplitude`"),
    ]

    /// Property keys (inside `amp_props` / `user_properties`) that fill standard fields.
    static let properties = FieldTable(rows, under: "amp_props.")
}
