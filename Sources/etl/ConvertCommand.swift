import ArgumentParser
import Foundation
import Converters
import Schemas

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert records from one format to another through the canonical profile.",
        discussion: """
            Inputs may be gzipped (detected by their first bytes). Exit status: 0 all records \
            converted; 3 some records rejected; 65 input fault or --max-rejects exceeded \
            (nothing published); 64 usage error; 1 any other failure.
            """
    )

    @Argument(help: "Input files; '-' or none for standard input.")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "Output file ('-' or none for standard output); published atomically. A .gz name is gzipped.")
    var output: String?

    @Option(help: "Input format (see `etl formats`); detected from the input when it is unambiguous.")
    var from: Format?

    @Option(help: "Output format (see `etl formats`).")
    var to: Format

    @Option(help: "Output container: ndjson (one value a line) or json (one array).")
    var container: ContainerWriter.Layout = .ndjson

    @Flag(inversion: .prefixedNo, help: "Gzip the output (default: when the output name ends in .gz).")
    var gzip: Bool?

    @Option(help: "Gzip compression level, 1 (fastest) to 9 (smallest).")
    var gzipLevel: Int32 = 6

    @Option(help: "Write rejected records here as NDJSON, with their reason and original bytes.")
    var rejects: String?

    @Option(help: "Write the run's report here as JSON.")
    var report: String?

    @Option(help: "Stop with status 65, publishing nothing, once more than this many records are rejected.")
    var maxRejects: Int?

    @OptionGroup(title: "Limits")
    var limits: LimitOptions

    @Flag(name: .shortAndLong, help: "No summary on stderr (errors are still printed).")
    var quiet = false

    func validate() throws {
        guard (1...9).contains(gzipLevel) else { throw ValidationError("--gzip-level must be 1 to 9") }
        if let maxRejects, maxRejects < 0 { throw ValidationError("--max-rejects must be 0 or more") }
        if let from, !from.canRead {
            throw ValidationError("etl cannot read \(from.rawValue) yet; see `etl formats`")
        }
        if !to.canWrite { throw ValidationError("etl cannot write \(to.rawValue) yet; see `etl formats`") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read only once") }
        let files = [output, rejects, report].compactMap { $0 }.filter { $0 != "-" }
        if let clash = files.first(where: { inputs.contains($0) }) {
            throw ValidationError("\(clash) is both an input and an output")
        }
        if Set(files).count != files.count {
            throw ValidationError("--output, --rejects and --report must name different files")
        }
        if report == "-" && (output == nil || output == "-") {
            throw ValidationError("--report - needs the output in a file (-o PATH): both would go to standard output")
        }
        if rejects == "-" { throw ValidationError("--rejects needs a file path") }
    }

    func run() throws {
        // A closed pipe downstream (`etl ... | head`) becomes a write error, not a silent kill.
        signal(SIGPIPE, SIG_IGN)
        TemporaryFiles.removeOnSignal()
        var options = ConversionOptions()
        options.inputs = inputs
        options.from = from
        options.to = to
        options.output = output
        options.layout = container
        options.gzip = gzip
        options.gzipLevel = gzipLevel
        options.rejectsPath = rejects
        options.reportPath = report
        options.maxRejects = maxRejects
        options.limits = limits.limits
        options.quiet = quiet

        let console = Console()
        var progress: Conversion.Progress?
        if !quiet && Console.stderrIsTerminal {
            progress = { records, bytes in console.progress(records, bytes) }
        }
        let result = Conversion.run(options, progress: progress) { console.line($0) }
        if progress != nil { console.clearProgress() }
        if let fault = result.fault { console.line("etl: \(fault)") }
        if !quiet { console.line(result.summary()) }
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}
