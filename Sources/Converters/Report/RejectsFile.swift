import Foundation
import JSON
import Schemas

/// Writes rejected records as NDJSON: where each came from, why, and its original bytes
/// (as text when they are UTF-8, else base64). Oversized records keep only their first bytes.
final class RejectsFile {
    private var buffer: [UInt8] = []
    private let sink: any ByteSink

    init(sink: any ByteSink) { self.sink = sink }

    func write(file: String, frame: Frame, code: RejectCode, message: String) throws(OutputFailure) {
        var o: JSONObject = [
            "file": .string(file),
            "record": .number(JSONNumber(frame.number)),
        ]
        // Records are not lines once blank lines are skipped: `sed -n <line>p` finds this one.
        if frame.line > 0 { o.appendNew("line", .number(JSONNumber(frame.line))) }
        o.appendNew("offset", .number(JSONNumber(frame.offset)))
        o.appendNew("code", .string(code.rawValue))
        o.appendNew("message", .string(message))
        if frame.isOversized {
            o.appendNew("length", .number(JSONNumber(frame.length)))
            o.appendNew("truncated", .bool(true))
        }
        if let text = String(validating: frame.bytes, as: UTF8.self) {
            o.appendNew("text", .string(text))
        } else {
            o.appendNew("base64", .string(Data(frame.bytes).base64EncodedString()))
        }
        JSONWriter.write(.object(o), to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws(OutputFailure) {
        guard !buffer.isEmpty else { return }
        try sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
