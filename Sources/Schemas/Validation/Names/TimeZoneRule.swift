import JSON
/// Time zones, written as IANA names. Accepted: the tz database's names in any case, its
/// backward-compatible links kept as written (`US/Eastern`, `Asia/Calcutta`, `UTC`, `GMT`,
/// `EST5EDT`: valid IANA names, which Braze accepts), and Rails' zone names
/// (`Eastern Time (US & Canada)`), written as their canonical zone. UTC offsets (`+05:30`,
/// `GMT+2`) and abbreviations that are not IANA names (`Z`, `CEST`) are invalid: an offset is
/// not a zone.
public enum TimeZoneRule {
    public static func check(_ value: String) -> FieldCheck {
        let names = TimeZoneNames.shared
        // Hashing `value` itself: the canonical path builds no String.
        if names.iana.contains(value) { return .ok }
        // Longest names are about 30 bytes; do not fold arbitrary long text.
        guard value.utf8.count <= 64, let name = names.folded[FieldText.asciiLowercased(value)] else {
            return .invalid(.invalidTimeZone)
        }
        return .normalised(name)
    }
}
