import Converters
import JSON
import Testing

@Suite struct LookalikeTests {
    static func sniff(_ text: String, atEnd: Bool = true) -> Lookalike? {
        Array(text.utf8).withUnsafeBytes { Lookalike.sniff($0, atEnd: atEnd) }
    }

    @Test(arguments: [
        ("user_id,email,country\nu1,a@b.com,DE\n", Lookalike.csv(firstLine: "user_id,email,country")),
        ("user_id,email\r\n", .csv(firstLine: "user_id,email")),
        ("\"id\",\"name, full\"\n\"1\",\"Doe, J\"\n", .csv(firstLine: "\"id\",\"name, full\"")),
        ("a,b", .csv(firstLine: "a,b")),
        ("user_id\temail\n1\tx\n", .tsv(firstLine: "user_id\\temail")),
        ("id\tnote\n1\ta, b, c\n", .tsv(firstLine: "id\\tnote")),
        ("<!DOCTYPE html>\n<html>", .html), ("  <HTML lang=\"en\">", .html), ("<!doctype HTML>", .html),
    ])
    func looksLike(_ text: String, _ expected: Lookalike) {
        #expect(Self.sniff(text) == expected)
    }

    @Test(arguments: [
        "{\"a\": 1, \"b\": 2}\n", "[1, 2]", "<records><object/></records>", "<?xml version=\"1.0\"?><html/>",
        "user_id\n", "a,b,c\n1,2\n", "a,b\n{\"x\": 1, \"y\": 2}\n", "", "  \n",
        "garbage\n{\"a\": 1}\n", "1, 2\n[3, 4]\n",
    ])
    func mayBeRecords(_ text: String) {
        #expect(Self.sniff(text) == nil)
    }

    @Test func aLineCutByTheSniffLimitIsNotJudged() {
        #expect(Self.sniff("a,b", atEnd: false) == nil)
        #expect(Self.sniff("a,b\nc,d", atEnd: false) == .csv(firstLine: "a,b"))
    }

    @Test func longHeadersAreCut() {
        let header = (0..<30).map { "column\($0)" }.joined(separator: ",")
        guard case .csv(let shown)? = Self.sniff(header + "\n") else {
            Issue.record("not CSV")
            return
        }
        #expect(shown == String(header.prefix(60)) + "...")
    }

    @Test func theFrameReaderSniffsOnlyDetectedStreams() throws {
        let csv = "user_id,email\n" + String(repeating: "u,e@x.com\n", count: 1000)
        let detected = FrameReader(source: MemorySource(Array(csv.utf8), chunkSizes: [1]), container: nil, maxRecordBytes: 1 << 20)
        #expect(try detected.detectContainer() == .ndjson)
        #expect(detected.lookalike == .csv(firstLine: "user_id,email"))
        let given = FrameReader(source: MemorySource(Array(csv.utf8)), container: .ndjson, maxRecordBytes: 1 << 20)
        #expect(try given.detectContainer() == .ndjson)
        #expect(given.lookalike == nil)
    }
}
