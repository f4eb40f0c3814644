import JSON
/// JSON values one after another, separated by whitespace or by nothing: `jq .` output,
/// pretty-printed objects over many lines, `{"a":1}{"b":2}`. Each top-level value is a record.
///
/// An object, array or string value ends at its closing byte, found by tracking strings (with
/// their escapes) and bracket depth only; whether the brackets match is the record parser's
/// business. Any other top-level value (a number, `true`, a stray `}`) runs to the next
/// whitespace, `{`, `[` or `"`, so the parser rejects it as one record. An object or string cut
/// short by the end of input is a fault: with no line to end it, its record would be the rest
/// of the stream.
public struct ConcatFramer: Framer {
    private enum State {
        case between, bracketed, string, bare
    }

    public private(set) var counters = FramingCounters()
    private var state = State.between
    private var depth = 0
    private var inString = false
    /// A backslash ended the previous chunk: the next byte is escaped.
    private var escapePending = false

    public init() {}

    public mutating func advance(
        _ bytes: UnsafeRawBufferPointer, from index: inout Int
    ) throws(FramingError) -> FrameEvent {
        guard let base = bytes.baseAddress else { return .needMore }
        while index < bytes.count {
            switch state {
            case .between:
                let byte = bytes[index]
                if JSONByte.isWhitespace(byte) {
                    index += 1
                    continue
                }
                switch byte {
                case JSONByte.openCurly, JSONByte.openSquare:
                    state = .bracketed
                    depth = 0
                    inString = false
                case JSONByte.quote:
                    state = .string
                    inString = false  // the opening quote is the record's first byte
                default:
                    state = .bare
                }
                escapePending = false
                return .recordStart
            case .bracketed:
                if scanBracketed(base, bytes.count, from: &index) {
                    state = .between
                    return .recordEnd
                }
            case .string:
                // The record starts at the opening quote: step over it once.
                if !inString {
                    inString = true
                    index += 1
                    continue
                }
                if escapePending {
                    escapePending = false
                    index += 1
                    continue
                }
                let end = ArrayElementScanner.stringEnd(base, from: index, to: bytes.count)
                if end >= bytes.count {
                    escapePending = end > bytes.count
                    index = bytes.count
                    return .needMore
                }
                index = end + 1
                inString = false
                state = .between
                return .recordEnd
            case .bare:
                let byte = bytes[index]
                if JSONByte.isWhitespace(byte) || byte == JSONByte.openCurly || byte == JSONByte.openSquare
                    || byte == JSONByte.quote
                {
                    state = .between
                    return .recordEnd
                }
                index += 1
            }
        }
        return .needMore
    }

    public mutating func finish() throws(FramingError) -> Bool {
        switch state {
        case .between:
            return false
        case .bare:
            state = .between
            return true
        case .bracketed, .string:
            throw FramingError(.truncatedJSON, "input ends inside a JSON value (concatenated JSON: a value cut short takes the rest of the input)")
        }
    }

    /// Scans an object or array; true when its closing bracket was consumed.
    private mutating func scanBracketed(_ base: UnsafeRawPointer, _ end: Int, from index: inout Int) -> Bool {
        var i = index
        defer { index = i }
        if escapePending {
            escapePending = false
            i += 1
        }
        while i < end {
            if inString {
                i = ArrayElementScanner.stringEnd(base, from: i, to: end)
                if i >= end {
                    escapePending = i > end
                    i = end
                    return false
                }
                inString = false
                i += 1
                continue
            }
            switch base.load(fromByteOffset: i, as: UInt8.self) {
            case JSONByte.quote:
                inString = true
            case JSONByte.openSquare, JSONByte.openCurly:
                depth += 1
            case JSONByte.closeSquare, JSONByte.closeCurly:
                depth -= 1
                if depth == 0 {
                    i += 1
                    return true
                }
            default:
                break
            }
            i += 1
        }
        return false
    }
}
