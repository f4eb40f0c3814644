/// What became of one item of a batch.
public enum ItemOutcome: Sendable, Hashable {
    /// The vendor accepted the item: the ledger records its values as the target's state.
    case acknowledged
    /// The vendor refused the item (a per-item error of a 2xx, or a fatal 4xx of its request),
    /// with the vendor's message. Not sent as far as the state knows: the next run offers it again.
    case rejected(String)
    /// No answer either way (tries used up, deadline, run stopped): the batch stays pending.
    case pending(String)
}

/// The outcome of every item of one batch, in the batch's item order.
public struct BatchOutcome: Sendable {
    public var id: Int64
    public var items: [ItemOutcome]

    public init(id: Int64, items: [ItemOutcome]) {
        self.id = id
        self.items = items
    }
}
