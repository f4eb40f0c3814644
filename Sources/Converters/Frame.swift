/// One record's bytes as found by `RecordReader`, with where it came from.
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

    /// How much of an oversized record is kept, enough to show it in a rejects file.
    public static let prefixLength = 4096
}
