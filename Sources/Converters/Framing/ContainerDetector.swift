import JSON
/// Decides a stream's container from its first bytes, fed in chunks of any size, looking at
/// each byte once: skips a UTF-8 byte order mark and whitespace, then `[` is a JSON array,
/// `<` is XML, and `{` is an envelope when its first key is one of Braze's envelope keys.
/// Another object is followed to its end: when it spans lines (`jq .` output), or another
/// object or array follows it on its line, the stream is concatenated JSON (`concat`); when
/// its line ends after it, NDJSON. Anything else (another byte, no byte at all, a first object
/// that does not end within the detection limit) is NDJSON.
public struct ContainerDetector {
    private enum State {
        case mark(matched: Int), space, afterBrace, key
        /// In the first object after its first key; `depth` brackets open.
        case firstValue
        /// The first object ended on its line: what follows on the line decides.
        case afterFirst
    }

    private static let mark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var state = State.mark(matched: 0)
    private var decided: Container?
    private var key = StreamingJSONValidator()
    /// The first object so far: its bracket depth, string state and whether a line ended in it.
    private var depth = 1
    private var inString = false
    private var escaped = false
    private var spansLines = false

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
                    if byte == JSONByte.lf { spansLines = true }
                    index += 1
                } else {
                    decided = .ndjson
                }
            case .key:
                do {
                    if try key.advance(bytes, from: &index) {
                        if Self.isEnvelopeKey(key.captured) {
                            decided = Self.container(forKey: key.captured)
                        } else {
                            state = .firstValue
                        }
                    }
                } catch {
                    decided = .ndjson  // not a valid key: the record parser will say what is wrong
                }
            case .firstValue:
                index += 1
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == JSONByte.backslash {
                        escaped = true
                    } else if byte == JSONByte.quote {
                        inString = false
                    } else if byte == JSONByte.lf {
                        spansLines = true
                    }
                    continue
                }
                switch byte {
                case JSONByte.quote: inString = true
                case JSONByte.openCurly, JSONByte.openSquare: depth += 1
                case JSONByte.lf: spansLines = true
                case JSONByte.closeCurly, JSONByte.closeSquare:
                    depth -= 1
                    if depth == 0 {
                        if spansLines { decided = .concat } else { state = .afterFirst }
                    }
                default: break
                }
            case .afterFirst:
                index += 1
                if byte == JSONByte.openCurly || byte == JSONByte.openSquare {
                    decided = .concat
                } else if byte != JSONByte.space && byte != JSONByte.tab && byte != JSONByte.cr {
                    decided = .ndjson
                }
            }
        }
        return decided
    }

    /// The container when the stream ends (or detection gives up) here.
    public func finish() -> Container {
        decided ?? .ndjson
    }

    private static func isEnvelopeKey(_ key: [UInt8]?) -> Bool {
        container(forKey: key) != .ndjson
    }

    private static func container(forKey key: [UInt8]?) -> Container {
        switch key.map({ String(decoding: $0, as: UTF8.self) }) {
        case "message", "users", "invalid_user_ids": .usersEnvelope
        case "attributes", "events", "purchases": .attributesEnvelope
        default: .ndjson
        }
    }
}
