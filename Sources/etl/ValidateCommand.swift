import ArgumentParser
import Converters
import JSON
import Schemas

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every record and field of a dump without converting it: report and rejects only.",
        discussion: """
            Reads any format, checks each record as `convert` would, and writes the report \
            (per-field counts of ok, normalised and invalid values) and the rejects. With --to, \
            the target format's own rules run too (a Braze identifier, key and size limits). \
            Exit status: 0 every record passed; 3 some records rejected (with --strict, any \
            warning rejects); 65 input fault or --max-rejects exceeded; 64 usage error; 1 any \
            other failure.
            """
    )

    @OptionGroup var common: RunOptions

    @Option(help: "Also apply this output format's rules (see `etl formats`); nothing is written.")
    var to: Format?

    @OptionGroup(title: "Limits")
    var limits: LimitOptions

    @OptionGroup(title: "Braze")
    var braze: BrazeOptions

    func validate() throws {
        _ = try braze.appIds(for: to)
        try limits.check(to: to)
        try common.checkDistinct([common.rejects, common.report, common.warnings])
    }

    func run() throws {
        var options = ConversionOptions()
        common.apply(to: &options)
        options.to = to
        options.validateOnly = true
        options.limits = limits.limits
        options.writer.brazeAppIds = try braze.appIds(for: to)
        try Runner.run(options)
    }
}
