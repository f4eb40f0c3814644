import JSON
import CLibXML2

/// libxml2's version, for `etl --version` and bug reports.
public var libxml2VersionString: String { LIBXML_DOTTED_VERSION }

/// The only file that touches libxml2: a pull parser over `xmlTextReader` fed from a
/// `ByteSource`, and a text writer over `xmlTextWriter` into a memory buffer.
///
/// Hardening: the reader is created with `XML_PARSE_NONET` and nothing else (no `NOENT`, so
/// entities are never substituted; no `DTDLOAD`/`DTDATTR`/`DTDVALID`, so no external subset is
/// fetched; no `HUGE`, so libxml2 keeps its limits: 10 MB text nodes, 256 levels); the external
/// entity loader refuses everything; a DOCTYPE stops the stream (`XMLFrameReader`).
final class XMLPullParser {
    enum Node: Int32 {
        case element = 1, text = 3, cdata = 4, entityReference = 5, processingInstruction = 7,
             comment = 8, documentType = 10, whitespace = 13, significantWhitespace = 14,
             endElement = 15, other = -1
    }

    /// The first error libxml2 reported, with its position.
    struct ParseError {
        var message: String
        var line: Int
        var column: Int
    }

    private var reader: xmlTextReaderPtr?
    private let feed: Feed
    private(set) var error: ParseError?

    /// `prefix`: bytes already read from `source` (container detection), served first.
    init(source: any ByteSource, prefix: [UInt8]) {
        Self.refuseExternalEntities
        feed = Feed(source: source, prefix: prefix)
        let context = Unmanaged.passUnretained(feed).toOpaque()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)
        reader = xmlReaderForIO(Self.readCallback, nil, context, nil, nil, options)
        if let reader {
            xmlTextReaderSetStructuredErrorHandler(reader, Self.errorCallback, Unmanaged.passUnretained(self).toOpaque())
        }
    }

    deinit {
        if let reader { xmlFreeTextReader(reader) }
    }

    /// A read fault of the source itself (corrupt gzip), which outranks libxml2's view of it.
    var sourceFault: InputFault? { feed.fault }
    /// Bytes read from the source, prefix included.
    var bytesRead: Int64 { feed.bytesRead }

    /// Moves to the next node: true, or false at the end of the document. Throws nothing:
    /// a failure is `error` (or `sourceFault`) set and false returned, with `failed` true.
    private(set) var failed = false

    func read() -> Bool {
        guard let reader, !failed else {
            failed = true
            return false
        }
        let status = xmlTextReaderRead(reader)
        // `feed.faulted`, not `feed.fault != nil`: that copied the optional fault through a
        // generic witness on every node (4% of reading XML).
        if status < 0 || error != nil || feed.faulted {
            failed = true
            if error == nil { error = ParseError(message: "not well-formed XML", line: line, column: column) }
            return false
        }
        return status == 1
    }

    var node: Node { reader.map { Node(rawValue: xmlTextReaderNodeType($0)) ?? .other } ?? .other }
    var rawNodeType: Int32 { reader.map { xmlTextReaderNodeType($0) } ?? -1 }
    var depth: Int { reader.map { Int(xmlTextReaderDepth($0)) } ?? 0 }
    var isEmptyElement: Bool { reader.map { xmlTextReaderIsEmptyElement($0) == 1 } ?? false }
    /// The line of the current node's start (exact, unlike the parser's position).
    var nodeLine: Int {
        guard let reader, let node = xmlTextReaderCurrentNode(reader) else { return line }
        let number = Int(xmlGetLineNo(node))
        return number > 0 ? number : line
    }
    var line: Int { reader.map { Int(xmlTextReaderGetParserLineNumber($0)) } ?? 0 }
    var column: Int { reader.map { Int(xmlTextReaderGetParserColumnNumber($0)) } ?? 0 }
    /// libxml2's parse position in the stream (it parses a little ahead of the current node).
    var byteOffset: Int64 { reader.map { Int64(xmlTextReaderByteConsumed($0)) } ?? 0 }

    /// The current node's qualified name, without copying: valid until the next move.
    var name: UnsafeRawBufferPointer { Self.buffer(reader.flatMap { xmlTextReaderConstName($0) }) }
    /// The current text node's (or attribute's) value, without copying.
    var value: UnsafeRawBufferPointer { Self.buffer(reader.flatMap { xmlTextReaderConstValue($0) }) }

    /// Calls `body` with each attribute's name and value, then returns to the element.
    func forEachAttribute(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) {
        guard let reader, xmlTextReaderHasAttributes(reader) == 1 else { return }
        var more = xmlTextReaderMoveToFirstAttribute(reader) == 1
        while more {
            body(name, value)
            more = xmlTextReaderMoveToNextAttribute(reader) == 1
        }
        xmlTextReaderMoveToElement(reader)
    }

    private static func buffer(_ pointer: UnsafePointer<xmlChar>?) -> UnsafeRawBufferPointer {
        guard let pointer else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: Int(xmlStrlen(pointer)))
    }

    /// Serves the prefix, then the source; keeps the source's fault for the reader to rethrow.
    private final class Feed {
        let source: any ByteSource
        var prefix: [UInt8]
        var prefixUsed = 0
        var bytesRead: Int64 = 0
        var fault: InputFault?
        private(set) var faulted = false

        init(source: any ByteSource, prefix: [UInt8]) {
            self.source = source
            self.prefix = prefix
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) -> Int32 {
            if prefixUsed < prefix.count {
                let count = min(buffer.count, prefix.count - prefixUsed)
                prefix.withUnsafeBytes { raw in
                    guard let from = raw.baseAddress else { return }
                    buffer.baseAddress?.copyMemory(from: from + prefixUsed, byteCount: count)
                }
                prefixUsed += count
                if prefixUsed == prefix.count {
                    prefix = []
                    prefixUsed = 0
                }
                return Int32(count)
            }
            do {
                let count = try source.read(into: buffer)
                bytesRead += Int64(count)
                return Int32(count)
            } catch {
                fault = error
                faulted = true
                return -1
            }
        }
    }

    private static let readCallback: xmlInputReadCallback = { context, buffer, length in
        guard let context, let buffer, length > 0 else { return -1 }
        let feed = Unmanaged<Feed>.fromOpaque(context).takeUnretainedValue()
        return feed.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length)))
    }

    private static let errorCallback: xmlStructuredErrorFunc = { context, error in
        guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let parser = Unmanaged<XMLPullParser>.fromOpaque(context).takeUnretainedValue()
        guard parser.error == nil else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "XML error"
        message = String(message.map { $0 == "\n" ? " " : $0 })
        while message.last == " " { message.removeLast() }
        parser.error = ParseError(message: message, line: Int(error.pointee.line), column: Int(error.pointee.int2))
    }

    /// No entity, DTD or XInclude is ever loaded from a file or the network.
    private static let refuseExternalEntities: Void = {
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()
}
