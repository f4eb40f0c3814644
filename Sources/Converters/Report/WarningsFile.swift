import JSON
import Schemas

/// `--warnings PATH`: one NDJSON line per written record that had warnings, so that an audit
/// can find every value left out, cut or renamed, not only count them:
/// `{"source":"in.ndjson","record":7,"line":8,"warnings":[{"field":"phone","code":"invalid_phone","value":"555"}]}`.
/// A warning without a value to show (`duplicate_key`) has `"value": null`; a `null` value
/// that was left out (`null_value`) is written as `null` too, its code tells them apart.
final class WarningsFile {
    private var buffer: [UInt8] = []
    private let sink: any ByteSink
    private(set) var records = 0

    init(sink: any ByteSink) { self.sink = sink }

    func write(file: String, frame: Frame, warnings: [Notes.Warning]) throws(OutputFailure) {
        var o: JSONObject = [
            "source": .string(file),
            "record": .number(JSONNumber(frame.number)),
        ]
        if frame.line > 0 { o.appendNew("line", .number(JSONNumber(frame.line))) }
        o.appendNew("warnings", .array(warnings.map { w in
            var item: JSONObject = ["field": .string(w.field), "code": .string(w.code.rawValue)]
            item.appendNew("value", w.value.map(WarningText.fileValue) ?? .null)
            return .object(item)
        }))
        JSONWriter.write(.object(o), to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        records += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws(OutputFailure) {
        guard !buffer.isEmpty else { return }
        try sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
