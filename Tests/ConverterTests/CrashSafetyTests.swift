import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The atomic publish under faults the run cannot prevent: SIGKILL mid-way, a full disk,
/// a file size limit, an unwritable folder, a closed or full standard output. Each ends with a
/// clear message and status 1 (or death by the signal), and the output path holds its previous
/// file or nothing, never a partial one.
@Suite(.serialized) struct CrashSafetyTests {
    static let previous = "previous good output\n"

    /// Enough input that every output is well over a few KB.
    static func writeInput(to folder: URL, copies: Int = 4) throws {
        let packed = [UInt8](try Data(contentsOf: ETLBinary.repository.appendingPathComponent("samples/amplitude-users.ndjson.gz")))
        let plain = try IOTestSupport.gunzip(packed)
        try Data(Array(repeating: plain, count: copies).joined()).write(to: folder.appendingPathComponent("in.ndjson"))
    }

    static func temporaryFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".etl-tmp-") }
    }

    /// A run whose standard input stays open, so it is mid-way for as long as the test wants;
    /// returns once its temporary file is open (it is from the start), with the temporary
    /// files visible in the folder: none when the file is unnamed (`O_TMPFILE`), one with
    /// `ETL_TMPFILE=named`.
    static func stalledRun(in work: URL, named: Bool = false) throws -> (process: Process, temporary: [String]) {
        let process = Process()
        process.executableURL = ETLBinary.url
        process.arguments = ["convert", "--from", "amplitude", "--to", "braze-track", "-o", "out.ndjson.gz", "-q"]
        process.currentDirectoryURL = work
        if named { process.environment = ProcessInfo.processInfo.environment.merging(["ETL_TMPFILE": "named"]) { $1 } }
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(#"{"userData":{"user_id":"u1"}}"#.utf8 + [0x0A]))
        for _ in 0..<250 where try !hasOutputOpen(process.processIdentifier, in: work) { usleep(20_000) }
        return (process, try temporaryFiles(in: work))
    }

    /// Whether the process holds a file of `folder` open for writing (its temporary output,
    /// named or not: an unnamed one shows in /proc as `<folder>/#<inode> (deleted)`).
    static func hasOutputOpen(_ pid: Int32, in folder: URL) throws -> Bool {
        let fds = "/proc/\(pid)/fd"
        let folderPath = folder.resolvingSymlinksInPath().path
        for fd in (try? FileManager.default.contentsOfDirectory(atPath: fds)) ?? [] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fds)/\(fd)"),
                target.hasPrefix(folderPath + "/") || target.hasPrefix(folder.path + "/") {
                return true
            }
        }
        return false
    }

    /// SIGTERM (a cron timeout): the handler removes the temporary file; nothing is left.
    @Test(arguments: [false, true])
    func sigtermLeavesNothing(named: Bool) throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let (process, temporary) = try Self.stalledRun(in: work, named: named)
        #expect(temporary.count == (named ? 1 : 0))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let left = try FileManager.default.contentsOfDirectory(atPath: work.path)
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// SIGKILL with an unnamed temporary file (`O_TMPFILE`, the default on Linux file systems
    /// that have it, as the test folder's does): the kernel frees it; nothing is left at all.
    @Test func sigkillLeavesNothingWithAnUnnamedTemporaryFile() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let (process, temporary) = try Self.stalledRun(in: work)
        #expect(try Self.hasOutputOpen(process.processIdentifier, in: work), "the run never opened its output")
        #expect(temporary.isEmpty)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        let left = try FileManager.default.contentsOfDirectory(atPath: work.path)
        #expect(left.isEmpty, "left behind: \(left)")
    }

    /// The fallback where there is no `O_TMPFILE` (forced here with `ETL_TMPFILE=named`).
    @Test func sigkillLeavesNoOutputAndTheNextRunRemovesTheTemporaryFile() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let (process, temporary) = try Self.stalledRun(in: work, named: true)
        #expect(temporary.count == 1)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
        // No handler runs on SIGKILL: the hidden temp file stays, the output path stays empty.
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out.ndjson.gz").path))
        #expect(try Self.temporaryFiles(in: work) == temporary)
        // Another output's temp file of a dead process is not this run's business.
        let other = ".other.ndjson.etl-tmp-\(process.processIdentifier)-abc"
        FileManager.default.createFile(atPath: work.appendingPathComponent(other).path, contents: Data())

        // The next run to the same path removes it (its process is gone) and publishes.
        let run = try ETLBinary.run(
            ["convert", "--from", "amplitude", "--to", "braze-track", "-o", "out.ndjson.gz", "-q"],
            stdin: Data(#"{"userData":{"user_id":"u1"}}"#.utf8 + [0x0A]), in: work)
        #expect(run.status == 0)
        #expect(try Self.temporaryFiles(in: work) == [other])
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("out.ndjson.gz").path))
    }

    @Test func liveRunsKeepTheirTemporaryFiles() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        // PID 1 always runs; a name that is not quite a temp file is never touched.
        let kept = [".out.ndjson.etl-tmp-1-abc", ".out.ndjson.etl-tmp-x-abc", ".out.ndjson.etl-tmp-999999999-xyz", "out.ndjson.etl-tmp-999999999-abc"]
        for name in kept { FileManager.default.createFile(atPath: work.appendingPathComponent(name).path, contents: Data()) }
        let run = try ETLBinary.run(["convert", "--from", "amplitude", "--to", "profile", "-o", "out.ndjson", "-q"],
                                    stdin: Data(), in: work)
        #expect(run.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted() == (kept + ["out.ndjson"]).sorted())
    }

    /// Runs `etl convert in.ndjson ... -o <output>` through `sh -c` with `prefix` before it.
    static func runShell(_ prefix: String, output: String, extra: String = "", in work: URL) throws -> ETLBinary.Run {
        let command = "\(prefix) '\(ETLBinary.url.path)' convert in.ndjson --from amplitude --to profile -o \(output) -q \(extra)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = work
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ETLBinary.Run(status: process.terminationStatus, stdout: [], stderr: [UInt8](errData))
    }

    @Test(arguments: ["out.ndjson", "out.ndjson.gz"])
    func fileSizeLimitKeepsThePreviousFile(output: String) throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try Self.writeInput(to: work)
        // ThreadSanitizer's runtime dies of SIGBUS at start-up under a file size limit (its
        // shadow memory is file-backed), before `etl` runs: nothing to learn there.
        if ProcessInfo.processInfo.environment["ETL_SANITIZER"] == "thread" { return }
        try Data(Self.previous.utf8).write(to: work.appendingPathComponent(output))
        // 8 KB at most per file, and SIGXFSZ ignored, so writing fails with EFBIG.
        let run = try Self.runShell("ulimit -f 8; trap '' XFSZ; exec", output: output, in: work)
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        #expect(run.status == 1, "\(stderr)")
        #expect(stderr.contains("etl: \(output): write failed: File too large"), "\(stderr)")
        #expect(stderr.contains("nothing published") || !stderr.contains("output:"))
        #expect(try String(contentsOf: work.appendingPathComponent(output), encoding: .utf8) == Self.previous)
        #expect(try Self.temporaryFiles(in: work).isEmpty)
    }

    @Test func fullDiskKeepsThePreviousFile() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try Self.writeInput(to: work)
        let small = work.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        // A 64 KB tmpfs, where the machine allows mounting (root here); else nothing to check.
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", small.path]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { return }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { return }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [small.path]
            try? umount.run()
            umount.waitUntilExit()
        }
        try Data(Self.previous.utf8).write(to: small.appendingPathComponent("out.ndjson"))
        let run = try Self.runShell("exec", output: "small/out.ndjson", in: work)
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        #expect(run.status == 1, "\(stderr)")
        #expect(stderr.contains("etl: small/out.ndjson: write failed: No space left on device"), "\(stderr)")
        #expect(try String(contentsOf: small.appendingPathComponent("out.ndjson"), encoding: .utf8) == Self.previous)
        #expect(try Self.temporaryFiles(in: small).isEmpty)
    }

    @Test func devFullIsRefusedAsAFileAndFailsAsStandardOutput() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try Self.writeInput(to: work, copies: 1)
        // As -o: a device cannot be replaced by a rename, so it is refused before any work.
        let asFile = try Self.runShell("exec", output: "/dev/full", in: work)
        #expect(asFile.status == 1)
        #expect(String(decoding: asFile.stderr, as: UTF8.self).hasPrefix(
            "etl: /dev/full: exists and is not a regular file; it cannot be replaced atomically\n"))
        // As standard output: the write fails with ENOSPC.
        let asStdout = try Self.runShell("exec", output: "-", extra: "> /dev/full", in: work)
        #expect(asStdout.status == 1)
        #expect(String(decoding: asStdout.stderr, as: UTF8.self).contains("etl: -: write failed: No space left on device"))
    }

    @Test func unwritableFolderIsAClearFailure() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try Self.writeInput(to: work, copies: 1)
        let locked = work.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: work.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: work.appendingPathComponent("in.ndjson").path)
        // Root writes anywhere: run as nobody then.
        let prefix = getuid() == 0 ? "exec setpriv --reuid=65534 --regid=65534 --clear-groups" : "exec"
        let run = try Self.runShell(prefix, output: "locked/out.ndjson", in: work)
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        #expect(run.status == 1, "\(stderr)")
        #expect(stderr.hasPrefix("etl: locked/out.ndjson: cannot create a temporary file in locked: Permission denied\n"), "\(stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked.path).isEmpty)
    }

    /// `etl ... | head`: the reader had what it wanted. No error line; the status is 141, as
    /// for any filter whose reader went away (`set -o pipefail` passes it on).
    @Test(arguments: ["", "--gzip"])
    func closedStandardOutputStopsQuietly(flag: String) throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try Self.writeInput(to: work, copies: 8)
        let run = try Self.runShell("set -o pipefail;", output: "-", extra: "\(flag) | head -c 10 > /dev/null", in: work)
        let stderr = String(decoding: run.stderr, as: UTF8.self)
        #expect(run.status == 141, "\(stderr)")
        // Only the sample's own rejects (no --rejects file): no write error.
        #expect(!stderr.contains("Broken pipe") && !stderr.contains("write failed"), "\(stderr)")
    }
}
