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
        var copy = String(text)
        return copy.withUTF8 { isValid(utf8: $0) }
    }

    /// Checks UTF-8 bytes against the RFC 8259 number grammar (anything not ASCII fails).
    public static func isValid(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        if i < n && b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n, isDigit(b[i]) else { return false }
        let first = b[i]
        i += 1
        if first != UInt8(ascii: "0") {
            while i < n && isDigit(b[i]) { i += 1 }
        }
        if i < n && b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, isDigit(b[i]) else { return false }
            while i < n && isDigit(b[i]) { i += 1 }
        }
        if i < n && b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < n, isDigit(b[i]) else { return false }
            while i < n && isDigit(b[i]) { i += 1 }
        }
        return i == n
    }

    @inline(__always) package static func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }
}
