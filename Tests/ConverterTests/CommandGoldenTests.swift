import Foundation
import Testing

@testable import Converters
import JSON

/// Whole-command cases run against the built `etl` binary. A case is a folder under
/// `GoldenFiles/commands/`: `args` (the command line after `etl`), optional `stdin`, `copy`
/// (repository files to copy in, one path a line), `setup` (shell commands run in the work
/// folder first, such as `ln -s`; what they make counts as input), `stdin-file` (a file of the
/// work folder to redirect standard input from, as `< file`), `stdout-limit` (bytes of
/// standard output read before it is closed, as `| head -c`), input files, and `expected/` holding
/// `status`, `stdout`, `stderr` and every file the run leaves behind (a `.gz` output is
/// compared decompressed, as `<name>.txt`). A file the run leaves that `expected/` does not
/// hold fails the case, so stray temp files and partial outputs are caught.
/// `GoldenFiles/bad-inputs/` holds bad-input cases of the same shape (rebuilt by its `make.py`).
@Suite struct CommandGoldenTests {
    static func cases(_ folder: String) -> [String] {
        let path = Golden.url(folder).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.contains(".") }.sorted()
    }

    @Test(arguments: cases("commands"))
    func command(_ name: String) throws {
        try Self.check(case: name, in: "commands")
    }

    @Test(arguments: cases("bad-inputs"))
    func badInput(_ name: String) throws {
        try Self.check(case: name, in: "bad-inputs")
    }

    static func check(case name: String, in folder: String) throws {
        let source = Golden.url(folder).appendingPathComponent(name)
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let setup: Set<String> = ["args", "stdin", "copy", "expected", "setup", "stdin-file", "stdout-limit"]
        var inputs: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where !setup.contains(file) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: work.appendingPathComponent(file))
            inputs.insert(file)
        }
        if let copy = try? String(contentsOf: source.appendingPathComponent("copy"), encoding: .utf8) {
            for path in copy.split(separator: "\n").map(String.init) where !path.isEmpty {
                let target = work.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: ETLBinary.repository.appendingPathComponent(path), to: target)
                inputs.insert(String(path.split(separator: "/")[0]))
            }
        }
        if let commands = try? String(contentsOf: source.appendingPathComponent("setup"), encoding: .utf8) {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-e", "-c", commands]
            shell.currentDirectoryURL = work
            try shell.run()
            shell.waitUntilExit()
            #expect(shell.terminationStatus == 0, "\(name): setup failed")
            for file in try FileManager.default.contentsOfDirectory(atPath: work.path) { inputs.insert(file) }
        }
        let args = try Self.split(String(contentsOf: source.appendingPathComponent("args"), encoding: .utf8))
        let stdin = try? Data(contentsOf: source.appendingPathComponent("stdin"))
        let stdinFile = (try? String(contentsOf: source.appendingPathComponent("stdin-file"), encoding: .utf8))
            .map { work.appendingPathComponent($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let stdoutLimit = (try? String(contentsOf: source.appendingPathComponent("stdout-limit"), encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let run = try ETLBinary.run(args, stdin: stdin, stdinFile: stdinFile, stdoutLimit: stdoutLimit, in: work)

        let expected = "\(folder)/\(name)/expected/"
        Golden.check("\(run.status)\n", expected + "status")
        // `--report -` puts the report on stdout: its timing is normalised as in a report file.
        let reportOnStdout = args.contains("--report") && args.contains("-")
        Golden.check(reportOnStdout ? Golden.normalisedReport(run.stdout) : run.stdout, expected + "stdout")
        Golden.check(Golden.normalisedStderr(run.stderr), expected + "stderr")

        var produced: Set<String> = ["status", "stdout", "stderr"]
        let left = try FileManager.default.contentsOfDirectory(atPath: work.path).filter { !inputs.contains($0) }
        for file in left.sorted() {
            var bytes = [UInt8](try Data(contentsOf: work.appendingPathComponent(file)))
            var goldenName = file
            if file.hasSuffix(".gz") {
                bytes = try IOTestSupport.gunzip(bytes)
                goldenName += ".txt"
            }
            if file.hasSuffix(".json") && file.contains("report") { bytes = Golden.normalisedReport(bytes) }
            Golden.check(bytes, expected + goldenName)
            produced.insert(goldenName)
        }
        // Files published before (an old output) must still be as they were.
        for file in inputs where FileManager.default.fileExists(atPath: source.appendingPathComponent("expected/\(file)").path) {
            var bytes = [UInt8](try Data(contentsOf: work.appendingPathComponent(file)))
            if file.hasSuffix(".json") && file.contains("report") { bytes = Golden.normalisedReport(bytes) }
            Golden.check(bytes, expected + file)
            produced.insert(file)
        }
        let wanted = (try? FileManager.default.contentsOfDirectory(atPath: source.appendingPathComponent("expected").path)) ?? []
        for file in wanted where !produced.contains(file) {
            Issue.record("\(name): expected \(file), which the run did not leave")
        }
    }

    /// Splits a command line on spaces, honouring double quotes.
    static func split(_ line: String) -> [String] {
        var args: [String] = []
        var current = ""
        var quoted = false
        var started = false
        for c in line.trimmingCharacters(in: .whitespacesAndNewlines) {
            if c == "\"" {
                quoted.toggle()
                started = true
            } else if c == " " && !quoted {
                if started { args.append(current) }
                current = ""
                started = false
            } else {
                current.append(c)
                started = true
            }
        }
        if started { args.append(current) }
        return args
    }
}
