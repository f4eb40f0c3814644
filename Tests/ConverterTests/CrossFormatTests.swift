import Foundation
import Schemas
import Testing

@testable import Converters

/// X -> Y -> X keeps every profile field that both X and Y hold (their tables' read-and-write
/// rows), for every pair of formats that are both readable and writable, on the samples.
/// Records whose trip gives a warning (a renamed key, a truncated array) or a reject are
/// left out of the comparison, and counted: they are changed on purpose, and say so.
@Suite struct CrossFormatTests {
    struct Pair: CustomStringConvertible, Sendable {
        var x: Format
        var y: Format
        var description: String { "\(x.rawValue)-via-\(y.rawValue)" }
    }

    static let both = Format.allCases.filter { $0.canRead && $0.canWrite && $0 != .brazeTrack }

    static var pairs: [Pair] { both.flatMap { x in both.filter { $0 != x }.map { Pair(x: x, y: $0) } } }

    /// Members a format both reads and writes.
    static func held(_ f: Format) -> Set<String> {
        Set(f.fields.filter { $0.direction == .both }.compactMap { $0.member?.rawValue })
    }

    @Test(arguments: pairs)
    func roundTrip(_ pair: Pair) throws {
        let shared = Self.held(pair.x).intersection(Self.held(pair.y))
        #expect(!shared.isEmpty, "\(pair): no shared fields")
        let sample = ETLBinary.repository.appendingPathComponent("samples/\(pair.x.rawValue)-users.ndjson.gz")
        let input = try CommandGoldenTests.gunzip([UInt8](try Data(contentsOf: sample)))
        var compared = 0, skipped = 0
        try MappingGoldenTests.eachRecord(input) { frame, parsed in
            guard case .success(let (value, _)) = parsed,
                let start = try? Self.read(value, pair.x)
            else { return }
            guard let there = try? Self.convert(start, to: pair.y),
                let back = try? Self.convert(there, to: pair.x)
            else {
                skipped += 1
                return
            }
            compared += 1
            for member in ProfileField.allCases where shared.contains(member.rawValue) {
                #expect(member.value(in: back) == member.value(in: start),
                        "\(pair) record \(frame.number): \(member.rawValue)")
            }
        }
        #expect(compared > 0, "\(pair): nothing compared (\(skipped) skipped)")
    }

    struct Changed: Error {}

    /// Reads one record and validates it, as a conversion does.
    static func read(_ value: JSONValue, _ format: Format) throws -> Profile {
        var notes = Notes()
        var profile = try #require(format.makeReader()).read(value, notes: &notes)
        ProfileValidator().validate(&profile, notes: &notes)
        return profile
    }

    /// Writes a profile as `format`, parses the bytes and reads them back; throws when the
    /// record is rejected or changed with a warning on the way.
    static func convert(_ profile: Profile, to format: Format) throws -> Profile {
        var notes = Notes()
        var bytes: [UInt8] = []
        let writer = try #require(format.makeWriter(WriterOptions()))
        try writer.encode(profile, into: &bytes, notes: &notes)
        guard notes.warnings.isEmpty else { throw Changed() }
        let value = try parse(bytes).get()
        let back = try read(value, format)
        return back
    }
}
