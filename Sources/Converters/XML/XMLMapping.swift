import JSON
/// The lossless mapping between JSON values and XML elements, after IBM's JSONx:
///
///     <?xml version="1.0" encoding="UTF-8"?>
///     <records>
///     <object><string name="user_id">u1</string><number name="n">1.50</number><boolean name="b">true</boolean><null name="z"/><array name="a"><string/></array><object name="o"/></object>
///     </records>
///
/// - The root element (any name; `records` when written) holds one element per record.
/// - A value is `<object>`, `<array>`, `<string>`, `<number>`, `<boolean>` or `<null/>`;
///   elements in an object carry their key in a `name` attribute (any string, empty included),
///   elements elsewhere carry none. Key order is element order.
/// - A number keeps its exact JSON text; a boolean's text is `true` or `false`; an empty string
///   is `<string/>`, an empty object `<object/>`.
/// - Text and names that XML 1.0 cannot hold (C0 controls other than tab, LF and CR, U+FFFE,
///   U+FFFF) are written with `escaped="true"` on the element: the element's `name` and string
///   text are then JSON string bodies (`\u0001`, `\\`, `\"`).
/// - Comments, processing instructions and whitespace between elements are ignored; any other
///   attribute, element or text is a reject (`invalid_xml`).
enum XMLMapping {
    enum Kind: String {
        case object, array, string, number, boolean, null

        /// The element a JSON value is written as.
        init(of value: JSONValue) {
            switch value {
            case .null: self = .null
            case .bool: self = .boolean
            case .number: self = .number
            case .string: self = .string
            case .array: self = .array
            case .object: self = .object
            }
        }

        init?(name: UnsafeRawBufferPointer) {
            for kind in [Kind.object, .array, .string, .number, .boolean, .null] where equals(name, kind.bytes) {
                self = kind
                return
            }
            return nil
        }

        var bytes: [UInt8] {
            switch self {
            case .object: XMLMapping.objectName
            case .array: XMLMapping.arrayName
            case .string: XMLMapping.stringName
            case .number: XMLMapping.numberName
            case .boolean: XMLMapping.booleanName
            case .null: XMLMapping.nullName
            }
        }

        /// The name with a NUL, for libxml2; made once, not for every element written.
        var cName: [UInt8] {
            switch self {
            case .object: Self.cNames.object
            case .array: Self.cNames.array
            case .string: Self.cNames.string
            case .number: Self.cNames.number
            case .boolean: Self.cNames.boolean
            case .null: Self.cNames.null
            }
        }
        private static let cNames = (
            object: Kind.object.bytes + [0], array: Kind.array.bytes + [0], string: Kind.string.bytes + [0],
            number: Kind.number.bytes + [0], boolean: Kind.boolean.bytes + [0], null: Kind.null.bytes + [0])
    }

    enum RecordError: Error {
        /// The record breaks the mapping: it is rejected, the stream goes on.
        case record(RejectCode, String)
        /// The document is not well-formed: libxml2 said why.
        case document
        /// The document holds what etl refuses (a DOCTYPE).
        case fault(String)
    }

    static let objectName = Array("object".utf8)
    static let arrayName = Array("array".utf8)
    static let stringName = Array("string".utf8)
    static let numberName = Array("number".utf8)
    static let booleanName = Array("boolean".utf8)
    static let nullName = Array("null".utf8)
    static let nameAttribute = Array("name".utf8)
    static let escapedAttribute = Array("escaped".utf8)
    static let trueText = Array("true".utf8)
    static let falseText = Array("false".utf8)
    static let nullText = Array("null".utf8)
    static let hex = Array("0123456789abcdef".utf8)

    static let prologue = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n".utf8)
    static let epilogue = Array("</records>\n".utf8)

    static func equals(_ bytes: UnsafeRawBufferPointer, _ name: [UInt8]) -> Bool {
        guard bytes.count == name.count else { return false }
        for i in 0..<name.count where bytes[i] != name[i] { return false }
        return true
    }

    static func isWhitespace(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// True when the element of `value`, named `name` in an object, needs `escaped="true"`.
    static func needsEscape(_ value: JSONValue, name: String?) -> Bool {
        if let name, needsEscape(name) { return true }
        if case .string(let text) = value { return needsEscape(text) }
        return false
    }

    /// True when `text` needs `escaped="true"`: it holds a character XML 1.0 cannot.
    static func needsEscape(_ text: String) -> Bool {
        // Nearly every text is printable ASCII: settle that with one pass over its bytes.
        let printable = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 &- 0x20 < 0x5F }
        }
        if printable == true { return false }
        var utf8 = text.utf8.makeIterator()
        var previous: (UInt8, UInt8) = (0, 0)
        while let byte = utf8.next() {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            if (byte == 0xBE || byte == 0xBF) && previous == (0xEF, 0xBF) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    /// `text` as a JSON string body, without quotes.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        JSONWriter.writeString(text, to: &out)
        var body = ""
        for scalar in String(decoding: out.dropFirst().dropLast(), as: UTF8.self).unicodeScalars {
            switch scalar.value {
            case 0xFFFE: body += "\\ufffe"
            case 0xFFFF: body += "\\uffff"
            default: body.unicodeScalars.append(scalar)
            }
        }
        return body
    }

    /// A valid JSON string body: no raw quote or control character, only JSON's escapes.
    static func isEscapedText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == JSONByte.quote || byte < 0x20 { return false }
            if byte == JSONByte.backslash {
                guard i + 1 < bytes.count else { return false }
                switch bytes[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 6 <= bytes.count else { return false }
                    for j in i + 2..<i + 6 where !isHexDigit(bytes[j]) { return false }
                    i += 6
                default:
                    return false
                }
            } else {
                i += 1
            }
        }
        return true
    }

    /// RFC 8259's number grammar.
    static func isJSONNumber(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < bytes.count && bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count else { return false }
        if bytes[i] == 0x30 {
            i += 1
        } else if digits() == 0 {
            return false
        }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        }
        if i < bytes.count && bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            if digits() == 0 { return false }
        }
        return i == bytes.count
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
