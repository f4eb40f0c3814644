import JSON
import Schemas

/// Everything a run is told by the command line.
public struct ConversionOptions: Sendable {
    /// Paths; `-` is standard input. Empty means standard input.
    public var inputs: [String] = []
    /// nil: detect from the input's shape, and report what was detected.
    public var from: Format?
    /// nil: from the input's name (`.xml`, `.xml.gz`), else detected from its first bytes.
    public var inputContainer: Container?
    /// nil only with `validateOnly`: check records without a target format's rules.
    public var to: Format?
    /// `etl validate`: read, check and encode, but write no output.
    public var validateOnly = false
    /// Every warning rejects its record (under the warning's code).
    public var strict = false
    /// The field rules (`--default-region`).
    public var validator = ProfileValidator()
    /// nil or `-`: standard output.
    public var output: String?
    /// nil: `xml` for a `.xml` or `.xml.gz` output name, else `ndjson`.
    public var outputLayout: ContainerWriter.Layout?
    public var layout: ContainerWriter.Layout {
        outputLayout ?? (output.flatMap(Container.implied(byName:)) == .xml ? .xml : .ndjson)
    }
    /// nil: gzip when the output name ends in `.gz`.
    public var gzip: Bool?
    public var gzipLevel: Int32 = 6
    public var rejectsPath: String?
    public var reportPath: String?
    /// Stop with status 65 once more records than this are rejected.
    public var maxRejects: Int?
    /// Most rejected records as a share of records read, 0...1; over it the run fails (65)
    /// and publishes nothing. Whatever it is, a non-empty input whose every record was
    /// rejected fails the run too.
    public var maxRejectRatio = 1.0
    /// `--warnings PATH`: one line per written record that had warnings.
    public var warningsPath: String?
    public var writer = WriterOptions()
    public var limits: Limits {
        get { writer.limits }
        set { writer.limits = newValue }
    }
    public var quiet = false

    public init() {}

    public var writesToStdout: Bool { output == nil || output == "-" }

    public var gzipOutput: Bool { gzip ?? (output?.hasSuffix(".gz") ?? false) }

    /// The files a run writes, by option, that name a file (not standard output).
    var outputFiles: [(option: String, path: String)] {
        var files: [(String, String)] = []
        if !validateOnly, let output, output != "-" { files.append(("-o", output)) }
        if let rejectsPath { files.append(("--rejects", rejectsPath)) }
        if let warningsPath { files.append(("--warnings", warningsPath)) }
        if let reportPath, reportPath != "-" { files.append(("--report", reportPath)) }
        return files
    }
}
