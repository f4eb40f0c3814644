import SampleData
import JSON
import Schemas
import Converters
import Foundation
import Testing

/// Helpers for the gzip and file tests, kept in one namespace so they cannot collide with
/// other suites' helpers.
enum IOTestSupport {
    /// The committed gzip fixtures (made by `make-fixtures.sh` beside them).
    static let fixtures = Golden.url("gzip")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// Byte-for-byte equality that, unlike `==` in `#expect`, does not print megabytes when it
    /// fails: it records where the two first differ.
    static func same(_ actual: [UInt8], _ expected: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if actual == expected { return true }
        let common = zip(actual, expected).prefix { $0 == $1 }.count
        Issue.record("\(actual.count) bytes, expected \(expected.count); first difference at \(common)", sourceLocation: sourceLocation)
        return false
    }

    static let systemGzip = "/usr/bin/gzip"
    static var hasSystemGzip: Bool { FileManager.default.isExecutableFile(atPath: systemGzip) }

    /// Everything a source gives, read `readSize` bytes at a time; or the fault it threw and
    /// what came before it.
    static func drain(_ source: ByteSource, readSize: Int = 64 * 1024) -> (bytes: [UInt8], fault: InputFault?) {
        var out: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            do {
                let n = try source.read(into: buffer)
                if n == 0 { return (out, nil) }
                out.append(contentsOf: buffer[..<n])
            } catch {
                return (out, error)
            }
        }
    }

    static func randomChunkSizes(count: Int = 64, upTo limit: Int, seed: UInt64) -> [Int] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in Int.random(in: 1...limit, using: &random) }
    }

    /// JSON-like lines with some random noise: compresses about as real dumps do.
    static func sampleText(count: Int, seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(count + 200)
        let countries = ["DE", "US", "FR", "GB", "JP", "BR"]
        var i = 0
        while out.count < count {
            let noise = (0..<Int.random(in: 0...12, using: &random))
                .map { _ in String(UnicodeScalar(UInt8.random(in: 97...122, using: &random))) }.joined()
            let line = #"{"user_id":"u\#(i)","email":"\#(noise)@example.com","country":"\#(countries[i % countries.count])","n":\#(random.next() % 100000)}"# + "\n"
            out.append(contentsOf: line.utf8)
            i += 1
        }
        out.removeLast(out.count - count)
        return out
    }

    /// Collects what is written, in memory.
    final class CollectingSink: ByteSink {
        private(set) var bytes: [UInt8] = []
        private(set) var finished = false
        func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure) {
            if finished { throw OutputFailure("write after finish") }
            self.bytes.append(contentsOf: bytes)
        }
        func finish() throws(OutputFailure) { finished = true }
    }

    /// Accepts `limit` bytes, then fails every write.
    final class FailingSink: ByteSink {
        static let failure = OutputFailure("test sink: disk full")
        private let limit: Int
        private(set) var accepted = 0
        init(failingAfter limit: Int) { self.limit = limit }
        func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure) {
            if accepted + bytes.count > limit { throw Self.failure }
            accepted += bytes.count
        }
        func finish() throws(OutputFailure) {}
    }

    /// A fresh folder under the system's temporary folder; the caller removes it.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("etl-io-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs /usr/bin/gzip with `arguments`, stdin from `input` and stdout to `output`;
    /// returns its exit status.
    static func runGzip(_ arguments: [String], input: URL, output: URL) throws -> Int32 {
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: systemGzip)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The decompressed bytes of a gzip file (or the bytes of a plain one), as `etl` reads them.
    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = try InputFile(MemorySource(bytes), path: "output")
        let drained = IOTestSupport.drain(input)
        if let fault = drained.fault { throw fault }
        return drained.bytes
    }
}
