import JSON
/// Braze limits that differ between Braze document versions, so each is an option.
public struct Limits: Sendable, Equatable {
    /// Most values in a custom attribute array (`--array-limit`, 1...500).
    public var arrayLimit = 25
    /// Most characters in a custom attribute string.
    public var maxStringLength = 255
    /// Most bytes of a nested object attribute, serialised (`--max-object-bytes`).
    public var maxObjectBytes = 50 * 1024
    /// Attribute objects per `/users/track` body (`--batch-size`, 1...75).
    public var batchSize = 75
    /// Most bytes in one input record (`--max-record-bytes`).
    public var maxRecordBytes = 16 * 1024 * 1024
    /// Deepest nesting of arrays and objects in one record.
    public var maxDepth = 128

    public static let maxArrayLimit = 500
    public static let maxBatchSize = 75

    public init() {}
}
