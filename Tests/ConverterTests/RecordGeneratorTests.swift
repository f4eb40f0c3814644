import SampleData
import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// `etl generate`'s records: deterministic, and every one readable by its format's reader.
@Suite struct RecordGeneratorTests {
    static let readable = Format.allCases

    static func bytes(_ format: Format, records: Int, seed: UInt64, layout: ContainerWriter.Layout = .ndjson) throws -> [UInt8] {
        let sink = IOTestSupport.CollectingSink()
        try RecordGenerator.write(format: format, records: records, seed: seed, layout: layout, to: sink)
        return sink.bytes
    }

    @Test(arguments: readable)
    func sameSeedSameBytes(_ format: Format) throws {
        let a = try Self.bytes(format, records: 300, seed: 42)
        #expect(a == (try Self.bytes(format, records: 300, seed: 42)))
        #expect(a != (try Self.bytes(format, records: 300, seed: 43)))
        // Record i does not depend on how many records are asked for (150: whole track bodies).
        let prefix = try Self.bytes(format, records: 150, seed: 42)
        #expect(Array(a.prefix(prefix.count)) == prefix)
    }

    @Test func amplitudeRecordsAreAboutOnePointTwoKilobytes() throws {
        let n = 2000
        let perRecord = try Self.bytes(.amplitude, records: n, seed: 1).count / n
        #expect((1000...1400).contains(perRecord), "\(perRecord) bytes a record")
    }

    /// braze-track is what its name says: `/users/track` bodies of at most 75 attributes objects.
    @Test func brazeTrackWritesRequestBodies() throws {
        let bytes = try Self.bytes(.brazeTrack, records: 160, seed: 3)
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == 3)
        var counts: [Int] = []
        for line in lines {
            var parser = JSONParser()
            let value = try Array(line).withUnsafeBytes { buffer throws(JSONParseError) in try parser.parse(buffer) }
            guard case .object(let body) = value, body.keys == ["attributes"], case .array(let objects)? = body["attributes"] else {
                Issue.record("not a track body")
                return
            }
            counts.append(objects.count)
        }
        #expect(counts == [75, 75, 10])
        // The same attributes objects as braze-attributes, record for record.
        let attributes = try Self.bytes(.brazeAttributes, records: 160, seed: 3)
        let first = attributes.split(separator: UInt8(ascii: "\n"))[0]
        #expect(lines[0].starts(with: Array(#"{"attributes":["#.utf8) + Array(first)))
    }

    @Test func jsonContainerIsOneArray() throws {
        let bytes = try Self.bytes(.aam, records: 3, seed: 1, layout: .json)
        var parser = JSONParser()
        let value = try bytes.withUnsafeBytes { buffer throws(JSONParseError) in try parser.parse(buffer) }
        guard case .array(let elements) = value else {
            Issue.record("not an array")
            return
        }
        #expect(elements.count == 3)
    }

    /// Converted to profile nothing may be rejected: every record was read by its reader. To
    /// braze-attributes the messy few without an identifier are rejected, and only those.
    @Test(arguments: readable, [ContainerWriter.Layout.ndjson, .json])
    func everyRecordIsRead(_ format: Format, _ layout: ContainerWriter.Layout) throws {
        // Track bodies are read back one a line only (`etl generate` refuses another container).
        if format == .brazeTrack && layout != .ndjson { return }
        let n = 3000
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("etl-generate-\(format.rawValue)-\(layout.rawValue)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.\(layout.rawValue).gz").path
        try RecordGenerator.write(format: format, records: n, seed: 9, layout: layout, path: input, gzip: true, level: 1)

        func convert(to: Format) -> RunReport {
            var options = ConversionOptions()
            options.inputs = [input]
            options.from = format
            options.to = to
            options.output = folder.appendingPathComponent("out-\(to.rawValue).ndjson").path
            options.rejectsPath = folder.appendingPathComponent("rejects-\(to.rawValue).ndjson").path
            options.quiet = true
            return Conversion.run(options) { _ in }
        }
        let profile = convert(to: .profile)
        #expect(profile.fault == nil)
        #expect(profile.recordsRead == n)
        #expect(profile.recordsRejected == 0)

        let braze = convert(to: .brazeAttributes)
        #expect(braze.fault == nil)
        #expect(braze.recordsRead == n)
        #expect(braze.accountingHolds)
        #expect(braze.recordsRejected < n / 20)
        #expect(braze.rejectedByCode.counts.keys.allSatisfy { $0 == "no_identifier" })
        if format != .profile { #expect(braze.recordsRejected > 0, "some records are messy") }
    }
}
