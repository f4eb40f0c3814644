import JSON
/// Splits a byte stream into records' bytes without parsing them (framing apart from records,
/// as in Vector and SwiftNIO). A framer is an incremental state machine: it never looks back at
/// bytes it has passed, so a record of any size costs O(n) and the reader decides what to keep.
public protocol Framer {
    /// Scans `bytes` from `index`, moving `index` forward, until something happens.
    /// Bytes that belong to no record (whitespace, separators, envelope members) are consumed
    /// silently; faults are thrown with `index` at the offending byte.
    mutating func advance(_ bytes: UnsafeRawBufferPointer, from index: inout Int) throws(FramingError) -> FrameEvent

    /// End of input. Returns true when an open record ends at end of input (NDJSON's last line
    /// without a newline); throws when the stream stops where it may not (an array cut short).
    mutating func finish() throws(FramingError) -> Bool

    /// What the framer saw outside records.
    var counters: FramingCounters { get }

    /// After `.recordEnd` (or `finish()` returning true): how many bytes just before `index`
    /// (or before end of input) follow the record's last byte without belonging to it, such as
    /// the whitespace between an array element and its `,`. They may lie in earlier chunks,
    /// which is why the framer counts them instead of the reader looking back.
    var trailingWhitespace: Int { get }

    /// The 1-based line the framer is on, for containers whose records are lines (NDJSON):
    /// rejects and faults then name the line a text editor or `sed -n` shows, which is not the
    /// record number once blank lines are skipped. 0 for other containers.
    var line: Int { get }
}

extension Framer {
    public var trailingWhitespace: Int { 0 }
    public var line: Int { 0 }
}

public enum FrameEvent: Equatable, Sendable {
    /// Everything given was consumed; feed more bytes.
    case needMore
    /// A record's first byte is at `index`.
    case recordStart
    /// The open record's last byte is just before `index`, less `trailingWhitespace` bytes.
    case recordEnd
}

/// A fatal framing fault; `index` is relative to the chunk passed to `advance` (or -1 from
/// `finish`, meaning end of input). The reader turns it into an `InputFault` with a stream offset.
public struct FramingError: Error, Equatable {
    public var code: InputFault.Code
    public var message: String
    public init(_ code: InputFault.Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// Counts of what lies between records.
public struct FramingCounters: Equatable, Sendable {
    /// NDJSON lines holding only whitespace: skipped, never records.
    public var blankLines = 0
    /// Envelope objects unwrapped (`{"users": [...]}` responses, `{"attributes": [...]}` bodies).
    public var envelopes = 0
    /// Elements of Braze export `invalid_user_ids` arrays.
    public var invalidUserIds = 0
    /// Envelope members that are not records (`events`, `purchases`, unknown keys), by key.
    /// At most 64 distinct keys; the rest, and keys over 256 bytes, are counted under "(other)".
    public var skippedMembers: [String: Int] = [:]
    /// Distinct Braze export `message` values and how often each came (at most 16 distinct;
    /// the rest, and messages over 256 bytes, are counted under "(other)").
    public var messages: [String: Int] = [:]
    public init() {}
}
