
/// The state of one parse. Containers collect their elements on shared stacks (`keys`,
/// `values`) and copy them out once, at their exact size, when they close.
extension JSONParser {
/// The parser's position in one record's bytes and its scratch stacks.
package struct Cursor {
    package let p: UnsafePointer<UInt8>
    package let end: Int
    package let maxDepth: Int
    package var i = 0
    package var depth = 0
    package var scratch: [UInt8] = []
    package var keys: [PendingKey] = []
    package var values: [JSONValue] = []
    package var duplicateKeys: [String] = []
    package var keyCache: [CachedKey] = []

    package init(_ p: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        self.p = p
        self.end = count
        self.maxDepth = maxDepth
    }

    package mutating func document() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try value()
        skipWhitespace()
        if i < end { throw unexpected("unexpected data after the value") }
        return value
    }

    package mutating func value() throws(JSONParseError) -> JSONValue {
        guard i < end else { throw unexpected("expected a value") }
        switch p[i] {
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "{"):
            return try object()
        case UInt8(ascii: "["):
            return try array()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            throw unexpected("expected a value")
        }
    }

    // MARK: Containers

    package mutating func array() throws(JSONParseError) -> JSONValue {
        if try enterIsEmpty(closedBy: UInt8(ascii: "]")) { return .array([]) }
        let base = values.count
        while true {
            values.append(try value())
            if try !nextElement() { break }
        }
        let elements = takeValues(from: base)
        depth -= 1
        return .array(elements)
    }

    package mutating func object() throws(JSONParseError) -> JSONValue {
        if try enterIsEmpty(closedBy: UInt8(ascii: "}")) { return .object(JSONObject()) }
        let keyBase = keys.count
        let valueBase = values.count
        var index = KeyIndex()
        while true {
            guard i < end && p[i] == UInt8(ascii: "\"") else { throw unexpected("expected a string key") }
            let key = try key()
            // Looked up before the value is read, so that duplicates are listed in text order.
            let slot = position(of: key, from: keyBase, index: &index)
            if slot != nil { duplicateKeys.append(key.name) }
            try colon()
            let member = try value()
            if let slot {
                values[valueBase + slot] = member
            } else {
                keys.append(key)
                values.append(member)
            }
            if try !nextMember() { break }
        }
        let object = JSONObject(uncheckedUniqueKeys: takeKeys(from: keyBase), values: takeValues(from: valueBase))
        depth -= 1
        return .object(object)
    }

    /// Reads the object at `i` member by member, for a reader that fills its own structure
    /// instead of building a `JSONValue`: `member` gets each key with the cursor at the value,
    /// and must read the value. The grammar, the depth limit and the errors are `object()`'s.
    /// A key the object already had throws `streamedDuplicate`: a stream can't give the later
    /// value the first key's place, as `JSONObject` does, so the reader reads the record again
    /// as a tree.
    package mutating func streamObject(
        _ member: (inout Self, String) throws(JSONParseError) -> Void
    ) throws(JSONParseError) {
        guard i < end && p[i] == UInt8(ascii: "{") else { throw unexpected("expected an object") }
        if try enterIsEmpty(closedBy: UInt8(ascii: "}")) { return }
        let keyBase = keys.count
        var index = KeyIndex()
        while true {
            guard i < end && p[i] == UInt8(ascii: "\"") else { throw unexpected("expected a string key") }
            let key = try key()
            if position(of: key, from: keyBase, index: &index) != nil { throw Self.streamedDuplicate }
            keys.append(key)
            try colon()
            try member(&self, key.name)
            if try !nextMember() { break }
        }
        Self.cut(&keys, to: keyBase)
        depth -= 1
    }

    /// Reads the array at `i` element by element: `element` is called with the cursor at each
    /// element and must read it. The grammar, the depth limit and the errors are `array()`'s.
    package mutating func streamArray(_ element: (inout Self) throws(JSONParseError) -> Void) throws(JSONParseError) {
        guard i < end && p[i] == UInt8(ascii: "[") else { throw unexpected("expected an array") }
        if try enterIsEmpty(closedBy: UInt8(ascii: "]")) { return }
        while true {
            try element(&self)
            if try !nextElement() { break }
        }
        depth -= 1
    }

    /// Enters the container whose opening bracket is at `i`; true when it is empty (its
    /// closing bracket read and the depth back).
    @inline(__always)
    package mutating func enterIsEmpty(closedBy close: UInt8) throws(JSONParseError) -> Bool {
        try enterContainer()
        i += 1
        skipWhitespace()
        guard i < end && p[i] == close else { return false }
        i += 1
        depth -= 1
        return true
    }

    /// The `:` after an object key, with the whitespace around it.
    @inline(__always)
    package mutating func colon() throws(JSONParseError) {
        skipWhitespace()
        guard i < end && p[i] == UInt8(ascii: ":") else { throw unexpected("expected ':' after object key") }
        i += 1
        skipWhitespace()
    }

    /// After an object member: true at `,` (another member follows), false at the closing `}`.
    @inline(__always)
    package mutating func nextMember() throws(JSONParseError) -> Bool {
        try next(close: UInt8(ascii: "}"), "expected ',' or '}' after object member")
    }

    /// After an array element: true at `,`, false at the closing `]`.
    @inline(__always)
    package mutating func nextElement() throws(JSONParseError) -> Bool {
        try next(close: UInt8(ascii: "]"), "expected ',' or ']' after array element")
    }

    @inline(__always)
    package mutating func next(close: UInt8, _ expectation: String) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard i < end else { throw unexpected(expectation) }
        let c = p[i]
        i += 1
        if c == UInt8(ascii: ",") {
            skipWhitespace()
            return true
        }
        if c == close { return false }
        i -= 1
        throw unexpected(expectation)
    }

    /// Thrown by `streamObject` at a repeated key; never reported (see there).
    package static let streamedDuplicate = JSONParseError(.invalidJSON, offset: -1, "repeated key in a streamed object")

    /// True when the next byte is `c` (the cursor does not move).
    @inline(__always)
    package func at(_ c: UInt8) -> Bool { i < end && p[i] == c }

    /// True when only whitespace is left.
    package mutating func atEnd() -> Bool {
        skipWhitespace()
        return i == end
    }

    /// The values from `base` to the top of the stack, moved (not copied) into an array of
    /// their own, and the stack cut back to `base`. A copy would retain every string and
    /// container once and release it again when the stack is cut; the moved-from slots hold
    /// `.null`, which costs nothing to destroy.
    @inline(__always)
    package mutating func takeValues(from base: Int) -> [JSONValue] {
        let n = values.count - base
        // Sized by `reserveCapacity`, whose allocation is specialized here: the initializers
        // that take a count (`repeating:`, `unsafeUninitializedCapacity:`) call a generic
        // allocator that looks the array's type up, under a lock, on every call (4% of a
        // conversion).
        var taken = [JSONValue]()
        taken.reserveCapacity(n)
        values.withUnsafeMutableBufferPointer { stack in
            let first = stack.baseAddress! + base
            for k in 0..<n { taken.append((first + k).move()) }
            first.initialize(repeating: .null, count: n)
        }
        Self.cut(&values, to: base)
        return taken
    }

    /// The names of the keys from `base` up, moved out as `takeValues` moves values.
    @inline(__always)
    package mutating func takeKeys(from base: Int) -> [String] {
        let n = keys.count - base
        var names = [String]()
        names.reserveCapacity(n)
        keys.withUnsafeMutableBufferPointer { stack in
            let first = stack.baseAddress! + base
            for k in 0..<n {
                names.append((first + k).move().name)
                (first + k).initialize(to: PendingKey(name: "", tag: 0))
            }
        }
        Self.cut(&keys, to: base)
        return names
    }

    /// Cuts a stack back to `count` elements. `removeSubrange` destroys them through the
    /// runtime's generic array destroy, a call per element; this loop is specialized.
    @inline(__always)
    package static func cut<T>(_ stack: inout [T], to count: Int) {
        while stack.count > count { stack.removeLast() }
    }

    package mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth { throw JSONParseError(.nestingTooDeep, offset: i, "nesting too deep") }
    }

    // MARK: Scalars

    /// Validates a number against the RFC 8259 grammar and keeps its exact text.
    package mutating func number() throws(JSONParseError) -> JSONNumber {
        let start = i
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < end, isDigit(p[i]) else { throw unexpected("expected a digit") }
        if p[i] == UInt8(ascii: "0") {
            i += 1
            if i < end && isDigit(p[i]) { throw JSONParseError(.invalidJSON, offset: i, "leading zero in number") }
        } else {
            skipDigits()
        }
        if i < end && p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < end, isDigit(p[i]) else { throw unexpected("expected a digit after '.'") }
            skipDigits()
        }
        if i < end && p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < end, isDigit(p[i]) else { throw unexpected("expected a digit in exponent") }
            skipDigits()
        }
        return JSONNumber(uncheckedText: text(from: start, to: i))
    }

    package mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        let expected = word.utf8Start
        for k in 0..<n {
            guard i + k < end, p[i + k] == expected[k] else {
                i += k
                throw unexpected("invalid literal")
            }
        }
        i += n
    }

    // MARK: Bytes

    @inline(__always)
    package mutating func skipWhitespace() {
        while i < end {
            let c = p[i]
            if c > 0x20 || (c != 0x20 && c != 0x0A && c != 0x0D && c != 0x09) { return }
            i += 1
        }
    }

    @inline(__always)
    package mutating func skipDigits() {
        while i < end && isDigit(p[i]) { i += 1 }
    }

    @inline(__always)
    package func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

    /// Bytes already known to be valid UTF-8 as a String.
    @inline(__always)
    package func text(from start: Int, to stop: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + start, count: stop - start), as: UTF8.self)
    }

    /// The error for an unexpected byte at `i` (or the end of input): invalid UTF-8 there takes
    /// precedence over the grammar, and a leading byte order mark gets its own message.
    package func unexpected(_ expectation: String) -> JSONParseError {
        guard i < end else { return JSONParseError(.invalidJSON, offset: end, "unexpected end of input") }
        if p[i] >= 0x80 && ByteScan.utf8SequenceLength(p, i, end) == 0 {
            return JSONParseError(.invalidUTF8, offset: i, "invalid UTF-8")
        }
        if i == 0 && end >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF {
            return JSONParseError(.invalidJSON, offset: 0, "byte order mark is not allowed")
        }
        return JSONParseError(.invalidJSON, offset: i, expectation)
    }
}
}
