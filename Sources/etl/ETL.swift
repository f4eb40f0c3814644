import ArgumentParser
import Converters
import JSON

@main
struct ETL: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "etl",
        abstract: "Convert user-profile dumps between Amplitude, Braze and Adobe Audience Manager.",
        version: "\(version) (zlib \(zlibVersionString), libxml2 \(libxml2VersionString), gzip output by \(gzipCompressorName))",
        subcommands: [ConvertCommand.self, ValidateCommand.self, FormatsCommand.self, GenerateCommand.self, SyncCommand.self]
    )
}
