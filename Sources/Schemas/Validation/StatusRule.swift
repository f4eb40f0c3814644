import JSON
/// Audience Manager user status in any case: `ACTIVE | INACTIVE | LOCKED`.
enum StatusRule {
    private static let states = ["ACTIVE", "INACTIVE", "LOCKED"]

    static func check(_ value: String) -> FieldCheck {
        FieldText.oneOf(states, value) ?? .invalid(.invalidStatus)
    }
}
