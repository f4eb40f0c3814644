import Converters
import JSON
import Schemas

/// A piece of test input: text (as UTF-8) or one raw byte, so that invalid UTF-8 can be
/// written inline: `raw("[\"", 0xFF, "\"]")`.
enum Piece: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case byte(UInt8)
    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: UInt8) { self = .byte(value) }
}

func raw(_ pieces: Piece...) -> [UInt8] {
    var out: [UInt8] = []
    for piece in pieces {
        switch piece {
        case .text(let s): out += Array(s.utf8)
        case .byte(let b): out.append(b)
        }
    }
    return out
}

/// One named input for parameterised tests; the name is what a failure shows.
struct JSONCase: Sendable, CustomStringConvertible {
    let name: String
    let bytes: [UInt8]
    init(_ name: String, _ bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
    init(_ text: String) {
        self.init(text, Array(text.utf8))
    }
    var description: String { name }
}

func parse(_ bytes: [UInt8], maxDepth: Int = 128) -> Result<JSONValue, JSONParseError> {
    var parser = JSONParser(maxDepth: maxDepth)
    return parse(bytes, with: &parser)
}

func parse(_ text: String) -> Result<JSONValue, JSONParseError> {
    parse(Array(text.utf8))
}

func parse(_ bytes: [UInt8], with parser: inout JSONParser) -> Result<JSONValue, JSONParseError> {
    bytes.withUnsafeBytes { buffer in
        Result { () throws(JSONParseError) -> JSONValue in try parser.parse(buffer) }
    }
}

func written(_ value: JSONValue) -> String {
    var out: [UInt8] = []
    JSONWriter.write(value, to: &out)
    return String(decoding: out, as: UTF8.self)
}

func number(_ text: String) -> JSONValue { .number(JSONNumber(uncheckedText: text)) }
