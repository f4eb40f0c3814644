import Foundation
import Testing

/// The Spark job (`integrations/spark/etl_spark.py`) run by `spark-submit` in Spark's local
/// mode, two cores, on the samples and on generated files: the merged report is the sum of
/// single runs, every part and rejects file is byte for byte what `etl convert` writes for
/// that file alone, a corrupt input fails the job by name with no `_SUCCESS`, and a task killed
/// mid-write and run again leaves one copy of its part.
///
/// pyspark comes from `.build/spark-venv`, which `.ci/run` makes (`integrations/spark/make-venv`);
/// when it is missing the suite makes it, and fails, saying so, when it cannot.
@Suite(.serialized) struct SparkJobTests {
    static let venv = ETLBinary.repository.appendingPathComponent(".build/spark-venv")
    static let script = ETLBinary.repository.appendingPathComponent("integrations/spark/etl_spark.py")
    static let options = ["--to", "braze-track", "--gzip-level", "1", "--batch-size", "50"]

    struct Run {
        var status: Int32
        var stderr: String
    }

    /// The venv's spark-submit, made first when `.ci/run` has not made it.
    static func sparkSubmit() throws -> URL {
        let submit = venv.appendingPathComponent("bin/spark-submit")
        if !FileManager.default.fileExists(atPath: venv.appendingPathComponent(".installed").path) {
            let made = try run(ETLBinary.repository.appendingPathComponent("integrations/spark/make-venv"),
                               [venv.path], in: ETLBinary.repository, timeout: 900)
            if made.status != 0 {
                throw SparkSuiteError(
                    "the Spark suite needs pyspark in \(venv.path): run .ci/run (or integrations/spark/make-venv), "
                        + "which installs it from PyPI; making it here failed (status \(made.status)): \(made.stderr)")
            }
        }
        return submit
    }

    struct SparkSuiteError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs the job with `spark-submit --master MASTER`; Spark binds only to 127.0.0.1 and
    /// starts no web UI.
    static func job(_ arguments: [String], master: String = "local[2]", in folder: URL,
                    environment: [String: String] = [:]) throws -> Run {
        let submit = try sparkSubmit()
        let bin = venv.appendingPathComponent("bin").path
        var env = environment
        env["PATH"] = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        env["PYSPARK_PYTHON"] = bin + "/python"
        env["PYSPARK_DRIVER_PYTHON"] = bin + "/python"
        env["SPARK_LOCAL_IP"] = "127.0.0.1"
        let conf = ["spark.ui.enabled=false", "spark.log.level=WARN", "spark.driver.host=127.0.0.1"]
            .flatMap { ["--conf", $0] }
        return try run(submit, ["--master", master] + conf + [script.path] + arguments,
                       in: folder, environment: env, timeout: 600)
    }

    static func run(_ executable: URL, _ arguments: [String], in folder: URL,
                    environment: [String: String] = [:], timeout: Double) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = folder
        // Spark logs a lot: to a file, so no pipe fills up.
        let log = folder.appendingPathComponent("spark-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close(); try? FileManager.default.removeItem(at: log) }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return Run(status: process.terminationStatus, stderr: text)
    }

    /// Generated Amplitude and Braze files of several kinds: gzipped and plain, NDJSON and a
    /// JSON array, and an empty one.
    static func generatedInputs(in folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let specs: [(name: String, arguments: [String])] = [
            ("amplitude-1.ndjson.gz", ["--format", "amplitude", "--records", "1500", "--seed", "1"]),
            ("amplitude-2.ndjson.gz", ["--format", "amplitude", "--records", "700", "--seed", "2"]),
            ("amplitude-3.ndjson", ["--format", "amplitude", "--records", "400", "--seed", "3"]),
            ("amplitude-4.json.gz", ["--format", "amplitude", "--records", "300", "--seed", "4", "--container", "json"]),
            ("braze-export-5.ndjson.gz", ["--format", "braze-export", "--records", "300", "--seed", "5"]),
        ]
        var files: [URL] = []
        for spec in specs {
            let file = folder.appendingPathComponent(spec.name)
            let made = try ETLBinary.run(["generate"] + spec.arguments + ["-o", file.path], in: folder)
            #expect(made.status == 0, "etl generate \(spec.arguments)")
            files.append(file)
        }
        let empty = folder.appendingPathComponent("empty.ndjson.gz")
        FileManager.default.createFile(atPath: empty.path, contents: Data())
        return files + [empty]
    }

    /// `etl convert` on one file alone, as the job's task runs it.
    struct Single {
        var part: Data
        var rejects: Data
        var report: [String: Any]
    }

    static func single(_ input: URL, in folder: URL) throws -> Single {
        let work = folder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let run = try ETLBinary.run(["convert", input.path] + options
                                        + ["-o", input.lastPathComponent, "--rejects", "rejects.ndjson.gz", "--report", "report.json"], in: work)
        #expect(run.status == 0 || run.status == 3, "\(input.lastPathComponent): \(String(decoding: run.stderr, as: UTF8.self))")
        return Single(part: try Data(contentsOf: work.appendingPathComponent(input.lastPathComponent)),
                      rejects: try Data(contentsOf: work.appendingPathComponent("rejects.ndjson.gz")),
                      report: try object(work.appendingPathComponent("report.json")))
    }

    static func object(_ file: URL) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
        return try #require(value as? [String: Any], "\(file.path) is not a JSON object")
    }

    /// Sums count tables, nested ones too (`warnings`: code -> field -> count).
    static func sum(_ tables: [Any]) -> NSDictionary {
        var total: [String: Any] = [:]
        for case let table as [String: Any] in tables {
            for (key, value) in table {
                if let n = value as? Int {
                    total[key] = (total[key] as? Int ?? 0) + n
                } else if let inner = value as? [String: Any] {
                    total[key] = sum([total[key] ?? [String: Any](), inner])
                }
            }
        }
        return total as NSDictionary
    }

    static func entries(_ folder: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    }

    @Test func mergedReportIsTheSumOfSingleRunsAndPartsAreTheirBytes() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let generated = try Self.generatedInputs(in: work.appendingPathComponent("in"))
        let samples = ["amplitude-users.ndjson.gz", "braze-export-users.ndjson.gz"]
            .map { ETLBinary.repository.appendingPathComponent("samples/\($0)") }
        // A glob, a plain path given twice (listed once), and the samples; no --from: each file's
        // format is detected, as in a single run.
        let plain = work.appendingPathComponent("in/amplitude-3.ndjson").path
        let run = try Self.job(["--etl", ETLBinary.url.path, "--output", "out"] + Self.options
                                   + samples.map(\.path) + [work.path + "/in/*.gz", plain, plain], in: work)
        #expect(run.status == 3, "\(run.stderr.suffix(3000))")

        let out = work.appendingPathComponent("out")
        // The task's order: by URI, which sorts as the paths do.
        let inputs = (samples + generated).sorted { $0.path < $1.path }
        let parts = inputs.enumerated().map { String(format: "part-%05d-", $0.offset) + $0.element.lastPathComponent }
        #expect(Self.entries(out) == Set(parts + ["_SUCCESS", "_report.json", "_rejects", "_reports"]))
        let report = try Self.object(out.appendingPathComponent("_report.json"))

        var singles: [[String: Any]] = []
        for (index, input) in inputs.enumerated() {
            let single = try Self.single(input, in: work.appendingPathComponent("single"))
            singles.append(single.report)
            let part = try Data(contentsOf: out.appendingPathComponent(parts[index]))
            #expect(IOTestSupport.same([UInt8](part), [UInt8](single.part)), "\(parts[index])")
            let rejects = try Data(contentsOf: out.appendingPathComponent(String(format: "_rejects/part-%05d.ndjson.gz", index)))
            #expect(IOTestSupport.same([UInt8](rejects), [UInt8](single.rejects)), "rejects of \(parts[index])")
            let partReport = try Self.object(out.appendingPathComponent(String(format: "_reports/part-%05d.json", index)))
            #expect((partReport["records"] as? NSDictionary) == (single.report["records"] as? NSDictionary))
        }
        for key in ["records", "rejected", "warnings", "normalised", "fields", "unmapped"] {
            #expect((report[key] as? NSDictionary) == Self.sum(singles.compactMap { $0[key] }), "\(key)")
        }
        #expect(report["bytes_in"] as? Int == singles.reduce(0) { $0 + ($1["bytes_in"] as? Int ?? 0) })
        let outputs = singles.compactMap { $0["output"] as? [String: Any] }
        let output = try #require(report["output"] as? [String: Any])
        #expect(output["values"] as? Int == outputs.reduce(0) { $0 + ($1["values"] as? Int ?? 0) })
        #expect(output["bytes"] as? Int == outputs.reduce(0) { $0 + ($1["bytes"] as? Int ?? 0) })
        #expect((report["inputs"] as? NSArray) == (singles.flatMap { $0["inputs"] as? [Any] ?? [] } as NSArray))
        #expect(report["exit_status"] as? Int == 3)
        #expect(report["accounting_ok"] as? Bool == true)
        #expect(report["to"] as? String == "braze-track")
        #expect(report["from"] is NSNull, "amplitude and braze-export inputs: no one format")
        let entries = try #require(report["parts"] as? [[String: Any]])
        #expect(entries.map { $0["input"] as? String } == inputs.map(\.path))
        #expect(entries.map { $0["part"] as? String } == parts)
    }

    @Test func aCorruptInputFailsTheJobByNameAndLeavesNoSuccess() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let input = work.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let good = input.appendingPathComponent("good.ndjson.gz")
        let made = try ETLBinary.run(["generate", "--format", "amplitude", "--records", "2000", "--seed", "7", "-o", good.path], in: work)
        #expect(made.status == 0)
        // Cut in the middle: a gzip stream that ends inside a member.
        let bytes = try Data(contentsOf: good)
        let broken = input.appendingPathComponent("broken.ndjson.gz")
        try bytes.prefix(bytes.count / 2).write(to: broken)
        let alone = try ETLBinary.run(["convert", broken.path, "--to", "braze-track", "-o", "x.ndjson.gz",
                                       "--report", "alone.json", "-q"], in: work)
        #expect(alone.status == 65)
        let fault = try #require(try Self.object(work.appendingPathComponent("alone.json"))["fault"] as? String)

        let run = try Self.job(["--etl", ETLBinary.url.path, "--output", "out", "--to", "braze-track", input.path], in: work)
        #expect(run.status == 65)
        #expect(run.stderr.contains("etl_spark: failed, no _SUCCESS: \(broken.path): etl convert ended with status 65: \(fault)"),
                "\(run.stderr.suffix(3000))")
        let out = work.appendingPathComponent("out")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("_SUCCESS").path))
        #expect(!Self.entries(out).contains("part-00000-broken.ndjson.gz"))
        let report = try Self.object(out.appendingPathComponent("_report.json"))
        #expect(report["exit_status"] as? Int == 65)
        #expect((report["fault"] as? String)?.contains(broken.path) == true)
        // Its own report says why, as a single run's does.
        let partReport = try Self.object(out.appendingPathComponent("_reports/part-00000.json"))
        #expect(partReport["fault"] as? String == fault)
    }

    /// The task converting one file is killed (SIGKILL to etl and to the task's Python worker)
    /// once etl has begun writing; Spark runs the task again (`local[2,2]`: two attempts).
    @Test func aKilledAndRetriedTaskLeavesOneCopyOfItsPart() throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let input = work.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        var files: [URL] = []
        for (name, seed) in [("a.ndjson.gz", "11"), ("b.ndjson.gz", "12")] {
            let file = input.appendingPathComponent(name)
            let made = try ETLBinary.run(["generate", "--format", "amplitude", "--records", "3000", "--seed", seed, "-o", file.path], in: work)
            #expect(made.status == 0)
            files.append(file)
        }
        // Shipped as the job's etl: runs the real one, except the first time it is given
        // b.ndjson.gz, when it kills it and the task's worker as soon as etl's temporary output
        // exists.
        let killer = work.appendingPathComponent("etl-killer")
        let marker = work.appendingPathComponent("killed")
        try """
        #!/bin/sh
        case " $* " in
        *"/b.ndjson.gz "*)
            if mkdir "\(marker.path)" 2>/dev/null; then
                "\(ETLBinary.url.path)" "$@" &
                child=$!
                i=0
                while [ -z "$(ls -A | grep etl-tmp)" ] && [ $i -lt 1000 ]; do sleep 0.01; i=$((i + 1)); done
                kill -9 $child
                kill -9 $PPID
                exit 137
            fi
        esac
        exec "\(ETLBinary.url.path)" "$@"

        """.write(to: killer, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: killer.path)

        let run = try Self.job(["--etl", killer.path, "--output", "out"] + Self.options + [input.path],
                               master: "local[2,2]", in: work)
        #expect(run.status == 0 || run.status == 3, "\(run.stderr.suffix(3000))")
        #expect(FileManager.default.fileExists(atPath: marker.path), "the task was never killed")
        #expect(run.stderr.contains("Lost task"), "no task attempt failed: \(run.stderr.suffix(3000))")
        let out = work.appendingPathComponent("out")
        #expect(Self.entries(out) == ["part-00000-a.ndjson.gz", "part-00001-b.ndjson.gz",
                                       "_SUCCESS", "_report.json", "_rejects", "_reports"])
        #expect(Self.entries(out.appendingPathComponent("_rejects")) == ["part-00000.ndjson.gz", "part-00001.ndjson.gz"])
        #expect(Self.entries(out.appendingPathComponent("_reports")) == ["part-00000.json", "part-00001.json"])
        let single = try Self.single(files[1], in: work.appendingPathComponent("single"))
        let part = try Data(contentsOf: out.appendingPathComponent("part-00001-b.ndjson.gz"))
        #expect(IOTestSupport.same([UInt8](part), [UInt8](single.part)))
        let report = try Self.object(out.appendingPathComponent("_report.json"))
        #expect((report["records"] as? [String: Any])?["read"] as? Int == 6000)
    }
}
