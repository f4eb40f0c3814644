/// How records are laid out in an input stream.
public enum Container: String, CaseIterable, Sendable {
    case ndjson
    case json
    /// A Braze export response `{"message": ..., "users": [...], "invalid_user_ids": [...]}`.
    case usersEnvelope = "users-envelope"
    /// A Braze track request body `{"attributes": [...], "events": [...], "purchases": [...]}`.
    case attributesEnvelope = "attributes-envelope"
    /// Record elements inside a root element (`XMLMapping`), read by `XMLRecordReader`.
    case xml

    /// The container a file name asks for (`.xml`, `.xml.gz`), nil when it does not.
    public static func implied(byName path: String) -> Container? {
        path.hasSuffix(".xml") || path.hasSuffix(".xml.gz") ? .xml : nil
    }

    /// Detection reads at most this many bytes, then settles for `ndjson`.
    public static let detectionLimit = 64 * 1024

    public func makeFramer() -> any Framer {
        switch self {
        case .ndjson: NDJSONFramer()
        case .json: JSONArrayFramer()
        case .usersEnvelope: EnvelopeFramer(recordsKey: "users")
        case .attributesEnvelope: EnvelopeFramer(recordsKey: "attributes")
        // Never framed: `RecordReader` hands an XML stream to `XMLRecordReader`.
        case .xml: NDJSONFramer()
        }
    }

    /// The container of a stream starting with `prefix`, or nil when the prefix does not tell
    /// yet (`atEnd`: the prefix is the whole stream). See `ContainerDetector`.
    public static func detect(_ prefix: UnsafeRawBufferPointer, atEnd: Bool) -> Container? {
        var detector = ContainerDetector()
        if let container = detector.feed(prefix) { return container }
        return atEnd ? detector.finish() : nil
    }

    /// 3 for a UTF-8 byte order mark, 0 for none, nil when the prefix is too short to tell.
    static func byteOrderMarkLength(_ prefix: UnsafeRawBufferPointer) -> Int? {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        for i in 0..<3 {
            guard i < prefix.count else { return nil }
            if prefix[i] != mark[i] { return 0 }
        }
        return 3
    }
}
