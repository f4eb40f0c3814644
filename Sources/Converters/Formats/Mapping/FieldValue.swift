import JSON
import Schemas

/// The coercions every reader applies to vendor values: a number where text is expected is
/// taken as its text, a numeric string where an integer is expected as the integer, `"true"`
/// and `"false"` as booleans (each counted as normalised); other types are `invalid_type`.
enum FieldValue {
    /// A string, or a number taken as its text (normalised); anything else is invalid.
    static func text(_ v: JSONValue, _ field: String, _ notes: inout Notes) -> String? {
        switch v {
        case .string(let s): return s
        case .number(let n):
            notes.normalise(field)
            return n.text
        default:
            notes.warn(.invalidType, field, v)
            return nil
        }
    }

    /// Text kept as given (an id is matched byte for byte), but an id of only spaces is none.
    static func identifier(_ v: JSONValue, _ field: String, _ notes: inout Notes) -> String? {
        if case .null = v { return nil }
        guard let s = text(v, field, &notes) else { return nil }
        if FieldText.trimmed(s).isEmpty {
            notes.warn(.emptyValue, field, v)
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
            notes.warn(.invalidType, field, v)
            return nil
        }
    }

    /// A boolean, or the strings `true` / `false` in any case (normalised): Audience Manager
    /// answers `"isAdmin": "true"`.
    static func bool(_ v: JSONValue, _ field: String, _ notes: inout Notes) -> Bool? {
        switch v {
        case .null: return nil
        case .bool(let b): return b
        case .string(let s) where FieldText.oneOf(["true", "false"], FieldText.trimmed(s)) != nil:
            notes.normalise(field)
            return FieldText.equalIgnoringASCIICase(FieldText.trimmed(s), "true")
        default:
            notes.warn(.invalidType, field, v)
            return nil
        }
    }
}
