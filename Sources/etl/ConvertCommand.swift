import ArgumentParser
import Converters
import JSON
import Schemas

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert records from one format to another through the canonical profile.",
        discussion: """
            Inputs may be gzipped (detected by their first bytes). Exit status: 0 all records \
            converted; 3 some records rejected; 65 input fault, --max-rejects or \
            --max-reject-ratio exceeded, or every record rejected (nothing published); 64 usage \
            error; 141 standard output closed by its reader; 1 any other failure.
            """
    )

    @OptionGroup var common: RunOptions

    @Option(name: .shortAndLong, help: "Output file ('-' or none for standard output); published atomically. A .gz name is gzipped.")
    var output: String?

    @Option(help: "Output format (see `etl formats`).")
    var to: Format

    @Option(name: [.customLong("container"), .customLong("output-container")],
            help: "Output container: ndjson (one value a line), json (one array) or xml (default: xml for a .xml or .xml.gz name, else ndjson).")
    var container: ContainerWriter.Layout?

    @Flag(inversion: .prefixedNo, help: "Gzip the output (default: when the output name ends in .gz).")
    var gzip: Bool?

    @Option(help: "Gzip compression level, 1 (fastest) to 9 (smallest), default 6: of a gzipped output or .gz rejects file (otherwise a usage error).")
    var gzipLevel: Int32?

    @Option(help: "Shape of --to amplitude records: main (the Amplitude profile API document, amp_props) or openapi (the Amplitude profile OpenAPI document, user_properties and computed_properties).")
    var amplitudeShape: AmplitudeShape?

    @OptionGroup(title: "Limits")
    var limits: LimitOptions

    @OptionGroup(title: "Braze")
    var braze: BrazeOptions

    func validate() throws {
        _ = try braze.appIds(for: to)
        try limits.check(to: to)
        if let gzipLevel {
            guard (1...9).contains(gzipLevel) else { throw ValidationError("--gzip-level must be 1 to 9") }
            let gzipped = gzip ?? (output?.hasSuffix(".gz") ?? false)
            guard gzipped || common.rejects?.hasSuffix(".gz") == true else {
                throw ValidationError("--gzip-level applies to gzipped output (a .gz name or --gzip) or a .gz rejects file only")
            }
        }
        if amplitudeShape != nil && to != .amplitude { throw ValidationError("--amplitude-shape applies to --to amplitude only") }
        try common.checkDistinct([output, common.rejects, common.report, common.warnings])
        if common.report == "-" && (output == nil || output == "-") {
            throw ValidationError("--report - needs the output in a file (-o PATH): both would go to standard output")
        }
    }

    func run() throws {
        var options = ConversionOptions()
        common.apply(to: &options)
        options.to = to
        options.output = output
        options.outputLayout = container
        options.gzip = gzip
        options.gzipLevel = gzipLevel ?? 6
        options.limits = limits.limits
        options.writer.brazeAppIds = try braze.appIds(for: to)
        if let amplitudeShape { options.writer.amplitudeShape = amplitudeShape }
        try Runner.run(options)
    }
}
