import Converters
import JSON
import Foundation
import Testing

@Suite struct AtomicFileTests {
    typealias T = IOTestSupport

    func contents(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func names(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    func write(_ text: String, to sink: ByteSink) throws {
        try Array(text.utf8).withUnsafeBytes { try sink.write($0) }
    }

    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int) ?? -1
    }

    /// The default where the file system has `O_TMPFILE` (the test folder's does): no name in
    /// the folder until the commit, so nothing a SIGKILL could leave.
    @Test func anUnnamedTemporaryFileIsInvisibleUntilTheCommit() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.json").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let file = try AtomicFile(path: path)
        #expect(file.isUnnamed)
        #expect(file.temporaryPath == nil)
        try write("{\"a\":1}\n", to: file.sink)
        try file.sink.flush()
        #expect(try names(in: folder) == ["out.json"])
        #expect(try contents(path) == Array("old\n".utf8))
        try file.commit()
        #expect(try contents(path) == Array("{\"a\":1}\n".utf8))
        #expect(try names(in: folder) == ["out.json"])
        #expect(try mode(path) == 0o600)  // the replaced file's mode is kept
    }

    @Test func anAbortedUnnamedFileLeavesNothing() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try AtomicFile(path: folder.appendingPathComponent("out.json").path)
        try write("partial", to: file.sink)
        file.abort()
        #expect(try names(in: folder).isEmpty)
    }

    @Test func commitPublishesFromATemporaryFileInTheSameFolder() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.json").path
        let file = try AtomicFile(path: path, unnamed: false)
        let temporary = try #require(file.temporaryPath)

        #expect(URL(fileURLWithPath: temporary).deletingLastPathComponent().path == folder.path)
        #expect(URL(fileURLWithPath: temporary).lastPathComponent.hasPrefix(".out.json.etl-tmp-\(getpid())-"))
        try write("{\"a\":1}\n", to: file.sink)
        // Before the commit the final path does not exist; only the temporary file does.
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try names(in: folder).count == 1)

        try file.commit()
        #expect(try contents(path) == Array("{\"a\":1}\n".utf8))
        #expect(try names(in: folder) == ["out.json"])
        #expect(try mode(path) & 0o133 == 0)  // 0644 at most: no execute, no group/other write
        try file.commit()  // a second commit does nothing
        file.abort()  // nor does an abort after it
        #expect(try contents(path) == Array("{\"a\":1}\n".utf8))
    }

    @Test func abortKeepsThePreviousFile() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.json").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))

        let file = try AtomicFile(path: path)
        try write("new, but the run failed", to: file.sink)
        try file.sink.flush()
        file.abort()
        file.abort()
        #expect(try contents(path) == Array("old\n".utf8))
        #expect(try names(in: folder) == ["out.json"])
        #expect(throws: OutputFailure.self) { try file.commit() }
    }

    @Test func droppingWithoutCommitAborts() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.json").path
        do {
            let file = try AtomicFile(path: path)
            try write("partial", to: file.sink)
        }
        #expect(try names(in: folder).isEmpty)
    }

    @Test func replacingKeepsTheOldFilesPermissions() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("private.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)

        let file = try AtomicFile(path: path)
        try write("new", to: file.sink)
        try file.commit()
        #expect(try contents(path) == Array("new".utf8))
        #expect(try mode(path) == 0o600)
    }

    @Test func refusesTargetsThatARenameWouldDestroy() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for path in [fifo, folder.path, "/dev/null"] {
            #expect(throws: OutputFailure.self, "\(path)") { try AtomicFile(path: path) }
        }
        #expect(try names(in: folder) == ["fifo"])
    }

    @Test func missingFolderIsAnOutputFailure() {
        #expect {
            try AtomicFile(path: "/nonexistent-etl-test/out.json")
        } throws: { error in
            (error as? OutputFailure)?.message.contains("No such file or directory") == true
        }
    }

    @Test func gzipThroughAnAtomicFile() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.ndjson.gz").path
        let plain = T.sampleText(count: 2_500_000, seed: 21)

        let file = try AtomicFile(path: path)
        let encoder = try GzipEncoder(file.sink, level: 1)
        try plain.withUnsafeBytes { try encoder.write($0) }
        try encoder.finish()
        try file.commit()

        let input = try InputFile.open(path)
        #expect(input.isGzip)
        #expect(T.same(T.drain(input).bytes, plain))
        #expect(try names(in: folder) == ["out.ndjson.gz"])
    }
}
