import Converters
import JSON
import Foundation
import Testing

@Suite struct FileSinkTests {
    typealias T = IOTestSupport

    @Test(arguments: [1, 7, 4096, 1 << 20])
    func writesEverythingInOrder(bufferSize: Int) throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out").path
        let plain = T.sampleText(count: 200_000, seed: 8)
        let sink = try FileSink(path: path, bufferSize: bufferSize)
        var at = 0
        // Small and large pieces, so both the buffer and the direct path are used.
        for size in T.randomChunkSizes(count: 1000, upTo: 9000, seed: 8) where at < plain.count {
            let n = min(size, plain.count - at)
            try plain[at..<(at + n)].withUnsafeBytes { try sink.write($0) }
            at += n
        }
        try plain[at...].withUnsafeBytes { try sink.write($0) }
        try sink.finish()
        try sink.finish()
        #expect(sink.bytesWritten == 200_000)
        #expect(T.same(Array(try Data(contentsOf: URL(fileURLWithPath: path))), plain))
        #expect(throws: OutputFailure.self) { try [UInt8]([1]).withUnsafeBytes { try sink.write($0) } }
    }

    @Test func fullDiskIsAnOutputFailureAndStays() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let sink = try FileSink(path: "/dev/full", bufferSize: 16)
        let bytes = [UInt8](repeating: 7, count: 100)
        #expect {
            try bytes.withUnsafeBytes { try sink.write($0) }
            try sink.finish()
        } throws: { error in
            let message = (error as? OutputFailure)?.message ?? ""
            return message.contains("/dev/full") && message.contains("No space left on device")
        }
        #expect(throws: OutputFailure.self) { try sink.finish() }
    }

    @Test func closedPipeIsAnOutputFailure() throws {
        // Without this the signal would end the test process instead of write returning EPIPE.
        _ = signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        let sink = FileSink(owning: fds[1], path: "pipe", bufferSize: 4)
        #expect {
            try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try sink.write($0) }
            try sink.finish()
        } throws: { error in
            (error as? OutputFailure)?.message.contains("Broken pipe") == true
        }
    }

    @Test func unopenablePathIsAnOutputFailure() {
        #expect(throws: OutputFailure.self) { try FileSink(path: "/nonexistent-etl-test/out") }
    }
}
