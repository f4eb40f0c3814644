/// One planned batch as the ledger hands it to the sender: `items[i]` is the JSON object of the
/// user `userKeys[i]`, already in the target's shape (a Braze `/users/track` attributes object,
/// or an Amplitude Identify object `{"user_id":..,"user_properties":{"$set":{..},"$unset":{..}}}`).
public struct OutgoingBatch: Sendable {
    /// The ledger's batch id, handed back in the batch's `BatchOutcome`.
    public var id: Int64
    public var items: [[UInt8]]
    /// One key per item, in the same order; the sender never has one key in two requests in
    /// flight at once.
    public var userKeys: [String]

    public init(id: Int64, items: [[UInt8]], userKeys: [String]) {
        self.id = id
        self.items = items
        self.userKeys = userKeys
    }
}
