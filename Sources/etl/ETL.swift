import ArgumentParser
import Converters
import JSON

@main
struct ETL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "etl",
        abstract: "Convert user-profile dumps between Amplitude, Braze and Adobe Audience Manager.",
        version: "0.1.0 (zlib \(zlibVersionString), libxml2 \(libxml2VersionString), gzip output by \(gzipCompressorName))",
        subcommands: [ConvertCommand.self, ValidateCommand.self, FormatsCommand.self, GenerateCommand.self]
    )
}
