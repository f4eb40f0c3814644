import CLibXML2
import JSON

@testable import Converters

/// The XML container as libxml2's `xmlTextWriter` writes it: what `XMLRecordWriter` wrote
/// before it wrote the bytes itself, kept here as the reference its output is held to
/// (`XMLOutputTests`).
final class LibXMLRecordWriter {
    private let writer = XMLTextWriter()

    func write(_ value: JSONValue, to out: inout [UInt8]) {
        element(value, name: nil)
        writer.take(into: &out)
        out.append(JSONByte.lf)
    }

    private func element(_ value: JSONValue, name: String?) {
        let kind = XMLMapping.Kind(of: value)
        let escaped = XMLMapping.needsEscape(value, name: name)
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

/// `xmlTextWriter` into a memory buffer: elements, attributes and text, escaped by libxml2.
/// `take` moves what was written since the last call to the end of a byte array.
final class XMLTextWriter {
    private let buffer: xmlBufferPtr?
    private let writer: xmlTextWriterPtr?

    init() {
        buffer = xmlBufferCreate()
        writer = buffer.flatMap { xmlNewTextWriterMemory($0, 0) }
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }  // frees nothing of `buffer`
        if let buffer { xmlBufferFree(buffer) }
    }

    /// `name` is NUL-terminated.
    func startElement(_ name: [UInt8]) {
        name.withUnsafeBufferPointer { _ = xmlTextWriterStartElement(writer, $0.baseAddress) }
    }

    /// `name` is NUL-terminated.
    func attribute(_ name: [UInt8], _ value: String) {
        name.withUnsafeBufferPointer { n in
            value.withCString { v in
                _ = xmlTextWriterWriteAttribute(writer, n.baseAddress, UnsafeRawPointer(v).assumingMemoryBound(to: xmlChar.self))
            }
        }
    }

    func text(_ value: String) {
        guard !value.isEmpty else { return }
        value.withCString { v in
            _ = xmlTextWriterWriteString(writer, UnsafeRawPointer(v).assumingMemoryBound(to: xmlChar.self))
        }
    }

    func endElement() {
        _ = xmlTextWriterEndElement(writer)
    }

    func take(into out: inout [UInt8]) {
        _ = xmlTextWriterFlush(writer)
        guard let buffer, let content = xmlBufferContent(buffer) else { return }
        let count = Int(xmlBufferLength(buffer))
        out.append(contentsOf: UnsafeBufferPointer(start: content, count: count))
        xmlBufferEmpty(buffer)
    }
}
