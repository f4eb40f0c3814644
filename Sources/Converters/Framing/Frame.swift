import JSON
/// One record's bytes as found by `FrameReader`, with where it came from.
public struct Frame {
    /// The record's bytes, or its first `Frame.prefixLength` bytes when it is oversized. Valid
    /// until the reader's next call.
    public var bytes: UnsafeRawBufferPointer
    /// 1-based record number within this input (blank lines are not records).
    public var number: Int
    /// Stream offset of the record's first byte (a byte order mark counts).
    public var offset: Int64
    /// The record's full length in bytes.
    public var length: Int64
    /// `length > maxRecordBytes`: only a prefix is kept; the pipeline rejects it as
    /// `record_too_large`.
    public var isOversized: Bool
    /// Set when the container itself could not make a record of these bytes (an XML record
    /// element that breaks the mapping): the pipeline rejects it with this reason.
    public var rejectReason: Reject? = nil
    /// 1-based line of the record's first byte in a line-based container (NDJSON; XML, where
    /// libxml2 counts them); 0 where the container has no useful lines (a JSON array).
    public var line: Int = 0

    /// How much of an oversized record is kept, enough to show it in a rejects file.
    public static let prefixLength = 4096
}
