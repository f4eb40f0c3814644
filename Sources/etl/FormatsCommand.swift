import ArgumentParser
import Converters
import JSON

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the record formats (each is read and written) and the containers."
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
        // Every format is read and written (`Format.makeReader`/`makeWriter` are total).
        var text = "FORMAT            DESCRIPTION\n"
        for f in Format.allCases {
            text += f.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0) + f.summary + "\n"
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
