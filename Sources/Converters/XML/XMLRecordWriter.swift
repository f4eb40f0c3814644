import JSON
import Schemas

/// Writes JSON values as record elements of the XML container (see `XMLMapping`), one record a
/// line, straight into the caller's output buffer. The bytes are those libxml2's
/// `xmlTextWriter` wrote for the same calls (it wrote them until 2026-11; `XMLOutputTests`
/// holds the two together): an element without content closes as `/>`; text escapes
/// `< > & "` and CR; an attribute value also escapes tab and LF, and writes every non-ASCII
/// character as a hexadecimal character reference (`&#xE9;`), as libxml2 does without a
/// document encoding.
final class XMLRecordWriter {
    private var parser = JSONParser(maxDepth: 1024)

    /// Appends the record element of the JSON value in `json` to `out`. Writers produce valid
    /// JSON, so a parse failure is a bug: the value is then written as an escaped string, never
    /// dropped.
    func write(json: [UInt8], to out: inout [UInt8]) {
        // Untyped closure: a typed-throws one crashes Swift 6.3.1 (DEVELOPERS.md).
        let parsed = try? json.withUnsafeBytes { raw in try parser.parse(raw) }
        let value = parsed ?? .string(String(decoding: json, as: UTF8.self))
        Self.element(value, name: nil, to: &out)
        out.append(JSONByte.lf)
    }

    static func element(_ value: JSONValue, name: String?, to out: inout [UInt8]) {
        let kind = XMLMapping.Kind(of: value)
        let escaped = XMLMapping.needsEscape(value, name: name)
        let tag = kind.bytes
        out.append(UInt8(ascii: "<"))
        out.append(contentsOf: tag)
        if let name {
            out.append(contentsOf: nameOpen)
            attributeText(escaped ? XMLMapping.escape(name) : name, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        if escaped { out.append(contentsOf: escapedTrue) }
        switch value {
        case .null:
            out.append(contentsOf: emptyClose)
        case .bool(let b):
            content(b ? "true" : "false", tag, to: &out)
        case .number(let n):
            content(n.text, tag, to: &out)
        case .string(let s):
            content(escaped ? XMLMapping.escape(s) : s, tag, to: &out)
        case .array(let elements):
            guard !elements.isEmpty else { return out.append(contentsOf: emptyClose) }
            out.append(UInt8(ascii: ">"))
            for element in elements { self.element(element, name: nil, to: &out) }
            close(tag, to: &out)
        case .object(let object):
            guard !object.isEmpty else { return out.append(contentsOf: emptyClose) }
            out.append(UInt8(ascii: ">"))
            for (key, member) in object.entries { element(member, name: key, to: &out) }
            close(tag, to: &out)
        }
    }

    /// Text content and the end tag, or `/>` for none.
    private static func content(_ text: String, _ tag: [UInt8], to out: inout [UInt8]) {
        guard !text.isEmpty else { return out.append(contentsOf: emptyClose) }
        out.append(UInt8(ascii: ">"))
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            for i in 0..<bytes.count {
                let entity: StaticString
                switch bytes[i] {
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case 0x0D: entity = "&#13;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                append(entity, to: &out)
                run = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        close(tag, to: &out)
    }

    /// An attribute value's text (without its quotes).
    private static func attributeText(_ text: String, to out: inout [UInt8]) {
        var text = text
        let plain = text.withUTF8 { bytes in
            bytes.allSatisfy { $0 &- 0x20 < 0x5F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "<")
                && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "&") }
        }
        if plain {
            text.withUTF8 { out.append(contentsOf: $0) }
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: append("&#10;", to: &out)
            case 0x0D: append("&#13;", to: &out)
            case 0x09: append("&#9;", to: &out)
            case 0x22: append("&quot;", to: &out)
            case 0x3C: append("&lt;", to: &out)
            case 0x3E: append("&gt;", to: &out)
            case 0x26: append("&amp;", to: &out)
            case 0..<0x80: out.append(UInt8(scalar.value))
            default:
                append("&#x", to: &out)
                out.append(contentsOf: String(scalar.value, radix: 16, uppercase: true).utf8)
                out.append(UInt8(ascii: ";"))
            }
        }
    }

    private static func close(_ tag: [UInt8], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: tag)
        out.append(UInt8(ascii: ">"))
    }

    private static func append(_ s: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    private static let nameOpen = Array(#" name=""#.utf8)
    private static let escapedTrue = Array(#" escaped="true""#.utf8)
    private static let emptyClose = Array("/>".utf8)
}
