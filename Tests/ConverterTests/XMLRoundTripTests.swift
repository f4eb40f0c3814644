import Foundation
import Testing

@testable import Converters
import JSON

/// Every format through the XML container, by the built `etl`: the sample converted to the same
/// format as `.xml.gz`, then back to NDJSON, gives the bytes of a direct NDJSON conversion.
@Suite struct XMLRoundTripTests {
    static let formats = Format.allCases.filter { $0 != .brazeTrack }

    @Test(arguments: formats)
    func throughXML(_ format: Format) throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let sample = ETLBinary.repository.appendingPathComponent("samples/\(format.rawValue)-users.ndjson.gz")
        try FileManager.default.copyItem(at: sample, to: work.appendingPathComponent("in.ndjson.gz"))
        let f = format.rawValue
        let direct = try ETLBinary.run(["convert", "in.ndjson.gz", "--from", f, "--to", f, "-o", "direct.ndjson", "-q"], in: work)
        let toXML = try ETLBinary.run(["convert", "in.ndjson.gz", "--from", f, "--to", f, "-o", "out.xml.gz", "-q"], in: work)
        // Named neither .xml nor gzip-free: the container is detected from the first bytes.
        let back = try ETLBinary.run(["convert", "out.xml.gz", "--from", f, "--to", f, "-o", "back.ndjson", "-q"], in: work)
        #expect([direct.status, toXML.status].allSatisfy { $0 == 0 || $0 == 3 })
        #expect(back.status == 0, "\(String(decoding: back.stderr, as: UTF8.self))")
        let expected = try Data(contentsOf: work.appendingPathComponent("direct.ndjson"))
        #expect(try Data(contentsOf: work.appendingPathComponent("back.ndjson")) == expected)
        #expect(!expected.isEmpty)
        // The gzipped output is XML.
        let xml = try IOTestSupport.gunzip([UInt8](try Data(contentsOf: work.appendingPathComponent("out.xml.gz"))))
        #expect(xml.starts(with: Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records>\n".utf8)))
    }

    @Test func containerOptionsOverrideNamesAndDetection() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let sample = ETLBinary.repository.appendingPathComponent("samples/aam-users.ndjson.gz")
        try FileManager.default.copyItem(at: sample, to: work.appendingPathComponent("in.ndjson.gz"))
        let toXML = try ETLBinary.run(["convert", "in.ndjson.gz", "--from", "aam", "--to", "aam", "--output-container", "xml", "-o", "out.txt", "-q"], in: work)
        #expect(toXML.status == 3)
        let text = try String(contentsOf: work.appendingPathComponent("out.txt"), encoding: .utf8)
        #expect(text.hasPrefix("<?xml"))
        // Told it is NDJSON, the XML is one bad record a line: every record rejected, a failure.
        let wrong = try ETLBinary.run(["convert", "out.txt", "--input-container", "ndjson", "--from", "aam", "--to", "aam", "-q"], in: work)
        #expect(wrong.status == 65)
        #expect(wrong.stdout.isEmpty)
        let right = try ETLBinary.run(["convert", "out.txt", "--input-container", "xml", "--from", "aam", "--to", "aam", "--container", "json", "-q"], in: work)
        #expect(right.status == 0)
        #expect(right.stdout.first == UInt8(ascii: "["))
    }
}
