import JSON
/// Braze subscription states in any case: `opted_in | subscribed | unsubscribed`.
enum SubscriptionRule {
    private static let states = ["opted_in", "subscribed", "unsubscribed"]

    static func check(_ value: String) -> FieldCheck {
        FieldText.oneOf(states, value) ?? .invalid(.invalidSubscription)
    }
}
