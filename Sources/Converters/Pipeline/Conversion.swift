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
        case accounting(String)

        public var exitStatus: Int32 {
            switch self {
            case .input, .tooManyRejects: 65
            case .usage: 64
            case .output, .accounting: 1
            }
        }

        public var message: String {
            switch self {
            case .input(let fault): fault.description
            case .tooManyRejects(let limit): "more than \(limit) records rejected (--max-rejects); stopped"
            case .usage(let text): text
            case .output(let failure): failure.message
            case .accounting(let text): "internal error: \(text)"
            }
        }
    }

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
    private var rejectsLogged = 0
    /// One encoded record handed to the writer, reused.
    private var encoded: [UInt8] = []
    /// Identifiers seen so far, for `duplicate_identifier` (bounded: see `DuplicateIdentifiers`).
    private var identifiers = DuplicateIdentifiers()

    public static let rejectsLoggedWithoutFile = 20

    /// Runs the conversion to the end and returns its report (with `exitStatus` set).
    public static func run(_ options: ConversionOptions, progress: Progress? = nil, log: @escaping (String) -> Void) -> RunReport {
        let start = ContinuousClock.now
        var report: RunReport
        do {
            let conversion = try Conversion(options, progress: progress, log: log)
            report = conversion.run()
        } catch {
            report = RunReport()
            report.exitStatus = error.exitStatus
            report.fault = error.message
        }
        let elapsed = ContinuousClock.now - start
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if let path = options.reportPath {
            do throws(OutputFailure) {
                try ReportFile.write(report, to: path)
            } catch {
                log("etl: cannot write the report: \(error.message)")
                if report.exitStatus == 0 || report.exitStatus == 3 { report.exitStatus = 1 }
            }
        }
        return report
    }

    private init(_ options: ConversionOptions, progress: Progress?, log: @escaping (String) -> Void) throws(Failure) {
        self.options = options
        self.progress = progress
        self.log = log
        if let to = options.to {
            guard let writer = to.makeWriter(options.writer) else {
                throw .usage("etl cannot write \(to.rawValue) yet; see `etl formats`")
            }
            self.writer = writer
        } else if !options.validateOnly {
            throw .usage("no output format (--to)")
        }
        if let from = options.from, !from.canRead {
            throw .usage("etl cannot read \(from.rawValue) yet; see `etl formats`")
        }
        validator = options.validator
        do throws(OutputFailure) {
            if options.validateOnly {
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
        } catch {
            throw .output(error)
        }
        report.fromFormat = options.from
        report.toFormat = options.to
        report.validateOnly = options.validateOnly
        report.output = options.validateOnly ? nil : options.writesToStdout ? "-" : options.output
        report.rejectsPath = options.rejectsPath
    }

    private func run() -> RunReport {
        do throws(Failure) {
            let inputs = options.inputs.isEmpty ? ["-"] : options.inputs
            for path in inputs { try convert(path) }
            writer?.finish(to: &out)
            do throws(OutputFailure) { try out.finish() } catch { throw .output(error) }
            guard report.accountingHolds else {
                throw .accounting("records read do not equal records written plus rejected")
            }
            do throws(OutputFailure) {
                try rejects?.flush()
                try rejectsFile?.commit()
                try output?.commit()
            } catch {
                throw .output(error)
            }
            report.exitStatus = report.recordsRejected > 0 ? 3 : 0
        } catch {
            output?.abort()
            // The rejects so far explain the failure: publish them.
            do throws(OutputFailure) {
                try rejects?.flush()
                try rejectsFile?.commit()
            } catch {
                rejectsFile?.abort()
            }
            report.exitStatus = error.exitStatus
            report.fault = error.message
        }
        report.outputValues = out.valuesWritten
        report.outputBytes = out.bytesWritten
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

    private func convert(_ path: String) throws(Failure) {
        let display = path == "-" ? "<stdin>" : path
        report.inputs.append(InputReport(path: display))
        let index = report.inputs.count - 1
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
        var reader: (any FormatReader)? = options.from?.makeReader()
        var format = options.from ?? Format.implied(by: container)
        if reader == nil, let format { reader = format.makeReader() }
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
            if reader == nil {
                let detected = try detectFormat(frame, display)
                format = detected
                report.inputs[index].format = detected
                reader = detected.makeReader()
            }
            guard let reader else {
                report.inputs[index].records += 1
                throw .usage("\(display) holds \(format?.rawValue ?? "unknown") records, which etl cannot read yet")
            }
            if stage == nil {
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
    }

    /// Threads converting records: one a core, up to 4 (the conversion's own thread frames,
    /// emits and counts; gzip has threads of its own).
    static let converterThreads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))

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
            if !options.validateOnly {
                encoded.removeAll(keepingCapacity: true)
                encoded.append(contentsOf: bytes)
                writer?.emit(encoded, to: &out)
            }
        }
        report.inputs[index].written += 1
        if !recordNotes.isEmpty { report.add(recordNotes) }
        do throws(OutputFailure) { try out.flushIfNeeded() } catch { throw .output(error) }
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
            log("etl: \(file): record \(frame.number), byte \(frame.offset): rejected: \(reject.message) [\(reject.code.rawValue)]")
        }
        if let limit = options.maxRejects, report.recordsRejected > limit {
            throw .tooManyRejects(limit: limit)
        }
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
