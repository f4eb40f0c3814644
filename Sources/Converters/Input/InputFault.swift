import JSON
/// A fatal fault in an input stream: the run stops, nothing is published, exit status 65.
/// Record-level problems are never faults; they are rejects (`RejectCode`).
public struct InputFault: Error, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case readFailed = "read_failed"
        case corruptGzip = "corrupt_gzip"
        case truncatedGzip = "truncated_gzip"
        case trailingGarbage = "trailing_garbage"
        case truncatedJSON = "truncated_json"
        case invalidFraming = "invalid_framing"
        case invalidUTF8 = "invalid_utf8"
        /// Not well-formed XML, a DOCTYPE, or one of libxml2's limits (see `XMLPullParser`).
        case invalidXML = "invalid_xml"
    }

    public var code: Code
    public var message: String
    /// Byte offset of the fault: in the compressed file for gzip faults, otherwise in the
    /// decompressed stream.
    public var offset: Int64
    /// Set by the pipeline, which knows them; the layers below do not.
    public var file: String?
    public var record: Int?
    /// The line the fault is on, for line-based containers (NDJSON) and XML.
    public var line: Int?
    /// True when `offset` counts bytes of the gzip file, not of the decompressed stream.
    public var inCompressedFile: Bool

    public init(_ code: Code, _ message: String, offset: Int64, file: String? = nil, record: Int? = nil,
                inCompressedFile: Bool = false) {
        self.inCompressedFile = inCompressedFile
        self.code = code
        self.message = message
        self.offset = offset
        self.file = file
        self.record = record
    }

    public var description: String {
        var s = "\(file ?? "<input>"): "
        if let record { s += "record \(record), " }
        if let line { s += "line \(line), " }
        switch code {
        case .readFailed: break
        default: s += inCompressedFile ? "gzip byte \(offset): " : "byte \(offset): "
        }
        s += "\(message) [\(code.rawValue)]"
        return s
    }
}
