import Foundation
import Testing

/// A run killed by SIGTERM (a cron timeout) leaves neither output nor temporary file behind.
@Suite struct SignalCleanupTests {
    @Test func terminatedRunRemovesItsTemporaryFile() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let process = Process()
        process.executableURL = ETLBinary.url
        process.arguments = ["convert", "--from", "amplitude", "--to", "braze-track", "-o", "out.ndjson.gz", "-q"]
        process.currentDirectoryURL = work
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(#"{"userData":{"user_id":"u1"}}"#.utf8 + [0x0A]))

        // The temporary file exists from the start; wait for it (stdin stays open, so the
        // run cannot finish on its own).
        var temporary: [String] = []
        for _ in 0..<200 where temporary.isEmpty {
            temporary = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { $0.contains(".etl-tmp-") }
            if temporary.isEmpty { usleep(20_000) }
        }
        #expect(temporary.count == 1)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let left = try FileManager.default.contentsOfDirectory(atPath: work.path)
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
