import JSON
import Schemas

/// The `--report` file: the run's report as indented JSON, published atomically.
enum ReportFile {
    static func write(_ report: RunReport, to path: String) throws(OutputFailure) {
        var bytes: [UInt8] = []
        PrettyJSON.write(report.json(), to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        let file = try OutputFile(path: path == "-" ? nil : path, gzip: false, level: 6)
        do throws(OutputFailure) {
            try file.sink.write(bytes)
            try file.commit()
        } catch {
            file.abort()
            throw error
        }
    }
}
