import JSON
import Schemas

/// The `--report` file: the run's report as indented JSON, published atomically.
public enum ReportFile {
    /// Where the report goes, opened before the run: its temporary file exists from the start,
    /// so a missing or unwritable folder is found before anything is read or published.
    public final class Target {
        private let path: String?
        private var file: OutputFile?

        /// No report (`path` nil), or one opened later (a run that never started).
        init(path: String?) { self.path = path }

        fileprivate init(path: String, file: OutputFile) {
            self.path = path
            self.file = file
        }

        /// Writes and publishes the report; does nothing when none was asked for.
        func write(_ report: RunReport) throws(OutputFailure) {
            guard let path else { return }
            var bytes: [UInt8] = []
            PrettyJSON.write(report.json(), to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
            let file: OutputFile
            if let opened = self.file {
                file = opened
            } else {
                file = try OutputFile(path: path == "-" ? nil : path, gzip: false, level: 6)
            }
            self.file = nil
            do throws(OutputFailure) {
                try file.sink.write(bytes)
                try file.commit()
            } catch {
                file.abort()
                throw error
            }
        }
    }

    /// Opens the report's file (standard output for `-`): the check made before a run.
    static func open(_ path: String?) throws(OutputFailure) -> Target {
        guard let path, path != "-" else { return Target(path: path) }
        return Target(path: path, file: try OutputFile(path: path, gzip: false, level: 6))
    }

    /// The report of a command line that was parsed but refused (a usage error, status 64):
    /// without it, last night's report would still say status 0. Not written when the report
    /// path is also an input or another output of the command, nor for `--report -`.
    public static func writeUsageError(_ message: String, command: String, reportPath: String, otherArguments: [String]) -> OutputFailure? {
        guard reportPath != "-" else { return nil }
        if let target = FileIdentity(path: reportPath), otherArguments.contains(where: { FileIdentity(path: $0) == target })
            || FileIdentity.standardInput() == target {
            return OutputFailure("\(reportPath): also named by another argument; not written")
        }
        var report = RunReport.started(command: command)
        report.exitStatus = 64
        report.fault = message
        report.finishedAt = report.startedAt
        do throws(OutputFailure) {
            try Target(path: reportPath).write(report)
            return nil
        } catch {
            return error
        }
    }
}
