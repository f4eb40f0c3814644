import JSON
/// The `braze-attributes` / `braze-track` mapping (Braze attributes object document): the keys of one
/// `/users/track` attributes object. `BrazeAttributesReader` looks up the plain keys here.
/// The rows are in the reference's order, not the writer's: `BrazeAttributesEncoder` writes the
/// identifier, the standard attributes, the `vendor_extras.braze` fields, then the custom
/// attributes (a test checks that each key it writes is a row here).
enum BrazeAttributesFields {
    static let rows: [FieldRow] = [
        FieldRow("external_id", .externalId, note: "identifier: the first present of external_id, a user alias, braze_id, email, phone, then none for an anonymous push token import (`push_token_import: true` with `push_tokens`), then the device id as an alias"),
        FieldRow("user_alias", .userAliases, note: "one alias; further aliases are unmapped on write. Read: an alias labelled `amplitude_device_id` (the writer's device alias) is also the device id, and is not written again as `amplitude_device_id`"),
        FieldRow("braze_id", .brazeId),
        FieldRow("first_name", .firstName),
        FieldRow("last_name", .lastName),
        FieldRow("email", .email),
        FieldRow("phone", .phone),
        FieldRow("gender", .gender),
        FieldRow("dob", .dob),
        FieldRow("country", .country),
        FieldRow("language", .language),
        FieldRow("home_city", .homeCity),
        FieldRow("time_zone", .timeZone),
        FieldRow("date_of_first_session", .firstSessionAt),
        FieldRow("date_of_last_session", .lastSessionAt),
        FieldRow("email_subscribe", .emailSubscribe),
        FieldRow("push_subscribe", .pushSubscribe),
        FieldRow("amplitude_id", .amplitudeId, note: "custom attribute; read back when an integer (here and below, any other value stays a custom attribute)"),
        FieldRow("amplitude_device_id", .deviceId, note: "custom attribute, unless the device is the identifier; read back when a non-blank string"),
        FieldRow("aam_username", .username, note: "custom attribute; read back when a non-blank string"),
        FieldRow("aam_user_id", .aamUserId, note: "custom attribute; read back when an integer"),
        FieldRow("aam_pid", .aamPid, note: "custom attribute; read back when an integer"),
        FieldRow("aam_title", .title, note: "custom attribute; read back when a string"),
        FieldRow("aam_status", .status, note: "custom attribute; read back when ACTIVE, INACTIVE or LOCKED (any case)"),
        FieldRow("aam_is_admin", .isAdmin, note: "custom attribute; read back when a boolean"),
        FieldRow("aam_groups", .groups, note: "custom attribute, array; read back when a non-empty array of integers"),
        FieldRow("amplitude_cohorts", .cohorts, note: "custom attribute, array; read back when a non-empty array of strings"),
        FieldRow("rec_<rec_id>", .recommendations, .write, note: "custom attribute: the recommendation's items; its other fields are unmapped. Read as a custom attribute (a `rec_` key may be anyone's)"),
        FieldRow("<computation key>", .computations, .write, note: "custom attribute; numeric strings become numbers. Read as a custom attribute"),
        FieldRow("<any other key>", .customAttributes, note: "custom attributes, value untouched on read; Braze key and value rules apply on write"),
        FieldRow("{\"inc\"|\"add\"|\"remove\": ...}", .customAttributeOps, note: "an object of only these keys (`add` and `remove` may share one): operations, kept in order; `inc` needs a number, `add`/`remove` an array"),
        FieldRow("_update_existing_only", .vendorExtras, note: "under `vendor_extras.braze`, a boolean; absent from an object with `user_alias` and no `external_id`, it reads as `true` (Braze's default there; counted as normalised). Written after the alias; an alias object without it gets `false`"),
        FieldRow("push_token_import", .vendorExtras, note: "under `vendor_extras.braze`, a boolean; with `push_tokens` it stands for an identifier (anonymous token import)"),
        FieldRow("push_tokens", .vendorExtras, note: "under `vendor_extras.braze`, value kept (here and below, `null`, a deletion, is left out as `null_value`). Written: tokens with `app_id`; a Braze export's tokens (`app` is a name) only with `--braze-app-ids` (as `app_id`, `token`, `device_id`; `platform` and `notifications_enabled` unmapped), else each is left out and counted as unmapped `push_tokens`"),
        FieldRow("subscription_groups", .vendorExtras, note: "under `vendor_extras.braze`, value kept"),
        FieldRow("current_location", .vendorExtras, note: "under `vendor_extras.braze`, value kept"),
        FieldRow("facebook", .vendorExtras, note: "under `vendor_extras.braze`, value kept"),
        FieldRow("twitter", .vendorExtras, note: "under `vendor_extras.braze`, value kept"),
        FieldRow("email_open_tracking_disabled", .vendorExtras, note: "under `vendor_extras.braze`, a boolean"),
        FieldRow("email_click_tracking_disabled", .vendorExtras, note: "under `vendor_extras.braze`, a boolean"),
        FieldRow("marked_email_as_spam_at", .vendorExtras, note: "under `vendor_extras.braze`, value kept"),
        FieldRow("created_at", .createdAt, .read, note: "cannot be set through /users/track: unmapped on write"),
    ]

    /// The rows of one plain top-level key each (no `<...>` placeholders), for the reader.
    static let keyed = FieldTable(rows.filter { row in
        row.key.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) }
    })
}
