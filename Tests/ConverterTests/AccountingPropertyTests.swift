import SampleData
import Foundation
import Testing

@testable import Converters
import JSON
import Schemas

/// The accounting promise as a property: records of every readable format (taken from the
/// samples), randomly corrupted, in every container, gzipped or not, always give
/// read = written + rejected, and every reject carries the original bytes, found in the input
/// at the reject's offset. Seeded, so a failure is the same on every run.
@Suite struct AccountingPropertyTests {
    static let formats = ["amplitude", "braze-export", "braze-attributes", "aam", "profile"]
    static let targets = ["profile", "amplitude", "braze-export", "braze-attributes", "braze-track", "aam"]

    struct Combination: CustomTestStringConvertible, Sendable {
        var format: String
        var array: Bool
        var gzip: Bool
        var seed: UInt64
        var testDescription: String { "\(format) \(array ? "json" : "ndjson")\(gzip ? ".gz" : "") seed \(seed)" }
    }

    static let combinations: [Combination] = formats.enumerated().flatMap { i, format in
        [(false, false), (false, true), (true, false), (true, true)].enumerated().map { j, c in
            Combination(format: format, array: c.0, gzip: c.1, seed: UInt64(i * 4 + j + 1))
        }
    }

    static func sampleRecords(_ format: String) throws -> [[UInt8]] {
        let packed = [UInt8](try Data(contentsOf: ETLBinary.repository.appendingPathComponent("samples/\(format)-users.ndjson.gz")))
        let plain = try IOTestSupport.gunzip(packed)
        return plain.split(separator: UInt8(ascii: "\n")).map(Array.init)
    }

    /// Corrupts some records. In NDJSON anything goes (cut, flipped byte, garbage line); in a
    /// JSON array only what keeps the array's framing (a letter or digit changed into another,
    /// a bare word as an element), since a framing fault stops the run by design.
    static func corrupt(_ records: [[UInt8]], array: Bool, rng: inout SplitMix64) -> [[UInt8]] {
        let alnum = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var out: [[UInt8]] = []
        for var record in records {
            switch rng.next() % 10 {
            case 0 where !array:
                record = Array(record.prefix(Int(rng.next() % UInt64(record.count))))
            case 1 where !array:
                let i = Int(rng.next() % UInt64(record.count))
                record[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            case 2:
                out.append(array ? Array("garbage".utf8) : (0..<Int(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next() % 255 + 1) }.filter { $0 != 10 })
            case 3, 4:
                let letters = record.indices.filter { alnum.contains(record[$0]) }
                if let i = letters.randomElement(using: &rng) { record[i] = alnum.randomElement(using: &rng) ?? 0x41 }
            default:
                break
            }
            out.append(record)
        }
        return out
    }

    @Test(arguments: combinations)
    func readIsWrittenPlusRejected(_ c: Combination) throws {
        var rng = SplitMix64(seed: c.seed)
        let sample = try Self.sampleRecords(c.format)
        let picked = (0..<40).map { _ in sample[Int(rng.next() % UInt64(sample.count))] }
        let records = Self.corrupt(picked, array: c.array, rng: &rng)
        var plain: [UInt8] = c.array ? Array("[\n".utf8) : []
        for (i, r) in records.enumerated() {
            plain += r
            plain += Array((c.array && i < records.count - 1 ? ",\n" : "\n").utf8)
        }
        if c.array { plain += Array("]\n".utf8) }

        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let plainURL = work.appendingPathComponent("plain")
        try Data(plain).write(to: plainURL)
        let input = "in" + (c.array ? ".json" : ".ndjson") + (c.gzip ? ".gz" : "")
        if c.gzip {
            #expect(try IOTestSupport.runGzip(["-c"], input: plainURL, output: work.appendingPathComponent(input)) == 0)
        } else {
            try FileManager.default.copyItem(at: plainURL, to: work.appendingPathComponent(input))
        }
        let to = Self.targets[Int(rng.next() % UInt64(Self.targets.count))]
        let run = try ETLBinary.run(
            ["convert", input, "--from", c.format, "--to", to, "-o", "out", "--rejects", "rejects.ndjson",
             "--report", "report.json", "-q"], in: work)
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        #expect(run.status == 0 || run.status == 3, "\(c.testDescription) -> \(to): \(run.status) \(stderr)")

        let report = try String(contentsOf: work.appendingPathComponent("report.json"), encoding: .utf8)
        func count(_ key: String) -> Int? {
            guard let range = report.range(of: "\"\(key)\": ") else { return nil }
            return Int(report[range.upperBound...].prefix { $0.isNumber })
        }
        let read = try #require(count("read")), written = try #require(count("written")), rejected = try #require(count("rejected"))
        #expect(read == written + rejected, "\(c.testDescription) -> \(to)")
        #expect(read >= picked.count / 2, "most lines or elements were read")
        #expect(report.contains("\"accounting_ok\": true"))
        #expect((run.status == 3) == (rejected > 0))
        if to == "profile" {
            let out = try Data(contentsOf: work.appendingPathComponent("out"))
            #expect(out.split(separator: 10).count == written)
        }

        let lines = try Data(contentsOf: work.appendingPathComponent("rejects.ndjson")).split(separator: 10)
        #expect(lines.count == rejected)
        var parser = JSONParser()
        for line in lines {
            let value = try [UInt8](line).withUnsafeBytes { try parser.parse($0) }
            guard case .object(let reject) = value, case .number(let offsetNumber)? = reject["offset"],
                  let offset = Int(offsetNumber.text) else {
                Issue.record("reject without an offset: \(String(decoding: line, as: UTF8.self))")
                continue
            }
            var original: [UInt8] = []
            if case .string(let text)? = reject["text"] {
                original = Array(text.utf8)
            } else if case .string(let base64)? = reject["base64"], let data = Data(base64Encoded: base64) {
                original = [UInt8](data)
            } else {
                Issue.record("reject without its bytes: \(String(decoding: line, as: UTF8.self))")
            }
            #expect(offset + original.count <= plain.count && Array(plain[offset..<offset + original.count]) == original,
                    "\(c.testDescription): reject at \(offset) does not hold the input's bytes")
            #expect(!original.isEmpty)
        }
    }
}
