import JSON
/// Braze subscription states in any case: `opted_in | subscribed | unsubscribed`.
public enum SubscriptionRule {
    private static let states = ["opted_in", "subscribed", "unsubscribed"]

    /// Whether `value` is a subscription state (any case, surrounding whitespace allowed): a
    /// reader that finds such a key among free-form properties takes only these as the field.
    public static func isState(_ value: JSONValue) -> Bool {
        guard case .string(let s) = value else { return false }
        return FieldText.oneOf(states, FieldText.trimmed(s)) != nil
    }

    static func check(_ value: String) -> FieldCheck {
        FieldText.oneOf(states, value) ?? .invalid(.invalidSubscription)
    }
}
