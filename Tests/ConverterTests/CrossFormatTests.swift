import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// X -> Y -> X keeps every profile field that both X and Y hold (their tables' read-and-write
/// rows), for every pair of formats that are both readable and writable, on the samples.
/// "Keeps": a value X had comes back equal; for the maps (custom attributes, computations)
/// every entry X had comes back, beside entries Y added (Y's own fields written as custom
/// attributes). A value X did not have may come back filled (a writer's default such as
/// Audience Manager's `status`). `vendor_extras` are each vendor's own, never shared.
/// A field the trip reports (a warning, a normalisation such as an array deduplicated, or an
/// unmapped value such as a second alias) is changed on purpose and counted, so it is left out
/// of the comparison; a record rejected on the way is left out whole.
@Suite struct CrossFormatTests {
    struct Pair: CustomStringConvertible, Sendable {
        var x: Format
        var y: Format
        var description: String { "\(x.rawValue)-via-\(y.rawValue)" }
    }

    static let both = Format.allCases.filter { $0 != .brazeTrack }

    static var pairs: [Pair] { both.flatMap { x in both.filter { $0 != x }.map { Pair(x: x, y: $0) } } }

    /// Members a format both reads and writes.
    static func held(_ f: Format) -> Set<String> {
        Set(f.fields.filter { $0.direction == .both }.compactMap { $0.member?.rawValue })
            .subtracting([ProfileField.vendorExtras.rawValue])
    }

    /// `back` keeps `start`: equal, or for objects every entry of `start` in `back`, except
    /// entries the trip reported.
    static func keeps(_ back: JSONValue?, _ start: JSONValue?, reported: Set<String>) -> Bool {
        guard let start else { return true }
        guard case .object(let s) = start, case .object(let b) = back else { return back == start }
        return s.entries.allSatisfy { key, value in reported.contains(key) || b[key] == value }
    }

    /// The fields a trip's notes name, and their first path component.
    static func reported(_ notes: Notes) -> Set<String> {
        var names = Set(notes.warnings.map(\.field) + notes.normalised + notes.unmapped)
        for name in names { names.insert(String(name.split(separator: ".")[0])) }
        return names
    }

    @Test(arguments: pairs)
    func roundTrip(_ pair: Pair) throws {
        let shared = Self.held(pair.x).intersection(Self.held(pair.y))
        #expect(!shared.isEmpty, "\(pair): no shared fields")
        let sample = ETLBinary.repository.appendingPathComponent("samples/\(pair.x.rawValue)-users.ndjson.gz")
        let input = try IOTestSupport.gunzip([UInt8](try Data(contentsOf: sample)))
        var compared = 0, skipped = 0
        try GoldenRecords.each(input) { frame, parsed in
            guard case .success(let (value, _)) = parsed,
                let start = try? Self.read(value, pair.x)
            else { return }
            var notes = Notes()
            guard let there = try? Self.convert(start, to: pair.y, &notes),
                let back = try? Self.convert(there, to: pair.x, &notes)
            else {
                skipped += 1
                return
            }
            compared += 1
            let reported = Self.reported(notes)
            for member in ProfileField.allCases
            where shared.contains(member.rawValue) && !reported.contains(member.rawValue) {
                #expect(Self.keeps(member.value(in: back), member.value(in: start), reported: reported),
                        "\(pair) record \(frame.number): \(member.rawValue)")
            }
        }
        #expect(compared > 0, "\(pair): nothing compared (\(skipped) skipped)")
    }

    /// Reads one record and validates it, as a conversion does.
    static func read(_ value: JSONValue, _ format: Format) throws -> Profile {
        var notes = Notes()
        var profile = try format.makeReader().read(value, notes: &notes)
        ProfileValidator().validate(&profile, notes: &notes)
        return profile
    }

    /// Writes a profile as `format`, parses the bytes and reads them back (validated), adding
    /// what the writer, reader and validator report to `notes`; throws when rejected.
    static func convert(_ profile: Profile, to format: Format, _ notes: inout Notes) throws -> Profile {
        var bytes: [UInt8] = []
        let writer = format.makeWriter(WriterOptions())
        try writer.encode(profile, into: &bytes, notes: &notes)
        let value = try parse(bytes).get()
        var back = try format.makeReader().read(value, notes: &notes)
        ProfileValidator().validate(&back, notes: &notes)
        return back
    }
}
