import JSON
/// Checks one JSON value that belongs to no record (an envelope key, a skipped member, a
/// `message`, `invalid_user_ids`) and keeps none of it but a short decoded copy of a top-level
/// string and the count of a top-level array's elements. Such bytes reach no parser later, so
/// their grammar and UTF-8 are checked here; memory stays fixed whatever the value's size.
struct StreamingJSONValidator {
    enum Kind {
        case none, string, array, other
    }

    private enum NumberPart {
        case minus, zero, integer, dot, fraction, exponentMark, exponentSign, exponent

        var isComplete: Bool { self == .zero || self == .integer || self == .fraction || self == .exponent }
    }

    private enum Mode {
        case value, firstElement, firstKey, key, colon, afterValue
        case string, escape, unicode(digitsLeft: Int)
        case number(NumberPart)
        case literal(StaticString, matched: Int)
        case done
    }

    /// Containers nest at most this deep (records themselves stop at 128 levels).
    static let maxDepth = 1024
    /// A top-level string is kept, decoded, up to this many bytes.
    static let captureLimit = 256

    private(set) var kind = Kind.none
    /// Elements of a top-level array.
    private(set) var elementCount = 0
    private var mode = Mode.value
    private var stack = [UInt64](repeating: 0, count: maxDepth / 64)
    private var depth = 0
    private var utf8 = UTF8Validator()
    private var capturing = false
    private var captureBytes: [UInt8] = []
    private var captureOverflow = false
    private var unicodeValue: UInt32 = 0
    private var highSurrogate: UInt32?
    /// The open string is an object key, so its closing quote expects a `:`.
    private var inKey = false

    init() {
        captureBytes.reserveCapacity(Self.captureLimit)
    }

    /// Starts a new value; with `capture`, a top-level string is kept for `captured`.
    mutating func begin(capture: Bool) {
        kind = .none
        elementCount = 0
        mode = .value
        depth = 0
        utf8 = UTF8Validator()
        capturing = capture
        captureBytes.removeAll(keepingCapacity: true)
        captureOverflow = false
        highSurrogate = nil
        inKey = false
    }

    /// The decoded top-level string, when capturing and it fit in `captureLimit` bytes.
    var captured: [UInt8]? {
        kind == .string && capturing && !captureOverflow ? captureBytes : nil
    }

    /// Scans from `index`; true once the value is complete, with `index` just after it.
    mutating func advance(_ bytes: UnsafeRawBufferPointer, from index: inout Int) throws(FramingError) -> Bool {
        while index < bytes.count {
            let byte = bytes[index]
            switch mode {
            case .done:
                return true
            case .value, .firstElement:
                if JSONByte.isWhitespace(byte) {
                    index += 1
                } else if case .firstElement = mode, byte == JSONByte.closeSquare {
                    index += 1
                    depth -= 1
                    valueEnded()
                } else {
                    try startValue(byte)
                    index += 1
                }
            case .firstKey, .key:
                if JSONByte.isWhitespace(byte) {
                    index += 1
                } else if byte == JSONByte.quote {
                    index += 1
                    mode = .string
                    inKey = true
                } else if case .firstKey = mode, byte == JSONByte.closeCurly {
                    index += 1
                    depth -= 1
                    valueEnded()
                } else {
                    throw FramingError(.invalidFraming, "expected an object key")
                }
            case .colon:
                if JSONByte.isWhitespace(byte) {
                    index += 1
                } else if byte == JSONByte.colon {
                    index += 1
                    mode = .value
                } else {
                    throw FramingError(.invalidFraming, "expected ':' after an object key")
                }
            case .afterValue:
                try afterValue(byte)
                index += 1
            case .string:
                try scanString(bytes, from: &index)
            case .escape:
                try escape(byte)
                index += 1
            case .unicode(let digitsLeft):
                try unicodeDigit(byte, digitsLeft: digitsLeft)
                index += 1
            case .number(let part):
                if let next = Self.numberStep(part, byte) {
                    mode = .number(next)
                    index += 1
                } else if part.isComplete {
                    valueEnded()
                } else {
                    throw FramingError(.invalidFraming, "invalid number")
                }
            case .literal(let word, let matched):
                guard byte == word.utf8Start[matched] else {
                    throw FramingError(.invalidFraming, "invalid literal")
                }
                index += 1
                if matched + 1 == word.utf8CodeUnitCount {
                    valueEnded()
                } else {
                    mode = .literal(word, matched: matched + 1)
                }
            }
        }
        if case .done = mode { return true }
        return false
    }

    private mutating func startValue(_ byte: UInt8) throws(FramingError) {
        if depth == 0 {
            kind = byte == JSONByte.quote ? .string : byte == JSONByte.openSquare ? .array : .other
        } else if depth == 1, kind == .array {
            elementCount += 1
        }
        switch byte {
        case JSONByte.quote:
            mode = .string
        case JSONByte.openSquare:
            try push(object: false)
            mode = .firstElement
        case JSONByte.openCurly:
            try push(object: true)
            mode = .firstKey
        case UInt8(ascii: "-"):
            mode = .number(.minus)
        case UInt8(ascii: "0"):
            mode = .number(.zero)
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            mode = .number(.integer)
        case UInt8(ascii: "t"):
            mode = .literal("true", matched: 1)
        case UInt8(ascii: "f"):
            mode = .literal("false", matched: 1)
        case UInt8(ascii: "n"):
            mode = .literal("null", matched: 1)
        default:
            throw FramingError(.invalidFraming, "expected a JSON value")
        }
    }

    private mutating func afterValue(_ byte: UInt8) throws(FramingError) {
        if JSONByte.isWhitespace(byte) { return }
        let inObject = topIsObject
        if byte == JSONByte.comma {
            mode = inObject ? .key : .value
        } else if byte == (inObject ? JSONByte.closeCurly : JSONByte.closeSquare) {
            depth -= 1
            valueEnded()
        } else {
            throw FramingError(.invalidFraming, inObject ? "expected ',' or '}'" : "expected ',' or ']'")
        }
    }

    /// A value (or key) just ended: the top-level one, or one inside a container.
    private mutating func valueEnded() {
        mode = depth == 0 ? .done : .afterValue
    }

    private mutating func scanString(_ bytes: UnsafeRawBufferPointer, from index: inout Int) throws(FramingError) {
        var i = index
        while i < bytes.count {
            let byte = bytes[i]
            if utf8.isInsideSequence || byte >= 0x80 {
                guard utf8.accept(byte) else {
                    index = i
                    throw FramingError(.invalidUTF8, "invalid UTF-8 outside a record")
                }
                captureRaw(byte)
            } else if byte == JSONByte.quote {
                flushHighSurrogate()
                index = i + 1
                if inKey {
                    inKey = false
                    mode = .colon
                } else {
                    valueEnded()
                }
                return
            } else if byte == JSONByte.backslash {
                index = i + 1
                mode = .escape
                return
            } else if byte < 0x20 {
                index = i
                throw FramingError(.invalidFraming, "control character in a string")
            } else {
                captureRaw(byte)
            }
            i += 1
        }
        index = i
    }

    private mutating func escape(_ byte: UInt8) throws(FramingError) {
        if let decoded = JSONByte.shortEscape(byte) {
            captureRaw(decoded)
            mode = .string
        } else if byte == UInt8(ascii: "u") {
            unicodeValue = 0
            mode = .unicode(digitsLeft: 4)
        } else {
            throw FramingError(.invalidFraming, "invalid escape in a string")
        }
    }

    private mutating func unicodeDigit(_ byte: UInt8, digitsLeft: Int) throws(FramingError) {
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: throw FramingError(.invalidFraming, "invalid \\u escape in a string")
        }
        unicodeValue = unicodeValue << 4 | UInt32(digit)
        if digitsLeft > 1 {
            mode = .unicode(digitsLeft: digitsLeft - 1)
            return
        }
        mode = .string
        captureUnicode(unicodeValue)
    }

    private static func numberStep(_ part: NumberPart, _ byte: UInt8) -> NumberPart? {
        let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        let isExponent = byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        switch part {
        case .minus:
            return byte == UInt8(ascii: "0") ? .zero : isDigit ? .integer : nil
        case .zero, .integer:
            if isDigit { return part == .integer ? .integer : nil }
            return byte == UInt8(ascii: ".") ? .dot : isExponent ? .exponentMark : nil
        case .dot, .fraction:
            if isDigit { return .fraction }
            return part == .fraction && isExponent ? .exponentMark : nil
        case .exponentMark:
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { return .exponentSign }
            return isDigit ? .exponent : nil
        case .exponentSign, .exponent:
            return isDigit ? .exponent : nil
        }
    }

    // MARK: the nesting stack, one bit per level (1: object)

    private mutating func push(object: Bool) throws(FramingError) {
        guard depth < Self.maxDepth else {
            throw FramingError(.invalidFraming, "value nested more than \(Self.maxDepth) levels deep")
        }
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if object { stack[depth >> 6] |= bit } else { stack[depth >> 6] &= ~bit }
        depth += 1
    }

    private var topIsObject: Bool {
        let level = depth - 1
        return level >= 0 && stack[level >> 6] >> UInt64(level & 63) & 1 == 1
    }

    // MARK: capture of a top-level string

    private var isCapturing: Bool { capturing && depth == 0 && !captureOverflow }

    private mutating func captureRaw(_ byte: UInt8) {
        guard isCapturing else { return }
        flushHighSurrogate()
        append(byte)
    }

    private mutating func captureUnicode(_ unit: UInt32) {
        guard isCapturing else { return }
        switch unit {
        case 0xD800...0xDBFF:
            flushHighSurrogate()
            highSurrogate = unit
        case 0xDC00...0xDFFF:
            if let high = highSurrogate {
                highSurrogate = nil
                appendScalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))
            } else {
                appendScalar(0xFFFD)
            }
        default:
            flushHighSurrogate()
            appendScalar(unit)
        }
    }

    /// A high surrogate not followed by a low one decodes as U+FFFD, as Foundation does.
    private mutating func flushHighSurrogate() {
        guard highSurrogate != nil else { return }
        highSurrogate = nil
        appendScalar(0xFFFD)
    }

    private mutating func appendScalar(_ value: UInt32) {
        guard let scalar = Unicode.Scalar(value) else { return }
        UTF8.encode(scalar) { append($0) }
    }

    private mutating func append(_ byte: UInt8) {
        guard isCapturing else { return }
        if captureBytes.count == Self.captureLimit {
            captureOverflow = true
        } else {
            captureBytes.append(byte)
        }
    }
}
