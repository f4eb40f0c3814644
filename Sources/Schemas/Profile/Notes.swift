import JSON
/// Warning codes: short and fixed, never parser text. A warning never rejects a record.
public enum WarningCode: String, Sendable, CaseIterable {
    /// A key appeared twice in one JSON object; the later value was kept.
    case duplicateKey = "duplicate_key"
    /// The same profile field came from two source keys (`first_name` and `firstName`).
    case duplicateField = "duplicate_field"
    /// A known field held a JSON type it cannot have (an object for `email`).
    case invalidType = "invalid_type"
    /// A known field held an empty or whitespace-only string.
    case emptyValue = "empty_value"
    case invalidEmail = "invalid_email"
    case invalidPhone = "invalid_phone"
    case invalidCountry = "invalid_country"
    case invalidLanguage = "invalid_language"
    case invalidTimeZone = "invalid_time_zone"
    case invalidDate = "invalid_date"
    case invalidGender = "invalid_gender"
    case invalidSubscription = "invalid_subscription"
    case invalidStatus = "invalid_status"
    /// A custom attribute array held an array (Braze arrays are one-dimensional).
    case nestedArray = "nested_array"
    /// A custom attribute array was over `--array-limit`; the oldest values were dropped.
    case arrayTruncated = "array_truncated"
    /// A custom attribute string was over 255 characters and was cut.
    case stringTruncated = "string_truncated"
    /// A nested object attribute was over `--max-object-bytes` when serialised; left out.
    case objectTooLarge = "object_too_large"
    /// A custom attribute was `null`, which would delete the value in Braze; left out.
    case nullValue = "null_value"
    /// A custom attribute key was renamed (collision with a standard field, leading `$`).
    case attributeRenamed = "attribute_renamed"
    /// A custom attribute key could not be written at all (too long, no free name).
    case attributeDropped = "attribute_dropped"
    /// A recommendation without a usable `rec_id`; left out.
    case invalidRecommendation = "invalid_recommendation"
    /// The record's identifier was in an earlier record of the run: the vendor merges the two
    /// into one user. Counted under the identifier's field; the report lists record numbers.
    case duplicateIdentifier = "duplicate_identifier"
}

/// What happened to one record's fields on the way through: warnings, values rewritten
/// (normalised) and fields the target format cannot hold (unmapped). The pipeline reuses one
/// `Notes` per run and adds it to the run's totals once the record is written.
public struct Notes: Sendable {
    public struct Warning: Hashable, Sendable {
        public var code: WarningCode
        public var field: String
        /// The offending value (the one left out, cut or replaced), for messages and the
        /// `--warnings` file. Holding it costs no copy: strings and containers share storage.
        public var value: JSONValue?
        public init(code: WarningCode, field: String, value: JSONValue? = nil) {
            self.code = code
            self.field = field
            self.value = value
        }
    }

    public private(set) var warnings: [Warning] = []
    public private(set) var normalised: [String] = []
    public private(set) var unmapped: [String] = []
    /// Every standard field the validator looked at, with its outcome, for per-field counts.
    public private(set) var checks: [FieldOutcome] = []
    /// The record's identifier, for the run's duplicate check (set once the record is read).
    public var identifier: RecordIdentifier?

    public init() {}

    public mutating func checked(_ field: CheckedField, _ outcome: FieldOutcome.Outcome) {
        checks.append(FieldOutcome(field: field, outcome: outcome))
    }

    public mutating func warn(_ code: WarningCode, _ field: String, _ value: JSONValue? = nil) {
        warnings.append(Warning(code: code, field: field, value: value))
    }

    public mutating func normalise(_ field: String) { normalised.append(field) }

    public mutating func unmap(_ field: String) { unmapped.append(field) }

    /// One definition per standard field, so that the report's counts agree: each value is
    /// counted once, as ok, normalised or invalid. A reader's coercion of a standard field (a
    /// number taken as its text) is a rewrite, so an ok value becomes normalised and an invalid
    /// one stays only invalid; a value a reader refused for its type (`invalid_type`) is
    /// invalid. Called by the validator after its checks; costs nothing for a record with no
    /// coercion and no warning.
    public mutating func settleStandardFields() {
        if !normalised.isEmpty {
            var others: [String] = []
            var changed = false
            for name in normalised {
                guard let field = CheckedField(rawValue: name) else {
                    others.append(name)
                    continue
                }
                changed = true
                if let i = checks.firstIndex(of: FieldOutcome(field: field, outcome: .ok)) {
                    checks[i].outcome = .normalised
                }
            }
            if changed { normalised = others }
        }
        for w in warnings where w.code == .invalidType {
            if let field = CheckedField(rawValue: w.field) { checks.append(FieldOutcome(field: field, outcome: .invalid)) }
        }
    }

    public var isEmpty: Bool { warnings.isEmpty && normalised.isEmpty && unmapped.isEmpty && checks.isEmpty }

    public mutating func removeAll() {
        warnings.removeAll(keepingCapacity: true)
        normalised.removeAll(keepingCapacity: true)
        unmapped.removeAll(keepingCapacity: true)
        checks.removeAll(keepingCapacity: true)
        identifier = nil
    }
}

/// How the validator left one standard field of one record.
public struct FieldOutcome: Hashable, Sendable {
    public enum Outcome: Int, Sendable, CaseIterable { case ok, normalised, invalid }
    public var field: CheckedField
    public var outcome: Outcome
    public init(field: CheckedField, outcome: Outcome) {
        self.field = field
        self.outcome = outcome
    }
}
