import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// Every (from, to) pair of readable and writable formats, run by the built `etl` on the
/// samples (`samples/<from>-users.ndjson.gz`): exit status 0 or 3, read = written + rejected,
/// and the output, rejects and report pinned as golden files under `matrix/<from>-to-<to>/`.
@Suite struct FormatMatrixTests {
    struct Pair: CustomStringConvertible, Sendable {
        var from: Format
        var to: Format
        var description: String { "\(from.rawValue)-to-\(to.rawValue)" }
    }

    static var pairs: [Pair] {
        Format.allCases.filter { $0 != .brazeTrack }.flatMap { from in
            Format.allCases.map { Pair(from: from, to: $0) }
        }
    }

    @Test func thirtyPairs() { #expect(Self.pairs.count == 30) }

    @Test(arguments: pairs)
    func convert(_ pair: Pair) throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let sample = ETLBinary.repository.appendingPathComponent("samples/\(pair.from.rawValue)-users.ndjson.gz")
        try FileManager.default.copyItem(at: sample, to: work.appendingPathComponent("in.ndjson.gz"))
        let run = try ETLBinary.run(
            ["convert", "in.ndjson.gz", "--from", pair.from.rawValue, "--to", pair.to.rawValue, "-o", "out.ndjson",
             "--rejects", "rejects.ndjson", "--report", "report.json", "-q"],
            in: work)
        #expect(run.status == 0 || run.status == 3, "\(pair): status \(run.status): \(String(decoding: run.stderr, as: UTF8.self))")

        let reportBytes = [UInt8](try Data(contentsOf: work.appendingPathComponent("report.json")))
        let report = try parse(reportBytes).get().object
        let records = try #require(report?["records"]?.object)
        let read = records["read"]?.numberValue?.int64, written = records["written"]?.numberValue?.int64
        let rejected = records["rejected"]?.numberValue?.int64
        #expect(read != nil && read! > 0 && read == (written ?? -1) + (rejected ?? -1), "\(pair): accounting")
        #expect(report?["accounting_ok"] == JSONValue.bool(true))

        let folder = "matrix/\(pair)/"
        Golden.check([UInt8](try Data(contentsOf: work.appendingPathComponent("out.ndjson"))), folder + "out.ndjson")
        Golden.check([UInt8](try Data(contentsOf: work.appendingPathComponent("rejects.ndjson"))), folder + "rejects.ndjson")
        Golden.check(CommandGoldenTests.normalisedReport(reportBytes), folder + "report.json")
    }
}
