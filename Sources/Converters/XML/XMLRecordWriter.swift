import JSON
import Schemas

/// Writes JSON values as record elements of the XML container (see `XMLMapping`) with
/// libxml2's `xmlTextWriter`, one record a line, into the caller's output buffer.
final class XMLRecordWriter {
    private let writer = XMLTextWriter()
    private var parser = JSONParser(maxDepth: 1024)

    /// Appends the record element of the JSON value in `json` to `out`. Writers produce valid
    /// JSON, so a parse failure is a bug: the value is then written as an escaped string, never
    /// dropped.
    func write(json: [UInt8], to out: inout [UInt8]) {
        // Untyped closure: a typed-throws one crashes Swift 6.3.1 (DEVELOPERS.md).
        let parsed = try? json.withUnsafeBytes { raw in try parser.parse(raw) }
        let value = parsed ?? .string(String(decoding: json, as: UTF8.self))
        element(value, name: nil)
        writer.take(into: &out)
        out.append(JSONByte.lf)
    }

    private func element(_ value: JSONValue, name: String?) {
        let kind: XMLMapping.Kind
        switch value {
        case .null: kind = .null
        case .bool: kind = .boolean
        case .number: kind = .number
        case .string: kind = .string
        case .array: kind = .array
        case .object: kind = .object
        }
        var escaped = name.map(XMLMapping.needsEscape) ?? false
        if case .string(let text) = value, XMLMapping.needsEscape(text) { escaped = true }
        writer.startElement(kind.cName)
        if let name { writer.attribute(Self.nameAttribute, escaped ? XMLMapping.escape(name) : name) }
        if escaped { writer.attribute(Self.escapedAttribute, "true") }
        switch value {
        case .null: break
        case .bool(let b): writer.text(b ? "true" : "false")
        case .number(let n): writer.text(n.text)
        case .string(let s): writer.text(escaped ? XMLMapping.escape(s) : s)
        case .array(let elements):
            for element in elements { self.element(element, name: nil) }
        case .object(let object):
            for (key, member) in object.entries { element(member, name: key) }
        }
        writer.endElement()
    }

    private static let nameAttribute = XMLMapping.nameAttribute + [0]
    private static let escapedAttribute = XMLMapping.escapedAttribute + [0]
}
