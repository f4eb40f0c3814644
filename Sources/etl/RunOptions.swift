import ArgumentParser
import Converters
import JSON
import Schemas

/// What `convert` and `validate` share: the inputs, the rejects and report files, and the
/// validation rules.
struct RunOptions: ParsableArguments {
    @Argument(help: "Input files; '-' or none for standard input.")
    var inputs: [String] = []

    @Option(help: "Input format (see `etl formats`); detected from the input when it is unambiguous.")
    var from: Format?

    @Option(help: "Input container: ndjson, json, users-envelope, attributes-envelope, concat (JSON values one after another, e.g. `jq .` output) or xml (default: xml for a .xml or .xml.gz name, else detected from the first bytes).")
    var inputContainer: Container?

    @Option(help: "Write rejected records here as NDJSON, with their reason and original bytes (a file: '-' is refused; a .gz name is gzipped).")
    var rejects: String?

    @Option(help: "Write the run's report here as JSON ('-' for standard output; always plain JSON, even with a .gz name).")
    var report: String?

    @Option(help: "Stop with status 65, publishing nothing, once more than this many records are rejected.")
    var maxRejects: Int?

    @Option(help: "Fail with status 65, publishing nothing, when rejected records are over this share of those read (0 to 1; default 1). A non-empty input whose every record is rejected always fails.")
    var maxRejectRatio = 1.0

    @Option(help: "Write one NDJSON line per written record that had warnings (field, code, offending value).")
    var warnings: String?

    @Flag(help: "Reject every record that has a warning (an invalid field, a truncated array...), with the warning's code.")
    var strict = false

    @Option(help: "Region (ISO 3166-1 alpha-2; UK is GB) of phone numbers written without a country calling code.")
    var defaultRegion: String?

    @Flag(name: .shortAndLong, help: "No summary on stderr (errors are still printed).")
    var quiet = false

    func validate() throws {
        if let maxRejects, maxRejects < 0 { throw ValidationError("--max-rejects must be 0 or more") }
        if !(0...1).contains(maxRejectRatio) { throw ValidationError("--max-reject-ratio must be 0 to 1 (a share of the records read)") }
        if warnings == "-" { throw ValidationError("--warnings needs a file path") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read only once") }
        if rejects == "-" { throw ValidationError("--rejects needs a file path") }
        if let defaultRegion, PhoneRegion(defaultRegion) == nil {
            throw ValidationError("--default-region \(defaultRegion) is not a region code of the phone table (ISO 3166-1 alpha-2)")
        }
    }

    /// Checks that no two named files are spelled the same. (That no output is an input, or two
    /// outputs one file, under any spelling, the run checks by device and inode.)
    func checkDistinct(_ outputs: [String?]) throws {
        let files = outputs.compactMap { $0 }.filter { $0 != "-" }
        if Set(files).count != files.count {
            throw ValidationError("--output, --rejects and --report must name different files")
        }
    }

    func apply(to options: inout ConversionOptions) {
        options.inputs = inputs
        options.from = from
        options.inputContainer = inputContainer
        options.rejectsPath = rejects
        options.reportPath = report
        options.maxRejects = maxRejects
        options.maxRejectRatio = maxRejectRatio
        options.warningsPath = warnings
        options.strict = strict
        options.validator = ProfileValidator(defaultRegion: defaultRegion.flatMap(PhoneRegion.init))
        options.quiet = quiet
    }
}
