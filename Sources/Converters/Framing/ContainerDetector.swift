import JSON
/// Decides a stream's container from its first bytes, fed in chunks of any size, looking at
/// each byte once: skips a UTF-8 byte order mark and whitespace, then `[` is a JSON array,
/// `{` is an envelope when its first key is one of Braze's envelope keys (NDJSON when it is
/// another key), `<` is XML, and anything else (another byte, no byte at all) is NDJSON.
public struct ContainerDetector {
    private enum State {
        case mark(matched: Int), space, afterBrace, key
    }

    private static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var state = State.mark(matched: 0)
    private var decided: Container?
    private var key = StreamingJSONValidator()

    public init() {}

    /// The container once the bytes fed so far tell it, nil while they do not.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Container? {
        var index = 0
        while decided == nil && index < bytes.count {
            let byte = bytes[index]
            switch state {
            case .mark(let matched):
                if byte == Self.mark[matched] {
                    index += 1
                    state = matched == 2 ? .space : .mark(matched: matched + 1)
                } else if matched == 0 {
                    state = .space
                } else {
                    decided = .ndjson  // a cut-short mark is a record's first bytes
                }
            case .space:
                index += 1
                if byte == JSONByte.openSquare {
                    decided = .json
                } else if byte == JSONByte.openCurly {
                    state = .afterBrace
                } else if byte == UInt8(ascii: "<") {
                    decided = .xml
                } else if !JSONByte.isWhitespace(byte) {
                    decided = .ndjson
                }
            case .afterBrace:
                if byte == JSONByte.quote {
                    key.begin(capture: true)
                    state = .key
                } else if JSONByte.isWhitespace(byte) {
                    index += 1
                } else {
                    decided = .ndjson
                }
            case .key:
                do {
                    if try key.advance(bytes, from: &index) { decided = Self.container(forKey: key.captured) }
                } catch {
                    decided = .ndjson  // not a valid key: the record parser will say what is wrong
                }
            }
        }
        return decided
    }

    /// The container when the stream ends (or detection gives up) here.
    public func finish() -> Container {
        decided ?? .ndjson
    }

    private static func container(forKey key: [UInt8]?) -> Container {
        switch key.map({ String(decoding: $0, as: UTF8.self) }) {
        case "message", "users", "invalid_user_ids": .usersEnvelope
        case "attributes", "events", "purchases": .attributesEnvelope
        default: .ndjson
        }
    }
}
