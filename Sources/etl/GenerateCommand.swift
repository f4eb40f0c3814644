import SampleData
import ArgumentParser
import Converters
import JSON
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write deterministic, realistic sample records of a format (for benchmarks and tests).",
        discussion: """
            The same format, --records and --seed always give the same bytes. A few percent of \
            the records are messy the way real dumps are; some are rejected by a conversion.
            """
    )

    @Option(help: "Record format (see `etl formats`).")
    var format: Format

    @Option(help: "Number of records (braze-track: attributes objects, written 75 to a /users/track request body).")
    var records: Int

    @Option(help: "Seed of the pseudo-random numbers.")
    var seed: UInt64 = 1

    @Option(help: "Output container: ndjson (one value a line), json (one array) or xml (as convert writes it). braze-track: ndjson only, one request body a line.")
    var container: ContainerWriter.Layout = .ndjson

    @Option(name: .shortAndLong, help: "Output file ('-' or none for standard output); published atomically. A .gz name is gzipped.")
    var output: String?

    @Option(help: "Gzip compression level for a .gz output, 1 to 9 (default 6); with another output, a usage error.")
    var gzipLevel: Int32?

    func validate() throws {
        guard records >= 0 else { throw ValidationError("--records must be 0 or more") }
        if let gzipLevel {
            guard (1...9).contains(gzipLevel) else { throw ValidationError("--gzip-level must be 1 to 9") }
            guard output?.hasSuffix(".gz") == true else { throw ValidationError("--gzip-level applies to a .gz output only") }
        }
        if format == .brazeTrack && container != .ndjson {
            throw ValidationError("--format braze-track writes request bodies one a line: --container ndjson only")
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        TemporaryFiles.removeOnSignal()
        let path = output == "-" ? nil : output
        do {
            try RecordGenerator.write(
                format: format, records: records, seed: seed, layout: container,
                path: path, gzip: path?.hasSuffix(".gz") ?? false, level: gzipLevel ?? 6
            )
        } catch {
            Console().line("etl: \(error)")
            throw ExitCode(1)
        }
    }
}
