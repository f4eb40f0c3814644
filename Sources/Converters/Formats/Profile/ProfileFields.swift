import JSON
/// The `profile` format's mapping: every member under its own name.
enum ProfileFields {
    static let rows: [FieldRow] = ProfileField.allCases.map { FieldRow($0.rawValue, $0) }
}
