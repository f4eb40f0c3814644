import JSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One JSON value per line, LF or CRLF. A record is its line without the whitespace around it;
/// lines holding only whitespace are skipped and counted, and a last line without a newline is
/// a record too.
public struct NDJSONFramer: Framer {
    public private(set) var counters = FramingCounters()
    public private(set) var trailingWhitespace = 0
    private var inRecord = false
    /// Between records: the current line has had whitespace (so at end of input it is a blank
    /// line, while the empty "line" after a final newline is not).
    private var lineHasWhitespace = false
    /// In a record: length of the whitespace run that ends the bytes scanned so far, carried
    /// across chunks so that the record's end never needs a look at an earlier chunk.
    private var whitespaceRun = 0
    /// Line feeds consumed so far: the current line is one more.
    private var newlines = 0

    public var line: Int { newlines + 1 }

    public init() {}

    public mutating func advance(
        _ bytes: UnsafeRawBufferPointer, from index: inout Int
    ) throws(FramingError) -> FrameEvent {
        guard let base = bytes.baseAddress, index < bytes.count else {
            index = bytes.count
            return .needMore
        }
        if !inRecord {
            var i = index
            while i < bytes.count {
                let byte = bytes[i]
                if byte == JSONByte.lf {
                    newlines += 1
                    counters.blankLines += 1
                    lineHasWhitespace = false
                } else if Self.isLineWhitespace(byte) {
                    lineHasWhitespace = true
                } else {
                    index = i
                    inRecord = true
                    lineHasWhitespace = false
                    whitespaceRun = 0
                    return .recordStart
                }
                i += 1
            }
            index = bytes.count
            return .needMore
        }
        let from = index
        // memchr is the fast part: most bytes of an NDJSON stream are scanned only here.
        guard let hit = memchr(base + from, Int32(JSONByte.lf), bytes.count - from) else {
            whitespaceRun = Self.whitespaceRun(in: bytes, from: from, to: bytes.count, carried: whitespaceRun)
            index = bytes.count
            return .needMore
        }
        let newline = base.distance(to: UnsafeRawPointer(hit))
        trailingWhitespace = Self.whitespaceRun(in: bytes, from: from, to: newline, carried: whitespaceRun) + 1
        index = newline + 1
        inRecord = false
        newlines += 1
        return .recordEnd
    }

    public mutating func finish() throws(FramingError) -> Bool {
        if inRecord {
            trailingWhitespace = whitespaceRun
            inRecord = false
            return true
        }
        if lineHasWhitespace {
            counters.blankLines += 1
            lineHasWhitespace = false
        }
        return false
    }

    /// Whitespace that may surround a record on its line (LF ends the line instead).
    @inline(__always)
    private static func isLineWhitespace(_ byte: UInt8) -> Bool {
        byte == JSONByte.space || byte == JSONByte.tab || byte == JSONByte.cr
    }

    /// The whitespace run ending at `end`, scanning back no further than `from` (the bytes this
    /// call has scanned); when all of those are whitespace the run continues the `carried` one.
    private static func whitespaceRun(
        in bytes: UnsafeRawBufferPointer, from: Int, to end: Int, carried: Int
    ) -> Int {
        var start = end
        while start > from && isLineWhitespace(bytes[start - 1]) {
            start -= 1
        }
        return end - start + (start == from ? carried : 0)
    }
}
