import Foundation
import Testing

/// The bad-input cases' 50 MB single record, generated here rather than committed: over the default
/// `--max-record-bytes` it is a counted reject carrying its first bytes, and the records around
/// it still convert; under a raised limit it converts like any other.
@Suite struct BigRecordTests {
    static let blobLength = 50 * 1024 * 1024

    /// `{"userData": ... "blob": "xxxx..."}` of just over 50 MB between two small records.
    static func write(to url: URL, arrayContainer: Bool) throws {
        let handle = try FileHandle(forWritingTo: { FileManager.default.createFile(atPath: url.path, contents: nil); return url }())
        defer { try? handle.close() }
        let (open, sep, close) = arrayContainer ? ("[", ",\n", "]\n") : ("", "\n", "\n")
        handle.write(Data((open + #"{"userData": {"user_id": "before"}}"# + sep + #"{"userData": {"user_id": "big", "amp_props": {"blob": ""#).utf8))
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<(blobLength >> 20) { handle.write(chunk) }
        handle.write(Data((#""}}}"# + sep + #"{"userData": {"user_id": "after"}}"# + close).utf8))
    }

    @Test(arguments: [false, true])
    func overTheLimitIsARejectWithItsPrefix(arrayContainer: Bool) throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let input = arrayContainer ? "big.json" : "big.ndjson"
        try Self.write(to: work.appendingPathComponent(input), arrayContainer: arrayContainer)
        let run = try ETLBinary.run(
            ["convert", input, "--from", "amplitude", "--to", "profile", "-o", "out.ndjson", "--rejects", "rejects.ndjson"],
            in: work)
        #expect(run.status == 3, "\(String(decoding: run.stderr, as: UTF8.self))")
        let out = try String(contentsOf: work.appendingPathComponent("out.ndjson"), encoding: .utf8)
        #expect(out == "{\"external_id\":\"before\"}\n{\"external_id\":\"after\"}\n")
        let rejects = try String(contentsOf: work.appendingPathComponent("rejects.ndjson"), encoding: .utf8)
        let length = 59 + Self.blobLength
        #expect(rejects.hasPrefix(#"{"file":"\#(input)","record":2,\#(arrayContainer ? "" : #""line":2,"#)"offset":\#(arrayContainer ? 38 : 36),"code":"record_too_large","message":"record of \#(length) bytes is over --max-record-bytes 16777216","length":\#(length),"truncated":true,"text":"{\"userData\": {\"user_id\": \"big\""#),
                "\(rejects.prefix(300))")
        #expect(rejects.split(separator: "\n").count == 1)
        #expect(rejects.utf8.count < 10_000, "only a prefix of the record is kept")
    }

    @Test func underARaisedLimitItConverts() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try Self.write(to: work.appendingPathComponent("big.ndjson"), arrayContainer: false)
        let run = try ETLBinary.run(
            ["convert", "big.ndjson", "--from", "amplitude", "--to", "profile", "-o", "out.ndjson",
             "--max-record-bytes", "60000000", "--report", "report.json"], in: work)
        #expect(run.status == 0, "\(String(decoding: run.stderr, as: UTF8.self))")
        let out = try String(contentsOf: work.appendingPathComponent("out.ndjson"), encoding: .utf8)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 3)
        // The profile format keeps the whole string (the Braze writers cut custom strings).
        let big = lines.dropFirst().first ?? ""
        #expect(big.hasPrefix(#"{"external_id":"big","custom_attributes":{"blob":"xxxx"#) && big.hasSuffix(#"xxxx"}}"#))
        #expect(big.utf8.count == 53 + Self.blobLength)
        let report = try String(contentsOf: work.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(report.contains(#""read": 3"#) && report.contains(#""written": 3"#))
    }
}
