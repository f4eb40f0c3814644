import JSON
import Schemas

/// The `braze-export` mapping (Braze export document): the keys of one `/users/export/ids` user object,
/// in the document's order. The writer walks these rows in this order, so the table is also
/// the output's key order.
enum BrazeExportFields {
    static let rows: [FieldRow] = [
        FieldRow("created_at", .createdAt),
        FieldRow("external_id", .externalId, note: "an export object needs one of external_id, user_aliases, braze_id: none is `no_identifier` on write"),
        FieldRow("user_aliases", .userAliases, note: "every alias; a single alias object is read too"),
        FieldRow("braze_id", .brazeId),
        extra("random_bucket"),
        FieldRow("first_name", .firstName),
        FieldRow("last_name", .lastName),
        FieldRow("email", .email),
        FieldRow("dob", .dob),
        FieldRow("home_city", .homeCity),
        FieldRow("country", .country),
        FieldRow("phone", .phone),
        FieldRow("language", .language),
        FieldRow("time_zone", .timeZone),
        extra("last_coordinates"),
        FieldRow("gender", .gender),
        extra("total_revenue"),
        extra("attributed_campaign"),
        extra("attributed_source"),
        extra("attributed_adgroup"),
        extra("attributed_ad"),
        FieldRow("push_subscribe", .pushSubscribe),
        extra("push_opted_in_at"),
        unlisted("push_unsubscribed_at"),
        FieldRow("email_subscribe", .emailSubscribe),
        unlisted("email_opted_in_at"),
        unlisted("email_unsubscribed_at"),
        FieldRow("custom_attributes", .customAttributes, note: "an object, values untouched (Braze's /users/track write rules do not apply to an export object); on write a `null` value is left out (`null_value`), a key already taken becomes `custom_<key>`; `custom_attribute_ops` cannot be applied here: unmapped"),
        FieldRow("custom_attributes.amplitude_id", .amplitudeId, .write, note: "custom attribute"),
        FieldRow("custom_attributes.amplitude_device_id", .deviceId, .write, note: "custom attribute"),
        FieldRow("custom_attributes.aam_username", .username, .write, note: "custom attribute"),
        FieldRow("custom_attributes.aam_user_id", .aamUserId, .write, note: "custom attribute"),
        FieldRow("custom_attributes.aam_pid", .aamPid, .write, note: "custom attribute"),
        FieldRow("custom_attributes.aam_title", .title, .write, note: "custom attribute"),
        FieldRow("custom_attributes.aam_status", .status, .write, note: "custom attribute"),
        FieldRow("custom_attributes.aam_is_admin", .isAdmin, .write, note: "custom attribute"),
        FieldRow("custom_attributes.aam_groups", .groups, .write, note: "custom attribute, array"),
        FieldRow("custom_attributes.amplitude_cohorts", .cohorts, .write, note: "custom attribute, array"),
        FieldRow("custom_attributes.rec_<rec_id>", .recommendations, .write, note: "custom attribute: the recommendation's items; its other fields are unmapped"),
        FieldRow("custom_attributes.<computation key>", .computations, .write, note: "custom attribute; numeric strings become numbers"),
        extra("custom_events"),
        extra("purchases"),
        extra("devices"),
        extra("push_tokens"),
        extra("apps"),
        FieldRow("apps[].first_used", .firstSessionAt, .read, note: "the earliest, compared as parsed UTC instants; written only through `apps` (a session date without apps is unmapped)"),
        FieldRow("apps[].last_used", .lastSessionAt, .read, note: "the latest, compared as parsed UTC instants; written only through `apps`"),
        extra("campaigns_received"),
        extra("canvases_received"),
        extra("cards_clicked"),
        unlisted("uninstalled_at"),
        FieldRow("*", .vendorExtras, note: "any other key, under `vendor_extras.braze`; written back after the known keys, in source order. Not written: `_update_existing_only`, `push_token_import`, other vendors' extras (unmapped)"),
    ]

    /// A key with no canonical home, kept under `vendor_extras.braze` and written back in place.
    private static func extra(_ key: String) -> FieldRow {
        FieldRow(key, .vendorExtras, note: "under `vendor_extras.braze`, written back in place")
    }

    /// An export field the document's example does not show, placed by analogy with its neighbours.
    private static func unlisted(_ key: String) -> FieldRow {
        FieldRow(key, .vendorExtras, note: "under `vendor_extras.braze`; not in the document's example, written back at this place")
    }

    static let table = FieldTable(rows)

    /// `vendor_extras.braze` keys that are request flags of `/users/track`, not user data: they
    /// have no place in an export object.
    static let requestFlags = TaggedKeys(["_update_existing_only", "push_token_import"])

    /// Whether one record is unmistakably an export user object (format detection): an
    /// identifier, one of the arrays or numbers only an export object has, and no key of
    /// another format (`profile` members, `/users/track` attribute names). A bare
    /// `{"external_id": ..., "custom_attributes": {...}}` could be a `profile` record: not detected.
    static func looksLikeExportUser(_ o: JSONObject) -> Bool {
        guard o["external_id"] != nil || o["braze_id"] != nil || o["user_aliases"] != nil else { return false }
        let evidence = exportArrays.contains { o[$0]?.array != nil } || o["random_bucket"]?.numberValue != nil
        return evidence && !otherFormatKeys.contains { o[$0] != nil }
    }

    private static let exportArrays = [
        "apps", "custom_events", "purchases", "devices", "campaigns_received", "canvases_received", "cards_clicked",
    ]
    private static let otherFormatKeys = [
        "userData", "vendor_extras", "custom_attribute_ops", "first_session_at", "last_session_at", "amplitude_id",
        "device_id", "user_alias", "_update_existing_only", "date_of_first_session", "date_of_last_session",
    ]
}
