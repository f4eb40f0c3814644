import JSON
import Schemas
import Testing

@testable import Converters

/// The reader and writer golden harness: records of a golden input with their parse outcome,
/// notes as golden JSON, and one writer run over `writers/profiles.ndjson`.
enum GoldenRecords {
    /// `input` (default `writers/profiles.ndjson`) through `writer` -> `<golden>.out` and `<golden>.notes.ndjson`.
    static func checkWriter(_ writer: inout any FormatWriter, _ golden: String, input: String = "writers/profiles.ndjson") throws {
        let sink = IOTestSupport.CollectingSink()
        var out = ContainerWriter(layout: .ndjson, sink: sink)
        var notesLines: [UInt8] = []
        try each(try Golden.bytes(input)) { frame, value in
            var o: JSONObject = ["record": .number(JSONNumber(frame.number))]
            var notes = Notes()
            do throws(Reject) {
                let profile = try ProfileFormatReader().read(try value.get().value, notes: &notes)
                try writer.write(profile, to: &out, notes: &notes)
                add(notes, to: &o)
            } catch {
                o.appendNew("reject", .string(error.code.rawValue))
                o.appendNew("message", .string(error.message))
            }
            JSONWriter.write(.object(o), to: &notesLines)
            notesLines.append(UInt8(ascii: "\n"))
        }
        writer.finish(to: &out)
        try out.finish()
        Golden.check(sink.bytes, golden + ".out")
        Golden.check(notesLines, golden + ".notes.ndjson")
    }

    typealias Parsed = Result<(value: JSONValue, duplicates: [String]), Reject>

    static func each(_ input: [UInt8], _ body: (Frame, Parsed) throws -> Void) throws {
        let records = FrameReader(source: MemorySource(input), container: nil, maxRecordBytes: 1 << 20)
        var parser = JSONParser()
        while let frame = try records.next() {
            let parsed: Parsed
            do throws(JSONParseError) {
                let value = try parser.parse(frame.bytes)
                parsed = .success((value, parser.duplicateKeys))
            } catch {
                parsed = .failure(Reject(error.rejectCode, "\(error.message) at byte \(error.offset)"))
            }
            try body(frame, parsed)
        }
    }

    static func add(_ notes: Notes, to o: inout JSONObject) {
        if !notes.warnings.isEmpty {
            o.appendNew("warnings", .array(notes.warnings.map { .string("\($0.code.rawValue):\($0.field)") }))
        }
        if !notes.normalised.isEmpty { o.appendNew("normalised", .array(notes.normalised.map { .string($0) })) }
        if !notes.unmapped.isEmpty { o.appendNew("unmapped", .array(notes.unmapped.map { .string($0) })) }
    }
}
