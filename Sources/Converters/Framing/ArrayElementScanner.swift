import JSON
/// Finds the elements of a JSON array read as a stream, from just after its `[`: the one place
/// where element rules live, shared by `JSONArrayFramer` and `EnvelopeFramer`.
///
/// An element runs to the `,` or `]` at depth 0 outside strings and ends at its last
/// non-whitespace byte. Inside an element only strings (with their escapes) and bracket depth
/// are tracked; whether the brackets match is the record parser's business, not framing's.
struct ArrayElementScanner {
    enum Event: Equatable {
        /// Everything given was consumed.
        case needMore
        /// An element's first byte is at `index`.
        case elementStart
        /// The element's separator (`,` or `]`) is at `index`; `trailingWhitespace` bytes
        /// before it are not the element's.
        case elementEnd
        /// The array's `]` was consumed.
        case arrayEnd
    }

    private enum State {
        case first, afterComma, element, afterElement, closed
    }

    private var state = State.first
    private var depth = 0
    private var inString = false
    /// A backslash ended the previous chunk: the next byte is escaped.
    private var escapePending = false
    private(set) var trailingWhitespace = 0

    /// A scanner positioned just after an array's `[`.
    init() {}

    mutating func advance(
        _ bytes: UnsafeRawBufferPointer, from index: inout Int
    ) throws(FramingError) -> Event {
        while index < bytes.count {
            switch state {
            case .first, .afterComma:
                let byte = bytes[index]
                if JSONByte.isWhitespace(byte) {
                    index += 1
                } else if byte == JSONByte.closeSquare && state == .first {
                    index += 1
                    state = .closed
                    return .arrayEnd
                } else if byte == JSONByte.comma || byte == JSONByte.closeSquare {
                    throw FramingError(.invalidFraming, "empty array element")
                } else {
                    state = .element
                    depth = 0
                    inString = false
                    escapePending = false
                    trailingWhitespace = 0
                    return .elementStart
                }
            case .element:
                if scanElement(bytes, from: &index) {
                    state = .afterElement
                    return .elementEnd
                }
            case .afterElement:
                // The element stopped exactly at its separator.
                let byte = bytes[index]
                index += 1
                if byte == JSONByte.comma {
                    state = .afterComma
                } else {
                    state = .closed
                    return .arrayEnd
                }
            case .closed:
                return .arrayEnd
            }
        }
        return .needMore
    }

    /// Scans element bytes; true when stopped at the separator, false when the chunk ran out.
    private mutating func scanElement(_ bytes: UnsafeRawBufferPointer, from index: inout Int) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let end = bytes.count
        var i = index
        var depth = self.depth
        var inString = self.inString
        var trailing = trailingWhitespace
        defer {
            self.depth = depth
            self.inString = inString
            trailingWhitespace = trailing
        }
        if escapePending {
            escapePending = false
            i += 1
        }
        while i < end {
            if inString {
                i = Self.stringEnd(base, from: i, to: end)
                if i >= end {
                    escapePending = i > end
                    break
                }
                inString = false
                i += 1
                continue
            }
            let byte = base.load(fromByteOffset: i, as: UInt8.self)
            switch byte {
            case JSONByte.quote:
                inString = true
                if depth == 0 { trailing = 0 }
            case JSONByte.openSquare, JSONByte.openCurly:
                if depth == 0 { trailing = 0 }
                depth += 1
            case JSONByte.closeSquare:
                if depth == 0 {
                    index = i
                    return true
                }
                depth -= 1
            case JSONByte.closeCurly:
                // A `}` at depth 0 stays in the element: the parser rejects it, framing does not.
                if depth == 0 { trailing = 0 } else { depth -= 1 }
            case JSONByte.comma:
                if depth == 0 {
                    index = i
                    return true
                }
            case JSONByte.space, JSONByte.tab, JSONByte.lf, JSONByte.cr:
                if depth == 0 { trailing += 1 }
            default:
                if depth == 0 { trailing = 0 }
            }
            i += 1
        }
        index = end
        return false
    }

    /// The index of the quote closing a string whose bytes start at `from`; `end` when the
    /// chunk ends inside the string, `end + 1` when it ends just after a backslash. Most of an
    /// array's bytes are in strings, so this looks at 8 bytes at a time. (`ConcatFramer` too.)
    @inline(__always)
    static func stringEnd(_ base: UnsafeRawPointer, from: Int, to end: Int) -> Int {
        var i = from
        while i < end {
            if i + 8 <= end {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let found = quoteOrBackslash(in: word)
                if found == 0 {
                    i += 8
                    continue
                }
                i += found.trailingZeroBitCount >> 3
            }
            let byte = base.load(fromByteOffset: i, as: UInt8.self)
            if byte == JSONByte.quote { return i }
            i += byte == JSONByte.backslash ? 2 : 1
        }
        return i
    }

    /// High bits set where `word` holds `"` or `\`; the lowest one is exact (the classic
    /// "has zero byte" test on `word` XOR the byte repeated).
    @inline(__always)
    private static func quoteOrBackslash(in word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(JSONByte.quote))
        let backslashes = word ^ (ones &* UInt64(JSONByte.backslash))
        return ((quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes) & highs
    }
}
