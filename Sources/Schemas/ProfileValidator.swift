/// The outcome of one field check (SPEC section 4).
public enum FieldCheck: Equatable, Sendable {
    case ok
    /// The value was rewritten to its canonical form.
    case normalised(String)
    /// The value is left out of the output and counted with this code.
    case invalid(WarningCode)
}

/// The standard profile fields that have a validator, with their `profile` format names.
public enum CheckedField: String, CaseIterable, Sendable {
    case email, phone, country, language
    case timeZone = "time_zone"
    case dob, gender
    case createdAt = "created_at"
    case firstSessionAt = "first_session_at"
    case lastSessionAt = "last_session_at"
    case emailSubscribe = "email_subscribe"
    case pushSubscribe = "push_subscribe"
    case status

    /// Position in `allCases`, without a search: per-field counters are indexed by it.
    public var index: Int {
        switch self {
        case .email: 0
        case .phone: 1
        case .country: 2
        case .language: 3
        case .timeZone: 4
        case .dob: 5
        case .gender: 6
        case .createdAt: 7
        case .firstSessionAt: 8
        case .lastSessionAt: 9
        case .emailSubscribe: 10
        case .pushSubscribe: 11
        case .status: 12
        }
    }
}

/// Checks and normalises the standard fields of a profile once, between any reader and any
/// writer, so that every format pair gets the same rules. Each field's rule is one function;
/// this is the seam where the per-field validators plug in.
public struct ProfileValidator: Sendable {
    /// Where phone numbers without a calling code are from (`--default-region`).
    public var defaultRegion: PhoneRegion?

    public init(defaultRegion: PhoneRegion? = nil) { self.defaultRegion = defaultRegion }

    public func validate(_ p: inout Profile, notes: inout Notes) {
        // Direct stored-property access: key paths cost a retain/release (or a copy) per field.
        apply(.email, &p.email, &notes)
        apply(.phone, &p.phone, &notes)
        apply(.country, &p.country, &notes)
        apply(.language, &p.language, &notes)
        apply(.timeZone, &p.timeZone, &notes)
        apply(.dob, &p.dob, &notes)
        apply(.gender, &p.gender, &notes)
        apply(.createdAt, &p.createdAt, &notes)
        apply(.firstSessionAt, &p.firstSessionAt, &notes)
        apply(.lastSessionAt, &p.lastSessionAt, &notes)
        apply(.emailSubscribe, &p.emailSubscribe, &notes)
        apply(.pushSubscribe, &p.pushSubscribe, &notes)
        apply(.status, &p.status, &notes)
    }

    private func apply(_ field: CheckedField, _ value: inout String?, _ notes: inout Notes) {
        guard let raw = value else { return }
        switch check(field, raw) {
        case .ok:
            notes.checked(field, .ok)
        case .normalised(let canonical):
            value = canonical
            // Counted through `checks` only: a field-name string per rewrite costs a hash in
            // the report, and most records have a rewritten field.
            notes.checked(field, .normalised)
        case .invalid(let code):
            value = nil
            notes.warn(code, field.rawValue)
            notes.checked(field, .invalid)
        }
    }

    public func check(_ field: CheckedField, _ raw: String) -> FieldCheck {
        let value = FieldText.trimmed(raw)
        if value.isEmpty { return .invalid(.emptyValue) }
        let result: FieldCheck =
            switch field {
            case .email: EmailRule.check(value)
            case .gender: GenderRule.check(value)
            case .emailSubscribe, .pushSubscribe: SubscriptionRule.check(value)
            case .status: StatusRule.check(value)
            case .country: CountryRule.check(value)
            case .language: LanguageRule.check(value)
            case .dob: DateRule.check(value, as: .date)
            case .createdAt, .firstSessionAt, .lastSessionAt: DateRule.check(value, as: .timestamp)
            case .phone: PhoneRule.check(value, defaultRegion: defaultRegion)
            case .timeZone: TimeZoneRule.check(value)
            }
        if case .ok = result, value.utf8.count != raw.utf8.count { return .normalised(value) }
        return result
    }
}

/// Small text helpers shared by the field rules.
public enum FieldText {
    /// Trims Unicode whitespace and newlines at both ends.
    public static func trimmed(_ s: String) -> String {
        // Fast path: printable ASCII at both ends needs no Unicode property lookups.
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F
        }
        if plain == true || s.isEmpty { return s }
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        else { return s }
        let scalars = s.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }

    /// `.ok` when `value` is one of `words` exactly, `.normalised` when it is one of them in
    /// another ASCII case, nil otherwise. Compares bytes: the canonical path allocates nothing.
    public static func oneOf(_ words: [String], _ value: String) -> FieldCheck? {
        for word in words where word.utf8.count == value.utf8.count {
            if word == value { return .ok }
            if equalIgnoringASCIICase(word, value) { return .normalised(word) }
        }
        return nil
    }

    public static func equalIgnoringASCIICase(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8) { x, y in
            x == y || (x | 0x20 == y | 0x20 && (x | 0x20) &- 97 < 26)
        }
    }

    /// ASCII lower-casing, enough for codes and enum words.
    public static func asciiLowercased(_ s: String) -> String {
        String(decoding: s.utf8.map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
