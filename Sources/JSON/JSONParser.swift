
/// A strict RFC 8259 parser over UTF-8 bytes, built for the record hot path: it reads raw
/// pointers, keeps numbers as their exact text, and reuses its buffers from one parse to the next.
///
/// Refused: anything outside the grammar (comments, trailing commas, single quotes, NaN, leading
/// zeros, a byte order mark, data after the value), control characters in strings, invalid
/// UTF-8 and unpaired `\u` surrogate escapes, and nesting deeper than `maxDepth`. The first
/// problem found, reading from the start, is the one reported.
public struct JSONParser: Sendable {
    /// The deepest allowed nesting of arrays and objects; a top-level container is depth 1.
    public let maxDepth: Int
    /// Keys that appeared more than once in one object during the last `parse`, in order found
    /// (the later value won; the key keeps its first position, see JSONObject.set). Cleared by each parse;
    /// after a failed parse, the duplicates seen before the error.
    public private(set) var duplicateKeys: [String] = []

    // Kept between parses so that their capacity is reused (the key cache, its contents too).
    private var scratch: [UInt8] = []
    private var pendingKeys: [PendingKey] = []
    private var pendingValues: [JSONValue] = []
    private var keyCache = [CachedKey](repeating: CachedKey(), count: CachedKey.slots)

    package static let scratchLimit = 1 << 20

    public init(maxDepth: Int = 128) {
        self.maxDepth = maxDepth
    }

    /// Parses one complete JSON text: exactly one value with optional surrounding JSON whitespace.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        var value = JSONValue.null
        try withCursor(bytes) { cursor throws(JSONParseError) in value = try cursor.document() }
        return value
    }

    /// Runs `body` on a cursor at the start of `bytes`, with this parser's buffers, as `parse`
    /// does: a reader that streams a record (`Cursor.streamObject`) reads it through this.
    /// `duplicateKeys` then holds those found by `body`'s reads.
    package mutating func withCursor(
        _ bytes: UnsafeRawBufferPointer, _ body: (inout Cursor) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        duplicateKeys.removeAll()
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            throw JSONParseError(.invalidJSON, offset: 0, "unexpected end of input")
        }
        var reader = Cursor(
            base.assumingMemoryBound(to: UInt8.self), count: bytes.count, maxDepth: maxDepth)
        swap(&reader.scratch, &scratch)
        swap(&reader.keys, &pendingKeys)
        swap(&reader.values, &pendingValues)
        swap(&reader.keyCache, &keyCache)
        defer {
            swap(&reader.keyCache, &keyCache)
            swap(&reader.scratch, &scratch)
            swap(&reader.keys, &pendingKeys)
            swap(&reader.values, &pendingValues)
            swap(&reader.duplicateKeys, &duplicateKeys)
            // A failed parse leaves the elements of open containers behind.
            pendingKeys.removeAll(keepingCapacity: true)
            pendingValues.removeAll(keepingCapacity: true)
            // One huge escaped string should not pin its size for the rest of the run.
            if scratch.capacity > Self.scratchLimit { scratch = [] }
        }
        try body(&reader)
    }
}
