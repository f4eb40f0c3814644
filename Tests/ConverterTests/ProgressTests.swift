import Foundation
import SampleData
import Testing

@testable import Converters

/// The progress line: what it says, and that it is shown on a terminal only.
@Suite struct ProgressTests {
    @Test func lineWithKnownSizes() {
        let s = ProgressSnapshot(records: 1_234_567, bytes: 500_000_000, fileBytesRead: 250, fileBytesTotal: 1000)
        #expect(ProgressLine.text(s, elapsed: 10) == "etl: 25% 1,234,567 records, 123,456 records/s, 50.0 MB/s, 0:30 left")
    }

    @Test func lineWithoutSizes() {
        let s = ProgressSnapshot(records: 999, bytes: 1_500_000, fileBytesRead: 10, fileBytesTotal: nil)
        #expect(ProgressLine.text(s, elapsed: 0.5) == "etl: 999 records, 1,998 records/s, 3.0 MB/s")
        #expect(ProgressLine.text(s, elapsed: 0) == "etl: 999 records")
    }

    @Test func clockAndGrouping() {
        #expect(ProgressLine.clock(7.2) == "0:08")
        #expect(ProgressLine.clock(750) == "12:30")
        #expect(ProgressLine.clock(3723) == "1:02:03")
        #expect(ProgressLine.grouped(0) == "0")
        #expect(ProgressLine.grouped(1000) == "1,000")
        #expect(ProgressLine.grouped(999_999) == "999,999")
    }

    /// Run under a pseudo-terminal (util-linux `script`), `etl` draws the line; with stderr a
    /// pipe, as in every command golden, it draws nothing.
    @Test func shownOnATerminalOnly() throws {
        let folder = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.ndjson").path
        try RecordGenerator.write(format: .amplitude, records: 2000, seed: 1, layout: .ndjson, path: input, gzip: false)
        let command = "\(ETLBinary.url.path) convert in.ndjson --to profile -o out.ndjson"

        let script = Process()
        script.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        script.arguments = ["-qec", command, "/dev/null"]
        script.currentDirectoryURL = folder
        let out = Pipe()
        script.standardOutput = out
        script.standardInput = FileHandle.nullDevice
        try script.run()
        let transcript = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        script.waitUntilExit()
        #expect(script.terminationStatus == 0)
        #expect(transcript.contains("records/s"), "\(transcript)")
        #expect(transcript.contains("% "))
        #expect(transcript.contains("\r\u{1B}[K"))

        let piped = try ETLBinary.run(["convert", "in.ndjson", "--to", "profile", "-o", "out2.ndjson"], in: folder)
        #expect(piped.status == 0)
        #expect(!String(decoding: piped.stderr, as: UTF8.self).contains("records/s"))
    }
}
