/// Why a JSON text was refused. The code is what a reject reports; the message is a short fixed
/// phrase (never input bytes), and the offset is where in the parsed buffer the problem was seen.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidJSON = "invalid_json"
        case invalidUTF8 = "invalid_utf8"
        case nestingTooDeep = "nesting_too_deep"
    }

    public var code: Code
    /// Byte offset in the parsed buffer; equal to its length when the input ended too early.
    public var offset: Int
    public var message: String

    public init(_ code: Code, offset: Int, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    public var description: String { "byte \(offset): \(message) [\(code.rawValue)]" }
}
