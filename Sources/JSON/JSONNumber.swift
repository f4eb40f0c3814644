/// A JSON number kept as its source text, so that values beyond Int64 or Double survive a
/// conversion unchanged. Equality is textual: `1` and `1.0` are different values.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number exactly as written (already checked against the RFC 8259 grammar).
    public let text: String

    /// Wraps text that is known to be a valid JSON number.
    public init(uncheckedText text: String) { self.text = text }

    public init(_ value: Int64) { self.text = String(value) }

    public init(_ value: Int) { self.text = String(value) }

    /// The value when it is an integer that fits Int64 (no fraction, no exponent).
    public var int64: Int64? { Int64(text) }

    /// The nearest Double; may round for long mantissas.
    public var double: Double? { Double(text) }

    public var isInteger: Bool { !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") } }

    public var description: String { text }

    /// Checks `text` against the RFC 8259 number grammar.
    public static func isValid<S: StringProtocol>(_ text: S) -> Bool {
        var it = text.utf8.makeIterator()
        var c = it.next()
        if c == UInt8(ascii: "-") { c = it.next() }
        guard let first = c, isDigit(first) else { return false }
        c = it.next()
        if first != UInt8(ascii: "0") {
            while let d = c, isDigit(d) { c = it.next() }
        }
        if c == UInt8(ascii: ".") {
            c = it.next()
            guard let d = c, isDigit(d) else { return false }
            while let d = c, isDigit(d) { c = it.next() }
        }
        if let e = c, e | 0x20 == UInt8(ascii: "e") {
            c = it.next()
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { c = it.next() }
            guard let d = c, isDigit(d) else { return false }
            while let d = c, isDigit(d) { c = it.next() }
        }
        return c == nil
    }

    @inline(__always) package static func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }
}
