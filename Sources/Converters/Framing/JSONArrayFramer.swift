import JSON
/// One top-level JSON array read as a stream; each element is a record.
public struct JSONArrayFramer: Framer {
    private enum State {
        case beforeArray, inArray, afterArray
    }

    public private(set) var counters = FramingCounters()
    private var state = State.beforeArray
    private var elements = ArrayElementScanner()

    public init() {}

    public var trailingWhitespace: Int { elements.trailingWhitespace }

    public mutating func advance(
        _ bytes: UnsafeRawBufferPointer, from index: inout Int
    ) throws(FramingError) -> FrameEvent {
        while index < bytes.count {
            switch state {
            case .beforeArray:
                let byte = bytes[index]
                if byte == JSONByte.openSquare {
                    state = .inArray
                    elements = ArrayElementScanner()
                } else if !JSONByte.isWhitespace(byte) {
                    throw FramingError(.invalidFraming, "expected a JSON array ('[')")
                }
                index += 1
            case .inArray:
                switch try elements.advance(bytes, from: &index) {
                case .needMore: return .needMore
                case .elementStart: return .recordStart
                case .elementEnd: return .recordEnd
                case .arrayEnd: state = .afterArray
                }
            case .afterArray:
                guard JSONByte.isWhitespace(bytes[index]) else {
                    throw FramingError(.trailingGarbage, "data after the end of the JSON array")
                }
                index += 1
            }
        }
        return .needMore
    }

    public mutating func finish() throws(FramingError) -> Bool {
        if state == .inArray {
            throw FramingError(.truncatedJSON, "input ends inside the JSON array")
        }
        return false
    }
}
