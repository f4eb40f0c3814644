import JSON
import Schemas

/// The session dates an export object's `apps` imply: the earliest `first_used` and the latest
/// `last_used`. Values are compared as instants (parsed by the date rule, so offsets, Braze's
/// `2020-07-10 15:00:00.000 UTC` form and epochs compare correctly), never as raw text; the
/// winning value is returned as the source wrote it, for the validator to check like any other.
struct BrazeAppSessions: Equatable {
    var firstUsed: String?
    var lastUsed: String?

    /// An unparseable date is counted in `notes` (`invalid_date` on `apps[].first_used`) and
    /// takes no part in the comparison.
    init(apps: JSONValue?, notes: inout Notes) {
        guard case .array(let items)? = apps else { return }
        var first: (key: String, raw: String)?
        var last: (key: String, raw: String)?
        for case .object(let app) in items {
            if let v = app["first_used"], let d = Self.instant(v, "apps[].first_used", &notes),
                first.map({ d.key < $0.key }) ?? true
            {
                first = d
            }
            if let v = app["last_used"], let d = Self.instant(v, "apps[].last_used", &notes),
                last.map({ d.key > $0.key }) ?? true
            {
                last = d
            }
        }
        firstUsed = first?.raw
        lastUsed = last?.raw
    }

    /// A comparable key (canonical UTC text with milliseconds always present, so that text
    /// order is time order) and the raw text; nil for null or an unparseable value.
    private static func instant(_ v: JSONValue, _ field: String, _ notes: inout Notes) -> (key: String, raw: String)? {
        let raw: String
        switch v {
        case .null: return nil
        case .string(let s): raw = s
        case .number(let n): raw = n.text  // epoch seconds or milliseconds
        default:
            notes.warn(.invalidType, field, v)
            return nil
        }
        guard let key = canonicalKey(raw) else {
            notes.warn(.invalidDate, field, v)
            return nil
        }
        return (key, raw)
    }

    /// `YYYY-MM-DDTHH:MM:SS.fffZ` for any accepted timestamp, nil for anything else.
    static func canonicalKey(_ raw: String) -> String? {
        let trimmed = FieldText.trimmed(raw)
        guard !trimmed.isEmpty else { return nil }
        var canonical: String
        switch DateRule.check(trimmed, as: .timestamp) {
        case .ok: canonical = trimmed
        case .normalised(let s): canonical = s
        case .invalid: return nil
        }
        // `...:SSZ` and `...:SS.fffZ`: 'Z' sorts after '.', so give every value a fraction.
        if canonical.utf8.count == 20 { canonical.insert(contentsOf: ".000", at: canonical.index(before: canonical.endIndex)) }
        return canonical
    }
}
