import ArgumentParser
import Converters
import JSON

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the record formats and containers, and what etl can read and write."
    )

    @Flag(help: "Print each format's mapping table: record key, profile field, direction, note.")
    var fields = false

    @Flag(help: "Print the mapping tables as Markdown (the tables of docs/MAPPING.md).")
    var markdown = false

    @Argument(help: "Only this format's mapping table (`etl formats --fields aam`; --fields is then implied).")
    var format: Format?

    func run() throws {
        let formats = format.map { [$0] } ?? Format.allCases
        if markdown { return Console().write(FormatDocs.markdown(formats), toStandardOutput: true) }
        if fields || format != nil { return Console().write(FormatDocs.text(formats), toStandardOutput: true) }
        var text = "FORMAT            READ  WRITE  DESCRIPTION\n"
        for f in Format.allCases {
            let name = f.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
            text += "\(name)\(f.canRead ? "yes " : "-   ")  \(f.canWrite ? "yes  " : "-    ")  \(f.summary)\n"
        }
        text += """

            Input containers (detected, or --input-container): ndjson, json (one array), Braze \
            export responses {"users": [...]}, track bodies {"attributes": [...]}, concat (JSON \
            values one after another, such as `jq .` output: detected when the first value spans \
            lines), xml (a first byte '<' or a .xml/.xml.gz name); gzip by magic bytes.
            Output containers (--container): ndjson, json, xml (also by a .xml/.xml.gz name); \
            gzip with a .gz name or --gzip.

            """
        Console().write(text, toStandardOutput: true)
    }
}
