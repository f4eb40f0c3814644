import ArgumentParser
import Converters
import Foundation
import JSON

@main
struct ETL: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etl",
        abstract: "Convert user-profile dumps between Amplitude, Braze and Adobe Audience Manager.",
        version: "\(ETLVersion.number) (zlib \(zlibVersionString), libxml2 \(libxml2VersionString), gzip output by \(gzipCompressorName))",
        subcommands: [ConvertCommand.self, ValidateCommand.self, FormatsCommand.self, GenerateCommand.self, SyncCommand.self]
    )

    /// ArgumentParser's own entry point, plus one promise: a refused command line that names a
    /// `--report` replaces that report with one saying so (status 64), so that a monitor never
    /// reads last night's report as tonight's.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            if exitCode(for: error) == .validationFailure {
                UsageReport.write(message(for: error), arguments: arguments)
            }
            exit(withError: error)
        }
        do {
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
