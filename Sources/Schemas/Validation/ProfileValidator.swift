import JSON
/// The outcome of one field check.
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
        notes.settleStandardFields()
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
            notes.warn(code, field.rawValue, .string(raw))
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
