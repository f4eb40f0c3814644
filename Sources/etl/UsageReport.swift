import Converters

/// The report of a `convert` or `validate` command line that was refused. The command line did
/// not parse, so `--report`'s value is found by hand: `--report PATH` or `--report=PATH`.
enum UsageReport {
    static func write(_ message: String, arguments: [String]) {
        guard let command = arguments.first, command == "convert" || command == "validate" else { return }
        var others: [String] = []
        var path: String?
        var i = 1
        while i < arguments.count {
            let a = arguments[i]
            if a == "--report", i + 1 < arguments.count {
                path = arguments[i + 1]
                i += 2
                continue
            }
            if a.hasPrefix("--report=") {
                path = String(a.dropFirst("--report=".count))
            } else {
                others.append(a)
            }
            i += 1
        }
        guard let path else { return }
        if let failure = ReportFile.writeUsageError(message, command: command, reportPath: path, otherArguments: others) {
            Console().line("etl: cannot write the report: \(failure.message)")
        }
    }
}
