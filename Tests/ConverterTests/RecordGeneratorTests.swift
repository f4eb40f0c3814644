import SampleData
import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// `etl generate`'s records: deterministic, and every one readable by its format's reader.
@Suite struct RecordGeneratorTests {
    static let readable = Format.allCases.filter { $0 != .brazeTrack }

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
        // Record i does not depend on how many records are asked for.
        let prefix = try Self.bytes(format, records: 100, seed: 42)
        #expect(Array(a.prefix(prefix.count)) == prefix)
    }

    @Test func amplitudeRecordsAreAboutOnePointTwoKilobytes() throws {
        let n = 2000
        let perRecord = try Self.bytes(.amplitude, records: n, seed: 1).count / n
        #expect((1000...1400).contains(perRecord), "\(perRecord) bytes a record")
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
