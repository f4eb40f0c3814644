import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// pandoc's 2 x N golden sets: each reader against dumps of the canonical profile, and one set
/// of canonical profiles through each writer. Record with ETL_RECORD=1.
@Suite struct MappingGoldenTests {
    /// `readers/<format>/<case>.ndjson` -> `<case>.profiles.ndjson`: per record, the profile
    /// (unvalidated: this pins the reader alone) and its notes, or the reject.
    /// Every `readers/<format>/<case>.ndjson` (inputs may also be `.json` arrays or envelopes).
    static var readerCases: [String] {
        let root = Golden.url("readers")
        var cases: [String] = []
        for format in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(format).path)) ?? []
            for file in files where file.hasSuffix(".ndjson") && !file.hasSuffix(".profiles.ndjson") {
                cases.append("\(format)/\(file.dropLast(".ndjson".count))")
            }
        }
        return cases.sorted()
    }

    @Test(arguments: readerCases)
    func reader(_ name: String) throws {
        let format = try #require(Format(rawValue: String(name.split(separator: "/")[0])))
        let reader = format.makeReader()
        let input = try Golden.bytes("readers/\(name).ndjson")
        var lines: [UInt8] = []
        try GoldenRecords.each(input) { frame, value in
            var o: JSONObject = ["record": .number(JSONNumber(frame.number))]
            var notes = Notes()
            do throws(Reject) {
                let parsed = try value.get()
                for key in parsed.duplicates { notes.warn(.duplicateKey, key) }
                let profile = try reader.read(parsed.value, notes: &notes)
                o.appendNew("profile", .object(ProfileFormatWriter.json(profile)))
                GoldenRecords.add(notes, to: &o)
            } catch {
                o.appendNew("reject", .string(error.code.rawValue))
                o.appendNew("message", .string(error.message))
            }
            JSONWriter.write(.object(o), to: &lines)
            lines.append(UInt8(ascii: "\n"))
        }
        Golden.check(lines, "readers/\(name).profiles.ndjson")
    }

    /// `writers/profiles.ndjson` through each writer -> `writers/<format>.out` (exactly what
    /// the writer emits) and `writers/<format>.notes.ndjson` (per record notes or reject).
    /// Small limits so that truncation, size checks and batching all show.
    @Test(arguments: Format.allCases)
    func writer(_ format: Format) throws {
        var limits = Limits()
        limits.arrayLimit = 5
        limits.maxObjectBytes = 64
        limits.batchSize = 3
        var writer = format.makeWriter(WriterOptions(limits: limits))
        try GoldenRecords.checkWriter(&writer, "writers/\(format.rawValue)")
    }
}
