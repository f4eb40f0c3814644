import JSON
/// How records are laid out in an input stream.
public enum Container: String, CaseIterable, Sendable {
    case ndjson
    case json
    /// A Braze export response `{"message": ..., "users": [...], "invalid_user_ids": [...]}`.
    case usersEnvelope = "users-envelope"
    /// A Braze track request body `{"attributes": [...], "events": [...], "purchases": [...]}`.
    case attributesEnvelope = "attributes-envelope"
    /// JSON values one after another, however laid out (`jq .` output): `ConcatFramer`.
    case concat
    /// Record elements inside a root element (`XMLMapping`), read by `XMLFrameReader`.
    case xml

    /// The container a file name asks for (`.xml`, `.xml.gz`), nil when it does not.
    public static func implied(byName path: String) -> Container? {
        path.hasSuffix(".xml") || path.hasSuffix(".xml.gz") ? .xml : nil
    }

    /// Detection reads at most this many bytes, then settles for `ndjson`.
    public static let detectionLimit = 64 * 1024

    public func makeFramer() -> (any Framer)? {
        switch self {
        case .ndjson: NDJSONFramer()
        case .json: JSONArrayFramer()
        case .usersEnvelope: EnvelopeFramer(recordsKey: "users")
        case .attributesEnvelope: EnvelopeFramer(recordsKey: "attributes")
        case .concat: ConcatFramer()
        // No byte framer: `FrameReader` hands an XML stream to `XMLFrameReader`.
        case .xml: nil
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

    /// The name of a UTF-16 or UTF-32 encoding when the stream's first bytes show one: by its
    /// byte order mark, or by zero bytes among the first four (RFC 4627's rule: JSON text starts
    /// with two ASCII characters, and UTF-8 JSON never holds a raw zero byte). Such input is
    /// never records with a few bad bytes but a whole file in the wrong encoding.
    static func wideEncoding(_ prefix: UnsafeRawBufferPointer) -> String? {
        let b = Array(prefix.prefix(4))
        func at(_ i: Int) -> UInt8? { i < b.count ? b[i] : nil }
        if at(0) == 0xFF && at(1) == 0xFE { return at(2) == 0 && at(3) == 0 ? "UTF-32LE" : "UTF-16LE" }
        if at(0) == 0xFE && at(1) == 0xFF { return "UTF-16BE" }
        if b.count == 4 && b[0] == 0 && b[1] == 0 { return "UTF-32BE" }
        if b.count == 4 && b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 { return "UTF-32LE" }
        if b.count >= 2 && b[0] == 0 && b[1] != 0 { return "UTF-16BE" }
        if b.count >= 2 && b[0] != 0 && b[1] == 0 { return "UTF-16LE" }
        return nil
    }
}
