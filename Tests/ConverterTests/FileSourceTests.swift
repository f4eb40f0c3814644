import Converters
import JSON
import Foundation
import Testing

@Suite struct FileSourceTests {
    typealias T = IOTestSupport

    @Test func readsAFileInChunks() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("in")
        let plain = T.sampleText(count: 300_001, seed: 4)
        try Data(plain).write(to: url)
        let source = try FileSource(path: url.path)
        #expect(T.same(T.drain(source, readSize: 4093).bytes, plain))
        #expect(source.bytesRead == 300_001)
        source.close()
        source.close()
        #expect(T.drain(source).fault?.code == .readFailed)
    }

    @Test func missingFileIsReadFailedWithTheOSText() throws {
        let path = "/nonexistent-etl-test/in.json"
        #expect {
            try FileSource(path: path)
        } throws: { error in
            guard let fault = error as? InputFault else { return false }
            return fault.code == .readFailed && fault.file == path
                && fault.message.contains("No such file or directory")
        }
    }

    @Test func folderFailsOnRead() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try FileSource(path: folder.path)
        let fault = try #require(T.drain(source).fault)
        #expect(fault.code == .readFailed)
        #expect(fault.message.contains("Is a directory"))
    }
}
