import Converters
import JSON
import Foundation
import Testing

@Suite struct InputFileTests {
    typealias T = IOTestSupport

    func file(_ folder: URL, _ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func detectsGzipByContentNotName() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gz = try T.fixture("multi.gz")
        let input = try InputFile.open(try file(folder, "dump.json", gz))
        #expect(input.isGzip)
        #expect(T.same(T.drain(input, readSize: 1000).bytes, try T.fixture("a.txt") + T.fixture("b.txt")))
        #expect(input.rawBytesRead == Int64(gz.count))
        #expect(input.gzipMembers == 2)
        input.close()

        let plain = try T.fixture("a.txt")
        let notGzip = try InputFile.open(try file(folder, "dump.json.gz", plain))
        #expect(!notGzip.isGzip)
        #expect(T.same(T.drain(notGzip).bytes, plain))
        #expect(notGzip.rawBytesRead == Int64(plain.count))
        #expect(notGzip.gzipMembers == 0)
    }

    @Test func emptyFileIsAnEmptyStream() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try InputFile.open(try file(folder, "empty.gz", []))
        #expect(!input.isGzip)
        let (bytes, fault) = T.drain(input)
        #expect(bytes.isEmpty)
        #expect(fault == nil)
    }

    /// Peeking must give back every byte, however the source hands them out.
    @Test(arguments: [[1], [2], [1, 3], [5000]])
    func peekingLosesNothing(chunks: [Int]) throws {
        let gz = try T.fixture("single.gz")
        let a = try T.fixture("a.txt")
        let fromGzip = try InputFile(MemorySource(gz, chunkSizes: chunks), path: "x")
        #expect(fromGzip.isGzip)
        #expect(T.same(T.drain(fromGzip, readSize: 3).bytes, a))
        #expect(fromGzip.rawBytesRead == Int64(gz.count))

        for plain in [a, [0x1f], [0x1f, 0x8a, 0x00], [0x7b]] {
            let input = try InputFile(MemorySource(plain, chunkSizes: chunks), path: "x")
            #expect(!input.isGzip)
            #expect(T.same(T.drain(input, readSize: 1).bytes, plain))
        }
    }

    @Test func faultsNameTheFile() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try file(folder, "bad.gz", try T.fixture("trailing-garbage.gz"))
        let input = try InputFile.open(path)
        let fault = try #require(T.drain(input).fault)
        #expect(fault.code == .trailingGarbage)
        #expect(fault.offset == 385)
        #expect(fault.file == path)

        let fromStdin = try InputFile(MemorySource(try T.fixture("truncated-middle.gz")), path: "-")
        #expect(T.drain(fromStdin).fault?.file == "<stdin>")
        #expect(fromStdin.displayName == "<stdin>")
    }

    @Test func missingFileFaultsOnOpen() {
        #expect {
            try InputFile.open("/nonexistent-etl-test/x.json")
        } throws: { error in
            (error as? InputFault)?.code == .readFailed
        }
    }
}
