import JSON

/// One request as the fake vendor received it.
public struct RecordedRequest: Sendable {
    /// 0 for the first request the server received, then 1, 2, ...
    public var ordinal: Int
    /// When its last byte arrived, and when its answer went out (nil: dropped or not yet).
    public var received: ContinuousClock.Instant
    public var answered: ContinuousClock.Instant?
    public var method: String
    public var path: String
    /// Header names lower-cased, in order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The items of the body (Braze `attributes`, Amplitude `identification`), nil when the
    /// body is not the vendor's shape.
    public var items: [JSONValue]?
    /// The user of each item: `external_id` / `user_id`, else the other identifiers prefixed
    /// with their kind (`alias:LABEL:NAME`, `braze_id:`, `email:`, `phone:`, `device:`).
    public var users: [String]
    /// Amplitude's form field `api_key`.
    public var formKey: String?
    /// The status answered (0 while unanswered or when dropped).
    public var status: Int

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }
}
