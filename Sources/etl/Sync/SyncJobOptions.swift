import Converters
import ArgumentParser
import Sync

/// What every sync subcommand takes: the job file (`--job FILE` or as the argument), the
/// shard, and quiet.
struct SyncJobOptions: ParsableArguments {
    @Argument(help: "The job file (TOML); or give it with --job.")
    var jobFile: String?

    @Option(name: .customLong("job"), help: "The job file (TOML).")
    var jobOption: String?

    @Option(help: "Take only the users whose key hashes to shard I of N (e.g. 0/4); each shard keeps its state in <state>/shard-I-of-N.")
    var shard: String?

    @Flag(name: .shortAndLong, help: "No summary on stderr (errors are still printed).")
    var quiet = false

    func validate() throws {
        if jobFile != nil && jobOption != nil { throw ValidationError("give the job file once: as the argument or with --job") }
        if jobFile == nil && jobOption == nil { throw ValidationError("no job file: give it as the argument or with --job FILE") }
        if let shard, Self.parseShard(shard) == nil {
            throw ValidationError("--shard must be I/N with 0 <= I < N <= 4096, not \(shard)")
        }
    }

    static func parseShard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 4096, i >= 0, i < n else { return nil }
        return (i, n)
    }

    /// The job, or exit 78 with the error.
    func load() throws -> SyncJob {
        do {
            return try SyncJob.load(jobFile ?? jobOption ?? "")
        } catch {
            Console().line("etl sync: \(error.description)")
            throw ExitCode(SyncJobError.exitStatus)
        }
    }

    func options() -> SyncOptions {
        var o = SyncOptions()
        o.shard = shard.flatMap(Self.parseShard)
        o.quiet = quiet
        o.version = ETLVersion.number
        o.deliverer = SyncDelivery.deliverer
        return o
    }
}

/// `--wait SECONDS` for the commands that take the job's lock.
struct SyncWaitOption: ParsableArguments {
    @Option(help: "Wait up to this many seconds for another run of the job to finish (default: exit 75 at once).")
    var wait: Double = 0

    func validate() throws {
        guard wait >= 0, wait <= 86_400 else { throw ValidationError("--wait must be 0 to 86400 seconds") }
    }

    var duration: Duration { .milliseconds(Int64(wait * 1000)) }
}
