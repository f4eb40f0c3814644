import JSON
/// Wrapped responses read as a stream: a Braze export response
/// `{"message": ..., "users": [...], "invalid_user_ids": [...]}` or a Braze track body
/// `{"attributes": [...], "events": [...], "purchases": [...]}`. The elements of the records
/// key's array are records; every other member is checked, counted and skipped. Several
/// envelopes may follow each other, separated by whitespace.
public struct EnvelopeFramer: Framer {
    private enum Member {
        case records, invalidUserIds, message, other(String)
    }

    private enum State {
        case between, firstKey, nextKey, key, colon, value, records, skipping, afterMember
    }

    /// Distinct keys (and messages) kept in the counters; the rest count as "(other)".
    static let distinctKeyLimit = 64
    static let distinctMessageLimit = 16
    static let otherName = "(other)"

    public private(set) var counters = FramingCounters()
    private let recordsKey: [UInt8]
    private var state = State.between
    private var member = Member.other("")
    private var skipper = StreamingJSONValidator()
    private var elements = ArrayElementScanner()

    /// `recordsKey` names the member whose array holds the records: `users` or `attributes`.
    public init(recordsKey: String) {
        self.recordsKey = Array(recordsKey.utf8)
    }

    public var trailingWhitespace: Int { elements.trailingWhitespace }

    public mutating func advance(
        _ bytes: UnsafeRawBufferPointer, from index: inout Int
    ) throws(FramingError) -> FrameEvent {
        while index < bytes.count {
            let byte = bytes[index]
            switch state {
            case .between:
                guard byte == JSONByte.openCurly || JSONByte.isWhitespace(byte) else {
                    if counters.envelopes > 0 {
                        throw FramingError(.trailingGarbage, "data after an envelope object")
                    }
                    throw FramingError(.invalidFraming, "expected an envelope object ('{')")
                }
                if byte == JSONByte.openCurly { state = .firstKey }
                index += 1
            case .firstKey, .nextKey:
                if JSONByte.isWhitespace(byte) {
                    index += 1
                } else if byte == JSONByte.quote {
                    skipper.begin(capture: true)
                    state = .key
                } else if case .firstKey = state, byte == JSONByte.closeCurly {
                    index += 1
                    envelopeClosed()
                } else {
                    throw FramingError(.invalidFraming, "expected a member name in the envelope")
                }
            case .key:
                if try skipper.advance(bytes, from: &index) {
                    member = classify(skipper.captured)
                    state = .colon
                }
            case .colon:
                guard byte == JSONByte.colon || JSONByte.isWhitespace(byte) else {
                    throw FramingError(.invalidFraming, "expected ':' after a member name in the envelope")
                }
                if byte == JSONByte.colon { state = .value }
                index += 1
            case .value:
                if JSONByte.isWhitespace(byte) {
                    index += 1
                } else if case .records = member, byte == JSONByte.openSquare {
                    index += 1
                    elements = ArrayElementScanner()
                    state = .records
                } else if case .records = member, byte != UInt8(ascii: "n") {
                    throw FramingError(.invalidFraming, "the records member must hold an array or null")
                } else {
                    let isMessage = if case .message = member { true } else { false }
                    skipper.begin(capture: isMessage)
                    state = .skipping
                }
            case .records:
                switch try elements.advance(bytes, from: &index) {
                case .needMore: return .needMore
                case .elementStart: return .recordStart
                case .elementEnd: return .recordEnd
                case .arrayEnd: state = .afterMember
                }
            case .skipping:
                if try skipper.advance(bytes, from: &index) {
                    memberSkipped()
                    state = .afterMember
                }
            case .afterMember:
                if byte == JSONByte.comma {
                    state = .nextKey
                } else if byte == JSONByte.closeCurly {
                    envelopeClosed()
                } else if !JSONByte.isWhitespace(byte) {
                    throw FramingError(.invalidFraming, "expected ',' or '}' in the envelope")
                }
                index += 1
            }
        }
        return .needMore
    }

    public mutating func finish() throws(FramingError) -> Bool {
        guard case .between = state else {
            throw FramingError(.truncatedJSON, "input ends inside an envelope object")
        }
        return false
    }

    private mutating func envelopeClosed() {
        counters.envelopes += 1
        state = .between
    }

    private func classify(_ key: [UInt8]?) -> Member {
        guard let key else { return .other(Self.otherName) }
        if key == recordsKey { return .records }
        if key.elementsEqual("invalid_user_ids".utf8) { return .invalidUserIds }
        if key.elementsEqual("message".utf8) { return .message }
        return .other(String(decoding: key, as: UTF8.self))
    }

    private mutating func memberSkipped() {
        switch member {
        case .records:
            break  // null: no records
        case .invalidUserIds where skipper.kind == .array:
            counters.invalidUserIds += skipper.elementCount
        case .message where skipper.kind == .string:
            let text = skipper.captured.map { String(decoding: $0, as: UTF8.self) } ?? Self.otherName
            Self.count(text, in: &counters.messages, limit: Self.distinctMessageLimit)
        case .invalidUserIds:
            Self.count("invalid_user_ids", in: &counters.skippedMembers, limit: Self.distinctKeyLimit)
        case .message:
            Self.count("message", in: &counters.skippedMembers, limit: Self.distinctKeyLimit)
        case .other(let name):
            Self.count(name, in: &counters.skippedMembers, limit: Self.distinctKeyLimit)
        }
    }

    /// Counts `name`, or "(other)" once `limit` distinct names are known, so that a stream of
    /// ever-new keys cannot grow the counters without bound.
    private static func count(_ name: String, in table: inout [String: Int], limit: Int) {
        let named = table.count - (table[otherName] == nil ? 0 : 1)
        if table[name] != nil || named < limit {
            table[name, default: 0] += 1
        } else {
            table[otherName, default: 0] += 1
        }
    }
}
