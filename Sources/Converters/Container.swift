/// How records are laid out in an input stream.
public enum Container: String, CaseIterable, Sendable {
    case ndjson
    case json
    /// A Braze export response `{"message": ..., "users": [...], "invalid_user_ids": [...]}`.
    case usersEnvelope = "users-envelope"
    /// A Braze track request body `{"attributes": [...], "events": [...], "purchases": [...]}`.
    case attributesEnvelope = "attributes-envelope"

    /// Detection reads at most this many bytes, then settles for `ndjson`.
    public static let detectionLimit = 64 * 1024

    public func makeFramer() -> any Framer {
        switch self {
        case .ndjson: NDJSONFramer()
        case .json: JSONArrayFramer()
        case .usersEnvelope: EnvelopeFramer(recordsKey: "users")
        case .attributesEnvelope: EnvelopeFramer(recordsKey: "attributes")
        }
    }

    /// The container that a stream starting with `prefix` is in, or nil when the prefix does
    /// not tell yet (`atEnd`: the prefix is the whole stream). A leading BOM and whitespace are
    /// skipped; `[` is a JSON array; `{` is an envelope when its first key is one of Braze's
    /// envelope keys and NDJSON otherwise; anything else is NDJSON.
    public static func detect(_ prefix: UnsafeRawBufferPointer, atEnd: Bool) -> Container? {
        var index = 0
        switch byteOrderMarkLength(prefix) {
        case nil: return atEnd ? .ndjson : nil
        case let length?: index = length
        }
        while index < prefix.count && JSONByte.isWhitespace(prefix[index]) { index += 1 }
        guard index < prefix.count else { return atEnd ? .ndjson : nil }
        if prefix[index] == JSONByte.openSquare { return .json }
        guard prefix[index] == JSONByte.openCurly else { return .ndjson }
        index += 1
        while index < prefix.count && JSONByte.isWhitespace(prefix[index]) { index += 1 }
        guard index < prefix.count else { return atEnd ? .ndjson : nil }
        guard prefix[index] == JSONByte.quote else { return .ndjson }
        var key = JSONValueSkipper()
        key.begin(capture: true)
        do {
            guard try key.advance(prefix, from: &index) else { return atEnd ? .ndjson : nil }
        } catch {
            return .ndjson  // not a valid key: the record parser will say what is wrong
        }
        switch key.captured.map({ String(decoding: $0, as: UTF8.self) }) {
        case "message", "users", "invalid_user_ids": return .usersEnvelope
        case "attributes", "events", "purchases": return .attributesEnvelope
        default: return .ndjson
        }
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
