import Foundation
import Testing

/// A job folder for the sync tests: `job.toml`, `drop/` for the nights' dumps, `state/` and
/// `out/`; the two sample nights of the README walkthrough are the inputs.
struct SyncWorkspace {
    let folder: URL

    static let samples = ETLBinary.repository.appendingPathComponent("samples/sync")

    init(format: String = "braze-attributes", removed: String = "null", extra: String = "") throws {
        folder = try IOTestSupport.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("drop"), withIntermediateDirectories: true)
        try job(format: format, removed: removed, extra: extra)
    }

    func job(format: String = "braze-attributes", removed: String = "null", extra: String = "", name: String = "job.toml") throws {
        let text = """
            name = "nightly"
            state = "state"
            [source]
            paths = ["drop/*.ndjson.gz"]
            from = "amplitude"
            [target]
            kind = "file"
            format = "\(format)"
            output = "out"
            [delta]
            removed_attributes = "\(removed)"
            \(extra)
            """
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Copies a sample night into `drop/`, under its own name or another.
    func drop(_ night: Int, as name: String? = nil) throws {
        let source = Self.samples.appendingPathComponent("night-\(night).ndjson.gz")
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("drop/\(name ?? "night-\(night).ndjson.gz")"))
    }

    @discardableResult
    func sync(_ arguments: [String], environment: [String: String] = [:]) throws -> ETLBinary.Run {
        try ETLBinary.run(["sync"] + arguments, in: folder, environment: environment)
    }

    /// The published files in name (so run) order.
    func published() -> [URL] {
        let out = folder.appendingPathComponent("out")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { out.appendingPathComponent($0) }
    }

    /// Leftovers beside the published files (temporary files of killed runs).
    func hidden() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)) ?? []
        return names.filter { $0.hasPrefix(".") }
    }

    static func gunzip(_ url: URL) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "gzip -dc \(url.lastPathComponent)")
        return [UInt8](data)
    }

    func lines(_ url: URL) throws -> [String] {
        String(decoding: try Self.gunzip(url), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Every published line, in publishing order.
    func allLines() throws -> [String] {
        try published().flatMap { try lines($0) }
    }

    func report(_ run: ETLBinary.Run) -> String { String(decoding: run.stderr, as: UTF8.self) }

    /// The `plan` object of the last run's report.
    func lastPlan() throws -> [String: Any] {
        let runs = folder.appendingPathComponent("state/runs")
        let last = try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted().last ?? ""
        let data = try Data(contentsOf: runs.appendingPathComponent(last).appendingPathComponent("report.json"))
        let report = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return report?["plan"] as? [String: Any] ?? [:]
    }
}
