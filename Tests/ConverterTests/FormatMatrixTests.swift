import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// Every (from, to) pair of formats, run by the built `etl` on the samples
/// (`samples/<from>-users.ndjson.gz`): exit status 0 or 3, every identity between the report's
/// numbers (`ReportIdentities`), and under `matrix/<from>-to-<to>/` the report, the rejects, the
/// output's first 20 lines and its size and checksum as golden files. The whole output is not
/// kept: the reader and writer goldens pin the mapping, and the checksum still catches any
/// changed byte.
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

    /// Braze track bodies are read as attributes objects, so `braze-track` is a target only;
    /// each pair has its golden folder and no folder is left from a pair that went.
    @Test func thirtyPairsEachWithItsGoldenFolder() throws {
        let names = Self.pairs.map(\.description)
        #expect(names.count == 30 && Set(names).count == 30)
        #expect(!Self.pairs.contains { $0.from == .brazeTrack })
        let folders = try FileManager.default.contentsOfDirectory(atPath: Golden.url("matrix").path)
        #expect(Set(folders.filter { !$0.hasPrefix(".") }) == Set(names))
        for from in Set(Self.pairs.map(\.from)) {
            let sample = "samples/\(from.rawValue)-users.ndjson.gz"
            #expect(FileManager.default.fileExists(atPath: ETLBinary.repository.appendingPathComponent(sample).path), "\(sample)")
        }
    }

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
        let rejectsBytes = try Data(contentsOf: work.appendingPathComponent("rejects.ndjson"))
        let rejectsLines = rejectsBytes.filter { $0 == 0x0A }.count
        for failure in ReportIdentities.check(report ?? JSONObject(), rejectsLines: rejectsLines) {
            Issue.record("\(pair): \(failure)")
        }

        let folder = "matrix/\(pair)/"
        let output = [UInt8](try Data(contentsOf: work.appendingPathComponent("out.ndjson")))
        Golden.check(Self.firstLines(output, 20), folder + "out.head.ndjson")
        Golden.check(Self.summary(output), folder + "out.summary")
        Golden.check([UInt8](try Data(contentsOf: work.appendingPathComponent("rejects.ndjson"))), folder + "rejects.ndjson")
        Golden.check(Golden.normalisedReport(reportBytes), folder + "report.json")
    }

    /// The first `count` lines of `bytes`, each with its newline.
    static func firstLines(_ bytes: [UInt8], _ count: Int) -> [UInt8] {
        var seen = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            seen += 1
            if seen == count { return Array(bytes[...i]) }
        }
        return bytes
    }

    /// Lines, bytes and FNV-1a 64 checksum of the whole output: any changed byte changes it.
    static func summary(_ bytes: [UInt8]) -> [UInt8] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let lines = bytes.count { $0 == UInt8(ascii: "\n") }
        let hex = String(hash, radix: 16)
        return Array("lines \(lines)\nbytes \(bytes.count)\nfnv1a64 \(String(repeating: "0", count: 16 - hex.count) + hex)\n".utf8)
    }
}
