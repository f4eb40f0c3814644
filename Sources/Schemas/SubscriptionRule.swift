/// Braze subscription states in any case: `opted_in | subscribed | unsubscribed`.
enum SubscriptionRule {
    static func check(_ value: String) -> FieldCheck {
        let lowered = FieldText.asciiLowercased(value)
        guard ["opted_in", "subscribed", "unsubscribed"].contains(lowered) else {
            return .invalid(.invalidSubscription)
        }
        return lowered == value ? .ok : .normalised(lowered)
    }
}
