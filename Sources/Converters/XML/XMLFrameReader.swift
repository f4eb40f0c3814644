import JSON
import Schemas

/// Reads an XML container record by record (see `XMLMapping`): each child element of the
/// root is one record, turned into the JSON bytes of its value and handed out as a `Frame`, so
/// that every format reader works on XML unchanged. Streams with libxml2's reader: memory holds
/// one record's JSON (at most `maxRecordBytes` of it) and libxml2's current node.
///
/// A document fault (not well-formed, truncated, a DOCTYPE, an entity reference, invalid
/// UTF-8, libxml2's limits) is an `InputFault`; a record element that breaks the mapping is a
/// frame carrying its reject (`invalid_xml`), whose bytes are the JSON read up to the fault.
final class XMLFrameReader {
    private let parser: XMLPullParser
    private let maxRecordBytes: Int
    private let maxDepth: Int
    /// Stream offset of the first byte fed to libxml2 (a byte order mark is skipped before).
    private let baseOffset: Int64
    /// The current record's JSON; its storage is reused from record to record.
    private var json: RecordJSON
    private var recordNumber = 0
    private var started = false
    private var finished = false

    init(source: any ByteSource, prefix: [UInt8], baseOffset: Int64, maxRecordBytes: Int, maxDepth: Int) {
        parser = XMLPullParser(source: source, prefix: prefix)
        self.baseOffset = baseOffset
        self.maxRecordBytes = maxRecordBytes
        self.maxDepth = maxDepth
        json = RecordJSON(limit: maxRecordBytes)
    }

    /// Decompressed bytes read from the source by libxml2 (the prefix is counted by its owner).
    var sourceBytesRead: Int64 { parser.bytesRead }

    func next() throws(InputFault) -> Frame? {
        if finished { return nil }
        if !started {
            started = true
            try moveToRoot()
            if finished { return nil }
        }
        // Between records: children of the root.
        while true {
            try read()
            switch parser.node {
            case .element:
                guard parser.depth == 1 else { throw fault("unexpected element") }
                return try record()
            case .endElement:
                try expectEnd()
                finished = true
                return nil
            case .text, .cdata:
                if !XMLMapping.isWhitespace(parser.value) { throw fault("text between records") }
            default:
                try checkOther()
            }
        }
    }

    private func moveToRoot() throws(InputFault) {
        while true {
            try read(atStart: true)
            switch parser.node {
            case .element:
                if parser.isEmptyElement {
                    try expectEnd()
                    finished = true
                }
                return
            default:
                try checkOther()
            }
        }
    }

    /// After the root: only comments, processing instructions and whitespace until the end.
    private func expectEnd() throws(InputFault) {
        while parser.read() {
            switch parser.node {
            case .text, .cdata:
                if !XMLMapping.isWhitespace(parser.value) { throw fault("text after the root element") }
            default:
                try checkOther()
            }
        }
        if parser.failed { throw documentFault() }
    }

    private func checkOther() throws(InputFault) {
        switch parser.node {
        case .comment, .processingInstruction, .whitespace, .significantWhitespace: return
        case .documentType: throw fault("a DOCTYPE is not accepted in XML input (no DTDs, no entities)")
        case .entityReference: throw fault("entity references are not accepted in XML input")
        default: throw fault("unexpected XML node")
        }
    }

    /// Reads the record element the parser is on.
    private func record() throws(InputFault) -> Frame {
        recordNumber += 1
        let offset = baseOffset + parser.byteOffset
        let line = parser.nodeLine
        var out = RecordJSON(limit: maxRecordBytes)
        swap(&out, &json)
        out.reset()
        defer { swap(&out, &json) }
        var reject: Reject?
        do throws(XMLMapping.RecordError) {
            try value(depth: 1, member: false, into: &out)
        } catch {
            switch error {
            case .document: throw documentFault()
            case .fault(let message): throw fault(message)
            case .record(let code, let message):
                reject = Reject(code, "\(message) (line \(parser.nodeLine); record at line \(line))")
                try skipRecord()
            }
        }
        let oversized = out.isOversized
        var frame = Frame(bytes: UnsafeRawBufferPointer(start: nil, count: 0), number: recordNumber, offset: offset,
                          length: Int64(out.length), isOversized: reject == nil && oversized)
        frame.rejectReason = reject
        frame.line = line
        // The bytes stay valid until the next record: the buffer goes back to `json` unchanged.
        frame.bytes = out.bytes.withUnsafeBytes { UnsafeRawBufferPointer(start: $0.baseAddress, count: min($0.count, oversized ? Frame.prefixLength : $0.count)) }
        return frame
    }

    /// Skips the rest of a rejected record: to the end of its depth-1 element.
    private func skipRecord() throws(InputFault) {
        if parser.depth == 1 && (parser.node == .endElement || (parser.node == .element && parser.isEmptyElement)) { return }
        while true {
            try read()
            if parser.depth == 1 && parser.node == .endElement { return }
            if parser.node == .documentType || parser.node == .entityReference { try checkOther() }
        }
    }

    /// Writes the value of the element the parser is on; returns on its end.
    private func value(depth: Int, member: Bool, into out: inout RecordJSON) throws(XMLMapping.RecordError) {
        guard depth <= maxDepth + 1 else { throw .record(.nestingTooDeep, "values nested deeper than \(maxDepth) levels") }
        guard let kind = XMLMapping.Kind(name: parser.name) else {
            throw .record(.invalidXML, "element <\(String(decoding: parser.name, as: UTF8.self))> is not a JSON value element")
        }
        var escaped = false
        var hasName = false
        var attributeError: String?
        parser.forEachAttribute { name, value in
            if XMLMapping.equals(name, XMLMapping.nameAttribute) {
                hasName = true
            } else if XMLMapping.equals(name, XMLMapping.escapedAttribute) && XMLMapping.equals(value, XMLMapping.trueText) {
                escaped = true
            } else {
                attributeError = "unexpected attribute \(String(decoding: name, as: UTF8.self))"
            }
        }
        if let attributeError { throw .record(.invalidXML, attributeError) }
        if hasName != member {
            throw .record(.invalidXML, member ? "an object member without a name attribute" : "a name attribute outside an object")
        }
        if member {
            var keyError = false
            parser.forEachAttribute { name, value in
                if XMLMapping.equals(name, XMLMapping.nameAttribute) {
                    if escaped && !XMLMapping.isEscapedText(value) { keyError = true }
                    out.emitString(value, escaped: escaped)
                }
            }
            if keyError { throw .record(.invalidXML, "an escaped name that is not a JSON string body") }
            out.emit(JSONByte.colon)
        }
        let empty = parser.isEmptyElement
        switch kind {
        case .object, .array:
            out.emit(kind == .object ? JSONByte.openCurly : JSONByte.openSquare)
            if escaped { throw .record(.invalidXML, "escaped applies to strings and names only") }
            var first = true
            while !empty {
                try step()
                switch parser.node {
                case .element:
                    if !first { out.emit(JSONByte.comma) }
                    first = false
                    try value(depth: depth + 1, member: kind == .object, into: &out)
                case .endElement:
                    out.emit(kind == .object ? JSONByte.closeCurly : JSONByte.closeSquare)
                    return
                case .whitespace, .significantWhitespace:
                    break
                case .text, .cdata:
                    if !XMLMapping.isWhitespace(parser.value) { throw .record(.invalidXML, "text inside <\(kind.rawValue)>") }
                default:
                    try other()
                }
            }
            out.emit(kind == .object ? JSONByte.closeCurly : JSONByte.closeSquare)
        case .string:
            out.emit(JSONByte.quote)
            while !empty {
                try step()
                switch parser.node {
                case .text, .cdata, .whitespace, .significantWhitespace:
                    if escaped && !XMLMapping.isEscapedText(parser.value) {
                        throw .record(.invalidXML, "escaped text that is not a JSON string body")
                    }
                    out.emitText(parser.value, escaped: escaped)
                case .endElement:
                    out.emit(JSONByte.quote)
                    return
                case .element:
                    throw .record(.invalidXML, "an element inside <string>")
                default:
                    try other()
                }
            }
            out.emit(JSONByte.quote)
        case .number, .boolean, .null:
            if escaped { throw .record(.invalidXML, "escaped applies to strings and names only") }
            let start = out.bytes.count
            let startLength = out.length
            while !empty {
                try step()
                switch parser.node {
                case .text, .cdata, .whitespace, .significantWhitespace:
                    out.emitText(parser.value, escaped: true)
                case .endElement:
                    try checkScalar(kind, from: start, startLength: startLength, in: &out)
                    return
                case .element:
                    throw .record(.invalidXML, "an element inside <\(kind.rawValue)>")
                default:
                    try other()
                }
            }
            try checkScalar(kind, from: start, startLength: startLength, in: &out)
        }
    }

    private func checkScalar(_ kind: XMLMapping.Kind, from start: Int, startLength: Int, in out: inout RecordJSON) throws(XMLMapping.RecordError) {
        if kind == .null {
            guard out.length == startLength else { throw .record(.invalidXML, "text inside <null>") }
            for byte in XMLMapping.nullText { out.emit(byte) }
            return
        }
        // A value over the size limit is not kept: the record is rejected as too large anyway.
        guard out.bytes.count - start == out.length - startLength else { return }
        let ok = out.bytes.withUnsafeBytes { raw in
            let text = UnsafeRawBufferPointer(rebasing: raw[start...])
            return kind == .number ? XMLMapping.isJSONNumber(text)
                : XMLMapping.equals(text, XMLMapping.trueText) || XMLMapping.equals(text, XMLMapping.falseText)
        }
        if !ok {
            throw .record(.invalidXML, kind == .number ? "number text that is not a JSON number" : "boolean text that is not true or false")
        }
    }

    private func other() throws(XMLMapping.RecordError) {
        switch parser.node {
        case .comment, .processingInstruction: return
        case .documentType: throw .fault("a DOCTYPE is not accepted in XML input (no DTDs, no entities)")
        case .entityReference: throw .fault("entity references are not accepted in XML input")
        default: throw .fault("unexpected XML node (type \(parser.rawNodeType))")
        }
    }

    /// One node forward inside a record; a document fault ends the record walk.
    private func step() throws(XMLMapping.RecordError) {
        guard parser.read() else { throw .document }
    }

    private func read(atStart: Bool = false) throws(InputFault) {
        guard parser.read() else {
            if parser.failed { throw documentFault() }
            throw fault(atStart ? "no root element" : "the document ends inside its root element")
        }
    }

    // MARK: faults

    private func fault(_ message: String) -> InputFault {
        InputFault(.invalidXML, "\(message) (line \(parser.nodeLine))",
                   offset: baseOffset + parser.byteOffset, record: recordNumber > 0 ? recordNumber : nil)
    }

    private func documentFault() -> InputFault {
        if let fault = parser.sourceFault { return fault }
        let error = parser.error ?? .init(message: "not well-formed XML", line: parser.line, column: parser.column)
        return InputFault(.invalidXML, "\(error.message) (line \(error.line), column \(error.column))",
                          offset: baseOffset + parser.byteOffset, record: recordNumber > 0 ? recordNumber : nil)
    }
}
