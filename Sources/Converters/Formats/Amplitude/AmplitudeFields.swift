import JSON
import Schemas

/// The `amplitude` format's mapping (the Amplitude profile API documents): keys of `userData`, and of its
/// properties object (`amp_props` in the main shape, `user_properties` in the OpenAPI one).
enum AmplitudeFields {
    static let rows: [FieldRow] = [
        FieldRow("user_id", .externalId, note: "on write, user_id or device_id is required (neither: rejected, `no_identifier`)"),
        FieldRow("device_id", .deviceId),
        FieldRow("amplitude_id", .amplitudeId, note: "an integer; a numeric string is read and counted as normalised; written after device_id (main shape) or last (OpenAPI shape)"),
        FieldRow("amp_props.first_name", .firstName, aliases: ["firstName"], note: "properties are `user_properties` in the OpenAPI shape; an alias is written under the first name"),
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
        FieldRow("amp_props.email_subscribe", .emailSubscribe, aliases: ["emailSubscribe", "braze_email_subscribe"], note: "Braze's subscription state: read when `opted_in`, `subscribed` or `unsubscribed` (any case); any other value stays a custom property"),
        FieldRow("amp_props.push_subscribe", .pushSubscribe, aliases: ["pushSubscribe", "braze_push_subscribe"], note: "as email_subscribe"),
        // Other vendors' fields: user properties are free-form, so they are kept as properties
        // under the prefixes the Braze writer uses; reading them back gives custom attributes.
        FieldRow("amp_props.braze_id", .brazeId, .write, note: "user property"),
        FieldRow("amp_props.braze_user_aliases", .userAliases, .write, note: "user property, array of {alias_name, alias_label}"),
        FieldRow("amp_props.braze_created_at", .createdAt, .write, note: "user property"),
        FieldRow("amp_props.aam_username", .username, .write, note: "user property"),
        FieldRow("amp_props.aam_user_id", .aamUserId, .write, note: "user property"),
        FieldRow("amp_props.aam_pid", .aamPid, .write, note: "user property"),
        FieldRow("amp_props.aam_title", .title, .write, note: "user property"),
        FieldRow("amp_props.aam_status", .status, .write, note: "user property"),
        FieldRow("amp_props.aam_is_admin", .isAdmin, .write, note: "user property"),
        FieldRow("amp_props.aam_groups", .groups, .write, note: "user property, array"),
        FieldRow("amp_props.*", .customAttributes, note: "every other property, value untouched (`null` included); on write a key read as another field (a name or alias above, `computed-*`) or already written becomes `custom_<key>` (`attribute_renamed`; no free name: `attribute_dropped`)"),
        FieldRow("amp_props.computed-*", .computations, note: "properties whose key starts `computed-`, the prefix taken off (one key whichever shape); main shape: written after the custom properties as `computed-<key>`"),
        FieldRow("computed_properties", .computations, note: "OpenAPI shape; each entry, key kept"),
        FieldRow("cohort_ids", .cohorts),
        FieldRow("recommendations", .recommendations, note: "`items` or `child_ids`; `recommendation_source` or `recommendation_type`; other keys kept with the recommendation; written as the Amplitude profile API document's objects, first in `userData` as there (main shape), or with `child_ids` and `recommendation_type` (OpenAPI shape)"),
        FieldRow("*", .vendorExtras, note: "other `userData` keys, under `vendor_extras.amplitude`, written back at the end of `userData`; other vendors' extras are unmapped"),
        FieldRow("-", .customAttributeOps, .write, note: "not written: Braze inc/add/remove operations have no Amplitude form (counted as unmapped)"),
    ]

    /// Property keys (inside `amp_props` / `user_properties`) that fill standard fields.
    static let properties = FieldTable(rows, under: "amp_props.")

    static let propertyPrefix = "amp_props."

    /// The property rows the writer copies as they are, in output order.
    static let writtenProperties: [(key: String, member: ProfileField)] = rows.compactMap { row in
        guard row.writes, let member = row.member, row.key.hasPrefix(propertyPrefix), !row.key.contains("*") else { return nil }
        return (String(row.key.dropFirst(propertyPrefix.count)), member)
    }

    /// Every property key the reader takes for a standard field (names and aliases): a custom
    /// property written under one would come back as that field.
    static let readPropertyKeys = TaggedKeys(rows.flatMap { row -> [String] in
        guard row.reads, row.key.hasPrefix(propertyPrefix), !row.key.contains("*") else { return [] }
        return [String(row.key.dropFirst(propertyPrefix.count))] + row.aliases
    })
}
