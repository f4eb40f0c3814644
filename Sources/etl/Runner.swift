import ArgumentParser
import Foundation
import Converters
import JSON

/// Runs a conversion for a command: signals, progress, summary and exit status.
enum Runner {
    static func run(_ options: ConversionOptions) throws {
        // A closed pipe downstream (`etl ... | head`) becomes a write error, not a silent kill.
        signal(SIGPIPE, SIG_IGN)
        TemporaryFiles.removeOnSignal()
        let console = Console()
        var progress: Conversion.Progress?
        if !options.quiet && Console.stderrIsTerminal {
            let meter = ProgressMeter()
            progress = { snapshot in
                if let line = meter.line(snapshot) { console.progress(line) }
            }
        }
        let result = Conversion.run(options, progress: progress) { console.line($0) }
        if progress != nil { console.clearProgress() }
        // A reader that closed standard output (`| head`) got what it wanted: no error line;
        // the summary says the output was cut.
        if let fault = result.fault, !result.outputCut { console.line("etl: \(fault)") }
        if !options.quiet { console.line(result.summary()) }
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}
