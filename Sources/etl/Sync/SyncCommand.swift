import ArgumentParser
import Foundation
import Converters
import Delivery
import Sync

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Cron-driven migrations: send only what changed since the target last acknowledged it.",
        discussion: """
            A TOML job file names the source dumps, the target and a state folder (SQLite state, \
            lock, plans, runs/<run id>/ reports). Exit status of `sync run`: 0 done; 3 done with \
            rejected records or items; 65 input fault or reject ratio over max_reject_ratio; 69 \
            target unavailable or deadline reached, work pending; 75 another run holds the lock; \
            77 the target refused the key; 78 job file invalid; 64 usage; 1 other.
            """,
        subcommands: [SyncPlanCommand.self, SyncRunCommand.self, SyncStatusCommand.self, SyncResetCommand.self]
    )
}

struct SyncPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Read the new inputs, compare every user with the acknowledged state, record the plan; send nothing."
    )

    @OptionGroup var job: SyncJobOptions
    @OptionGroup var lock: SyncWaitOption

    func run() throws {
        var options = job.options()
        options.wait = lock.duration
        let status = SyncRunner(job: try job.load(), options: options) { Console().line($0) }.plan()
        if status != 0 { throw ExitCode(status) }
    }
}

struct SyncRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Take the lock, plan unless a plan is pending, deliver it, record what the target acknowledged."
    )

    @OptionGroup var job: SyncJobOptions
    @OptionGroup var lock: SyncWaitOption

    @Flag(help: "Plan and show the counts; record and send nothing.")
    var dryRun = false

    @Option(help: "Report the start and the exit status to a healthchecks-style monitor: POST URL/start, then URL/<exit status> (https, or http to this machine).")
    var ping: String?

    func validate() throws {
        if let ping {
            do { _ = try HealthPing(url: ping) } catch { throw ValidationError("--ping: \(error)") }
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        TemporaryFiles.removeOnSignal()
        let monitor = try ping.map { try HealthPing(url: $0) }
        if let problem = await monitor?.start() { Console().line("etl sync: \(problem) (the run goes on)") }
        var status: Int32
        do {
            var options = job.options()
            options.wait = lock.duration
            options.dryRun = dryRun
            status = await SyncRunner(job: try job.load(), options: options) { Console().line($0) }.run()
        } catch let exit as ExitCode {
            status = exit.rawValue
        }
        if let monitor, let problem = await monitor.finish(status: status, summary: "etl sync run: exit \(status)") {
            Console().line("etl sync: \(problem)")
        }
        if status != 0 { throw ExitCode(status) }
    }
}

struct SyncStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The last runs, pending work, the lock holder, and the state database's integrity check."
    )

    @OptionGroup var job: SyncJobOptions

    @Flag(help: "Print JSON (for monitors).")
    var json = false

    func run() throws {
        let (text, status) = SyncRunner(job: try job.load(), options: job.options()) { Console().line($0) }.status(json: json)
        Console().write(text, toStandardOutput: true)
        if status != 0 { throw ExitCode(status) }
    }
}

struct SyncResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Forget the pending plan (its inputs are planned again), or with --full all state (the next run sends everything)."
    )

    @OptionGroup var job: SyncJobOptions
    @OptionGroup var lock: SyncWaitOption

    @Flag(help: "Forget every user and input too; a damaged state database is moved aside.")
    var full = false

    func run() throws {
        var options = job.options()
        options.wait = lock.duration
        let status = SyncRunner(job: try job.load(), options: options) { Console().line($0) }.reset(full: full)
        if status != 0 { throw ExitCode(status) }
    }
}
