import Foundation
import JSON
import Schemas

/// One run of `etl convert`: every input, record by record, through reader -> profile ->
/// validator -> writer, with each record either written or rejected with a reason. Output is
/// published only when the whole run succeeds.
public final class Conversion {
    /// Why a run stopped early; each maps to an exit status.
    public enum Failure: Error {
        case input(InputFault)
        case tooManyRejects(limit: Int)
        case usage(String)
        case output(OutputFailure)
        /// Standard output was closed by its reader (`| head`).
        case outputClosed(OutputFailure)
        case accounting(String)
        /// Every record of a non-empty input was rejected.
        case allRejected(file: String, records: Int)
        /// Rejected records over `--max-reject-ratio` of those read.
        case rejectRatio(rejected: Int, read: Int, limit: Double)
        /// The first records of an input are all `wrong_format`, and they look like another
        /// format's records.
        case wrongFormat(file: String, records: Int, from: Format, looksLike: Format)

        /// The status of a run whose standard output was closed by its reader: what a shell
        /// reports for a filter killed by SIGPIPE (128 + 13), so `set -o pipefail` scripts
        /// treat `etl | head` as they treat `cat | head`, and no one takes it for success.
        public static let outputClosedStatus: Int32 = 141

        public var exitStatus: Int32 {
            switch self {
            case .input, .tooManyRejects, .allRejected, .rejectRatio, .wrongFormat: 65
            case .usage: 64
            case .output, .accounting: 1
            case .outputClosed: Self.outputClosedStatus
            }
        }

        public var message: String {
            switch self {
            case .input(let fault): fault.description
            case .tooManyRejects(let limit): "more than \(limit) records rejected (--max-rejects); stopped"
            case .usage(let text): text
            case .output(let failure): failure.message
            case .outputClosed(let failure): "\(failure.message): the output was cut by its reader"
            case .accounting(let text): "internal error: \(text)"
            case .allRejected(let file, let records):
                "\(file): all \(records) records were rejected; nothing published (is --from right?)"
            case .rejectRatio(let rejected, let read, let limit):
                "\(rejected) of \(read) records rejected (\(RunReport.decimal(Double(rejected) * 100 / Double(max(read, 1)), places: 1))%), over --max-reject-ratio \(limit); nothing published"
            case .wrongFormat(let file, let records, let from, let looksLike):
                "\(file): the first \(records) records are not \(from.rawValue) records (wrong_format); this looks like \(looksLike.rawValue); use --from \(looksLike.rawValue)"
            }
        }
    }

    /// How many leading `wrong_format` records of an input, all looking like one other format,
    /// stop the run: enough that one stray record does not, few enough to stop at once.
    public static let wrongFormatProbe = 10

    /// Called every 256 records with where the run is (the caller decides how often to show it).
    public typealias Progress = (ProgressSnapshot) -> Void

    private let options: ConversionOptions
    private let progress: Progress?
    /// Reject lines for stderr when there is no rejects file.
    private let log: (String) -> Void
    private var report = RunReport()
    private let validator: ProfileValidator
    private var writer: (any FormatWriter)?
    /// nil when validating: nothing is written.
    private var output: OutputFile?
    private var out: ContainerWriter
    private var rejects: RejectsFile?
    private var rejectsFile: OutputFile?
    private var warnings: WarningsFile?
    private var warningsFile: OutputFile?
    private var rejectsLogged = 0
    private var sideFilesPublished = false
    /// Per input: how many of its first records were `wrong_format`, one after the other,
    /// and the format they all look like (nil once one looks like none or another).
    private var leadingWrongFormat = 0
    private var lookalike: Format?
    /// One encoded record handed to the writer, reused.
    private var encoded: [UInt8] = []
    /// Takes the records in place of an output file (`etl sync`).
    private var consumer: (any RecordConsumer)?
    /// Identifiers seen so far, for `duplicate_identifier` (bounded: see `DuplicateIdentifiers`).
    private var identifiers = DuplicateIdentifiers()

    public static let rejectsLoggedWithoutFile = 20

    /// Runs the conversion to the end and returns its report (with `exitStatus` set).
    public static func run(_ options: ConversionOptions, progress: Progress? = nil, log: @escaping (String) -> Void) -> RunReport {
        run(options, into: nil, progress: progress, log: log)
    }

    /// Runs the conversion with `writer` encoding each record and `consumer` taking it, in
    /// place of `options.to` and an output file: the same readers, validation, limits, threads,
    /// rejects and report as `etl convert` (`etl sync` plans this way).
    public static func run(
        _ options: ConversionOptions, writer: any FormatWriter & Sendable, consumer: any RecordConsumer,
        progress: Progress? = nil, log: @escaping (String) -> Void
    ) -> RunReport {
        run(options, into: (writer, consumer), progress: progress, log: log)
    }

    private static func run(
        _ options: ConversionOptions, into target: (any FormatWriter & Sendable, any RecordConsumer)?,
        progress: Progress?, log: @escaping (String) -> Void
    ) -> RunReport {
        let start = ContinuousClock.now
        var report = RunReport.started(command: options.validateOnly ? "validate" : "convert")
        report.fromFormat = options.from
        report.toFormat = options.to
        report.output = options.validateOnly || target != nil ? nil : options.writesToStdout ? "-" : options.output
        report.rejectsPath = options.rejectsPath
        report.warningsPath = options.warningsPath
        // Before anything is read or created: no input is ever an output, whatever its name.
        let inputs = options.inputs.isEmpty ? ["-"] : options.inputs
        if let clash = FileIdentity.clash(inputs: inputs, outputs: options.outputFiles) {
            report.exitStatus = Failure.usage(clash.message).exitStatus
            report.fault = clash.message
            // The report may be the clashing file itself: then it is not written.
            if clash.options.contains("--report") { return report }
            return finish(report, start: start, to: ReportFile.Target(path: options.reportPath), log: log)
        }
        // The report's folder is checked (its temporary file made) before the run, so that a
        // report that cannot be written is known before any output is published.
        let reportTarget: ReportFile.Target
        do throws(OutputFailure) {
            reportTarget = try ReportFile.open(options.reportPath)
        } catch {
            report.exitStatus = 1
            report.fault = "cannot write the report: \(error.message)"
            return report
        }
        do {
            let conversion = try Conversion(options, report: report, into: target, progress: progress, log: log)
            report = conversion.run()
        } catch {
            report.exitStatus = error.exitStatus
            report.fault = error.message
        }
        return finish(report, start: start, to: reportTarget, log: log)
    }

    /// Stamps the end of the run and writes the report, if one was asked for.
    private static func finish(_ report: RunReport, start: ContinuousClock.Instant, to target: ReportFile.Target, log: (String) -> Void) -> RunReport {
        var report = report
        let elapsed = ContinuousClock.now - start
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        report.finishedAt = RunClock.now()
        do throws(OutputFailure) {
            try target.write(report)
        } catch {
            log("etl: cannot write the report: \(error.message)")
            if report.exitStatus == 0 || report.exitStatus == 3 {
                report.exitStatus = 1
                report.published = false
            }
        }
        return report
    }

    private init(
        _ options: ConversionOptions, report: RunReport, into target: (any FormatWriter & Sendable, any RecordConsumer)?,
        progress: Progress?, log: @escaping (String) -> Void
    ) throws(Failure) {
        self.options = options
        self.report = report
        self.progress = progress
        self.log = log
        if let (writer, consumer) = target {
            self.writer = writer
            self.consumer = consumer
        } else if let to = options.to {
            writer = to.makeWriter(options.writer)
        } else if !options.validateOnly {
            throw .usage("no output format (--to)")
        }
        validator = options.validator
        do throws(OutputFailure) {
            if options.validateOnly || consumer != nil {
                out = ContainerWriter(layout: options.layout, sink: DiscardSink())
            } else {
                let file = try OutputFile(path: options.writesToStdout ? nil : options.output,
                                          gzip: options.gzipOutput, level: options.gzipLevel)
                output = file
                out = ContainerWriter(layout: options.layout, sink: file.sink)
            }
            if let path = options.rejectsPath {
                let file = try OutputFile(path: path, gzip: path.hasSuffix(".gz"), level: options.gzipLevel)
                rejectsFile = file
                rejects = RejectsFile(sink: file.sink)
            }
            if let path = options.warningsPath {
                let file = try OutputFile(path: path, gzip: path.hasSuffix(".gz"), level: options.gzipLevel)
                warningsFile = file
                warnings = WarningsFile(sink: file.sink)
            }
        } catch {
            throw .output(error)
        }
    }

    private func run() -> RunReport {
        do throws(Failure) {
            let inputs = options.inputs.isEmpty ? ["-"] : options.inputs
            for path in inputs { try convert(path) }
            try checkRejectShare()
            writer?.finish(to: &out)
            do throws(OutputFailure) { try out.finish() } catch { throw outputFailure(error) }
            guard report.accountingHolds else {
                throw .accounting("records read do not equal records written plus rejected")
            }
            publishSideFiles()
            do throws(OutputFailure) {
                try output?.commit()
            } catch {
                throw outputFailure(error)
            }
            report.published = true
            report.exitStatus = report.recordsRejected > 0 ? 3 : 0
        } catch {
            output?.abort()
            // The rejects and warnings so far explain the failure: publish them.
            publishSideFiles()
            report.exitStatus = error.exitStatus
            report.fault = error.message
            if case .outputClosed = error { report.outputCut = true }
        }
        // What reached the output path: nothing for a file that was not published; standard
        // output cannot be taken back, so what was written to it stays counted.
        if report.published || options.writesToStdout {
            report.outputValues = out.valuesWritten
            report.outputBytes = out.bytesWritten
        }
        if options.validateOnly { report.published = false }
        report.duplicateIdentifiers = identifiers.examples
        report.identifiersUntracked = identifiers.untracked
        return report
    }

    /// The inputs' sizes for the progress line; nil when one is standard input or not a file.
    private lazy var inputBytesTotal: Int64? = {
        var total: Int64 = 0
        for path in options.inputs.isEmpty ? ["-"] : options.inputs {
            guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular, let size = attributes[.size] as? NSNumber
            else { return nil }
            total += size.int64Value
        }
        return total
    }()

    /// Publishes the rejects and warnings files (on success and on failure alike), once.
    private func publishSideFiles() {
        guard !sideFilesPublished else { return }
        sideFilesPublished = true
        do throws(OutputFailure) {
            try rejects?.flush()
            try rejectsFile?.commit()
            report.rejectsPublished = rejectsFile != nil
        } catch {
            rejectsFile?.abort()
            log("etl: \(error.message)")
        }
        do throws(OutputFailure) {
            try warnings?.flush()
            try warningsFile?.commit()
            report.warningsPublished = warningsFile != nil
        } catch {
            warningsFile?.abort()
            log("etl: \(error.message)")
        }
        report.warningRecords = warnings?.records ?? 0
    }

    /// A closed standard output is its reader's choice, not a failure to write.
    private func outputFailure(_ failure: OutputFailure) -> Failure {
        failure.closedByReader && options.writesToStdout && !options.validateOnly ? .outputClosed(failure) : .output(failure)
    }

    /// The run fails when a non-empty input had every record rejected (a wrong --from, a dump
    /// of error bodies), or when rejects pass --max-reject-ratio: a nightly job must not
    /// replace yesterday's good file with an empty or gutted one.
    private func checkRejectShare() throws(Failure) {
        if let input = report.inputs.first(where: { $0.records > 0 && $0.rejected == $0.records }) {
            throw .allRejected(file: input.path, records: input.records)
        }
        let read = report.recordsRead, rejected = report.recordsRejected
        if read > 0 && Double(rejected) > options.maxRejectRatio * Double(read) {
            throw .rejectRatio(rejected: rejected, read: read, limit: options.maxRejectRatio)
        }
    }

    private func convert(_ path: String) throws(Failure) {
        let display = path == "-" ? "<stdin>" : path
        report.inputs.append(InputReport(path: display))
        let index = report.inputs.count - 1
        leadingWrongFormat = 0
        lookalike = nil
        let input: InputFile
        let records: FrameReader
        let container: Container
        do throws(InputFault) {
            input = try InputFile.open(path)
            records = FrameReader(source: input, container: options.inputContainer ?? Container.implied(byName: path),
                                   maxRecordBytes: options.limits.maxRecordBytes, maxDepth: options.limits.maxDepth)
            container = try records.detectContainer()
        } catch {
            throw .input(located(error, display))
        }
        if let lookalike = records.lookalike { throw .usage("\(display) \(lookalike.message)") }
        var format = options.from ?? Format.implied(by: container)
        report.inputs[index].format = format
        report.inputs[index].container = container
        report.inputs[index].gzip = input.isGzip
        defer {
            report.inputs[index].fileBytes = input.rawBytesRead
            report.inputs[index].bytes = records.bytesRead
            report.inputs[index].framing = records.counters
        }

        var stage: RecordStage?
        let consume: RecordStage.Consume = { (frame, outcome, notes) throws(Failure) in
            try self.consume(frame, outcome, notes, display, index)
        }
        while true {
            let frame: Frame
            do throws(InputFault) {
                guard let next = try records.next() else { break }
                frame = next
            } catch {
                // The records before the fault are converted, as they would be one by one.
                try stage?.drain(consume: consume)
                throw .input(located(error, display))
            }
            if stage == nil {
                // Neither --from nor the container says: the first record's shape does.
                let reader: any FormatReader
                if let format {
                    reader = format.makeReader()
                } else {
                    let detected = try detectFormat(frame, display)
                    format = detected
                    report.inputs[index].format = detected
                    reader = detected.makeReader()
                }
                let converter = RecordConverter(
                    parser: JSONParser(maxDepth: options.limits.maxDepth), reader: reader, validator: validator,
                    writer: writer, strict: options.strict, maxRecordBytes: options.limits.maxRecordBytes
                )
                stage = RecordStage(converter: converter, threads: Self.converterThreads)
            }
            try stage?.add(frame, consume: consume)
            if let progress, frame.number & 0xFF == 0 {
                let done = report.inputs[..<index].reduce(Int64(0)) { $0 + $1.fileBytes }
                progress(ProgressSnapshot(records: report.recordsRead, bytes: report.bytesIn + records.bytesRead,
                                          fileBytesRead: done + input.rawBytesRead, fileBytesTotal: inputBytesTotal))
            }
        }
        try stage?.drain(consume: consume)
        // A short input whose every record was wrong_format, all looking like one other format.
        let count = report.inputs[index].records
        if count > 0, leadingWrongFormat == count, let lookalike, let from = format {
            throw .wrongFormat(file: display, records: count, from: from, looksLike: lookalike)
        }
    }

    /// Threads converting records: one a core, or `ETL_THREADS` (the conversion's own thread
    /// frames, emits and counts; gzip has threads of its own).
    static let converterThreads: Int = {
        if let text = getenv("ETL_THREADS"), let n = Int(String(cString: text)), n > 0 { return n }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Writes and counts one converted record, or rejects it, in input order.
    private func consume(
        _ frame: Frame, _ outcome: Result<UnsafeRawBufferPointer, Reject>, _ recordNotes: Notes, _ file: String, _ index: Int
    ) throws(Failure) {
        // Counted here, not when framed, so that a run stopped by --max-rejects has read
        // exactly the records it wrote or rejected.
        report.inputs[index].records += 1
        var recordNotes = recordNotes
        switch outcome {
        case .failure(let error):
            try reject(frame, error, file, index)
            return
        case .success(let bytes):
            if let id = recordNotes.identifier, let first = identifiers.check(id, input: index, record: frame.number) {
                let earlier = first.input == index ? "record \(first.record)" : "\(report.inputs[first.input].path) record \(first.record)"
                if options.strict {
                    try reject(frame, Reject(.strict(.duplicateIdentifier), "--strict: duplicate_identifier (\(id.field) also in \(earlier))"), file, index)
                    return
                }
                recordNotes.warn(.duplicateIdentifier, id.field)
            }
            if let consumer {
                let taken: Reject?
                do throws(OutputFailure) {
                    taken = try consumer.take(bytes, file: file, record: frame.number)
                } catch {
                    throw .output(error)
                }
                if let taken {
                    try reject(frame, taken, file, index)
                    return
                }
            } else if !options.validateOnly {
                encoded.removeAll(keepingCapacity: true)
                encoded.append(contentsOf: bytes)
                writer?.emit(encoded, to: &out)
            }
        }
        report.inputs[index].written += 1
        if !recordNotes.isEmpty { report.add(recordNotes) }
        if let warnings, !recordNotes.warnings.isEmpty {
            do throws(OutputFailure) {
                try warnings.write(file: file, frame: frame, warnings: recordNotes.warnings)
            } catch {
                throw .output(error)
            }
        }
        do throws(OutputFailure) { try out.flushIfNeeded() } catch { throw outputFailure(error) }
    }

    private func reject(_ frame: Frame, _ reject: Reject, _ file: String, _ index: Int) throws(Failure) {
        report.inputs[index].rejected += 1
        report.rejectedByCode.add(reject.code.rawValue)
        if let rejects {
            do throws(OutputFailure) {
                try rejects.write(file: file, frame: frame, code: reject.code, message: reject.message)
            } catch {
                throw .output(error)
            }
        } else if rejectsLogged < Self.rejectsLoggedWithoutFile {
            rejectsLogged += 1
            let line = frame.line > 0 ? ", line \(frame.line)" : ""
            log("etl: \(file): record \(frame.number)\(line), byte \(frame.offset): rejected: \(reject.message) [\(reject.code.rawValue)]")
        }
        if reject.code == .wrongFormat && frame.number == leadingWrongFormat + 1 {
            try probeWrongFormat(frame, file)
        }
        if let limit = options.maxRejects, report.recordsRejected > limit {
            throw .tooManyRejects(limit: limit)
        }
    }

    /// Counts an input's leading `wrong_format` records and what they look like; after
    /// `wrongFormatProbe` of them, all like one other format, the run stops and says which.
    /// Only the first records of an input are parsed again, and only when they are rejected.
    private func probeWrongFormat(_ frame: Frame, _ file: String) throws(Failure) {
        var probe = JSONParser(maxDepth: options.limits.maxDepth)
        let looks = frame.isOversized ? nil : (try? probe.parse(frame.bytes)).flatMap(Format.detect(from:))
        leadingWrongFormat += 1
        if leadingWrongFormat == 1 {
            lookalike = looks
        } else if looks != lookalike {
            lookalike = nil
        }
        guard leadingWrongFormat == Self.wrongFormatProbe, let lookalike, let from = options.from ?? report.inputs.last?.format else { return }
        throw .wrongFormat(file: file, records: leadingWrongFormat, from: from, looksLike: lookalike)
    }

    /// The format of an input whose container does not say: from its first record's shape.
    private func detectFormat(_ frame: Frame, _ file: String) throws(Failure) -> Format {
        var probe = JSONParser(maxDepth: options.limits.maxDepth)
        guard !frame.isOversized, let value = try? probe.parse(frame.bytes), let format = Format.detect(from: value) else {
            throw .usage("cannot tell the format of \(file) from its first record; pass --from")
        }
        return format
    }

    private func located(_ fault: InputFault, _ file: String) -> InputFault {
        var f = fault
        f.file = file
        return f
    }
}

extension JSONParseError {
    var rejectCode: RejectCode {
        switch code {
        case .invalidJSON: .invalidJSON
        case .invalidUTF8: .invalidUTF8
        case .nestingTooDeep: .nestingTooDeep
        }
    }
}
