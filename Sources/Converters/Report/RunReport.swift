import JSON
import Schemas

/// What one input contributed to a run.
public struct InputReport: Sendable {
    public var path: String
    public var format: Format?
    public var container: Container?
    public var gzip = false
    /// Bytes read from the file (compressed when gzip).
    public var fileBytes: Int64 = 0
    /// Bytes of records and framing after decompression.
    public var bytes: Int64 = 0
    public var records = 0
    public var written = 0
    public var rejected = 0
    public var framing = FramingCounters()

    public init(path: String) { self.path = path }
}

/// Everything a run counts: the JSON `--report` and the stderr summary are both made from it.
public struct RunReport: Sendable {
    /// Tells this run's report from a stale one: a new random id every run.
    public var runId = ""
    /// UTC, `YYYY-MM-DDTHH:MM:SS.fffZ`.
    public var startedAt = ""
    public var finishedAt = ""
    /// `convert` or `validate`.
    public var command = "convert"
    public var inputs: [InputReport] = []
    public var fromFormat: Format?
    public var toFormat: Format?
    public var output: String?
    /// `etl validate`: records pass rather than being written.
    public var validateOnly = false
    public var rejectsPath: String?
    /// The output file was renamed into place (standard output: the run completed).
    public var published = false
    public var rejectsPublished = false
    public var warningsPath: String?
    public var warningsPublished = false
    /// Records written to the `--warnings` file.
    public var warningRecords = 0
    /// Standard output was closed by its reader (`| head`): the run stopped there.
    public var outputCut = false
    public var rejectedByCode = CountTable()
    /// Warning code -> field -> count.
    public var warnings: [String: CountTable] = [:]
    /// Values rewritten outside the validator (a number read as text, an array deduplicated);
    /// `allNormalised` adds the validator's.
    public var normalised = CountTable()
    /// Standard fields: values found ok, normalised or invalid.
    public var fieldChecks = FieldCheckCounts()
    public var unmapped = CountTable()
    /// The first repeated identifiers (`duplicate_identifier` warnings), with record numbers.
    public var duplicateIdentifiers: [DuplicateIdentifiers.Repeat] = []
    /// Identifiers not checked because the duplicate table was full.
    public var identifiersUntracked = 0
    /// Top-level values written: records, or request bodies for `braze-track`.
    public var outputValues = 0
    public var outputBytes: Int64 = 0
    public var seconds = 0.0
    public var exitStatus: Int32 = 0
    public var fault: String?

    public init() {}

    /// A new run's report: its id, start time and the program's version.
    public static func started(command: String) -> RunReport {
        var report = RunReport()
        report.command = command
        report.validateOnly = command == "validate"
        report.runId = RunClock.newRunId()
        report.startedAt = RunClock.now()
        return report
    }

    public var recordsRead: Int { inputs.reduce(0) { $0 + $1.records } }
    public var recordsWritten: Int { inputs.reduce(0) { $0 + $1.written } }
    public var recordsRejected: Int { inputs.reduce(0) { $0 + $1.rejected } }
    public var bytesIn: Int64 { inputs.reduce(0) { $0 + $1.bytes } }

    /// The run's promise: every record read was written or rejected, in every input.
    public var accountingHolds: Bool { inputs.allSatisfy { $0.records == $0.written + $0.rejected } }

    /// Adds the notes of one written record.
    public mutating func add(_ notes: Notes) {
        for w in notes.warnings { warnings[w.code.rawValue, default: CountTable()].add(w.field) }
        for f in notes.normalised { normalised.add(f) }
        for c in notes.checks { fieldChecks.add(c) }
        for f in notes.unmapped { unmapped.add(f) }
    }

    /// Every field's count of values rewritten to canonical form.
    public var allNormalised: CountTable {
        var all = normalised
        for field in fieldChecks.seen {
            let n = fieldChecks.count(field, .normalised)
            if n > 0 { all.add(field.rawValue, n) }
        }
        return all
    }

    public var warningCount: Int { warnings.values.reduce(0) { $0 + $1.total } }
}
