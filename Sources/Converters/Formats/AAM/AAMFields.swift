import JSON
/// The `aam` mapping (AAM user API document): the keys of one Audience Manager user object of
/// `/api/v1/users`, in the order the document's responses list them (the writer's key order).
/// Audience Manager users are the operators of an Audience Manager account, not end customers.
enum AAMFields {
    static let rows: [FieldRow] = [
        FieldRow("pid", .aamPid, note: "an integer; a numeric string is read and counted as normalised"),
        FieldRow("userId", .aamUserId, note: "an integer; a numeric string is read and counted as normalised"),
        FieldRow("username", .username, note: "written from username, else external_id, else email; none: rejected `no_username`"),
        FieldRow("username", .externalId, .read, note: "also external_id: an AAM record has no other external id (userId and pid are AAM's own numbers)"),
        FieldRow("status", .status, note: "`ACTIVE` written when absent; none when the source's status was invalid (no reactivation by default)"),
        FieldRow("firstName", .firstName),
        FieldRow("lastName", .lastName),
        FieldRow("email", .email, aliases: ["emailAddress"], note: "`emailAddress` read only; both present: the later wins, counted `duplicate_field`"),
        FieldRow("title", .title),
        FieldRow("phoneNumber", .phone),
        FieldRow("groups", .groups, note: "group ids, integers"),
        FieldRow("isAdmin", .isAdmin, note: "a boolean or the strings \"true\"/\"false\" (normalised); written as a boolean, `false` when absent"),
        FieldRow("*", .vendorExtras, note: "other keys, under `vendor_extras.aam`, written back after `isAdmin`"),
        FieldRow("(none)", nil, .write, note: "every other profile member (braze_id, amplitude_id, device_id, user_aliases, external_id unless it is the username, country, language, home_city, time_zone, dob, gender, dates, subscriptions, cohorts, recommendations, computations, custom_attributes, custom_attribute_ops) and other vendors' `vendor_extras` keys: not written, counted as unmapped"),
    ]

    /// Top-level keys that fill profile members.
    static let table = FieldTable(rows)
}
