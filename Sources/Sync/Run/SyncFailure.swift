import Converters

/// Why a sync command stopped; each maps to an exit status of `sync run`.
public enum SyncFailure: Error, Equatable {
    /// The job file is invalid (78).
    case job(SyncJobError)
    /// A command-line mistake (64).
    case usage(String)
    /// Another live run holds the job's lock (75).
    case lockHeld(StateLock.Holder, lockFile: String)
    /// An input fault, or every record rejected: nothing of this input planned (65).
    case input(String)
    /// The rejected share of records read passed `max_reject_ratio` (65).
    case rejectRatio(rejected: Int, read: Int, limit: Double)
    /// The state database is damaged or half-written; it is never reset silently (1).
    case damagedState(String)
    /// The state database, the lock or a file could not be used (1).
    case state(String)
    case output(String)
    /// The deadline passed; what is left stays pending for the next run (69).
    case deadline(String)
    /// The target stayed unavailable after the retries; the rest is pending (69).
    case unavailable(String)
    /// The target refused the API key (77).
    case refused(String)
    /// kind = braze or amplitude in a binary built without the HTTP sender (1).
    case deliveryNotBuilt(String)

    public var exitStatus: Int32 {
        switch self {
        case .job: SyncJobError.exitStatus
        case .usage: 64
        case .lockHeld: 75
        case .input, .rejectRatio: 65
        case .damagedState, .state, .output, .deliveryNotBuilt: 1
        case .deadline, .unavailable: 69
        case .refused: 77
        }
    }

    public var message: String {
        switch self {
        case .job(let error): error.description
        case .usage(let text): text
        case .lockHeld(let holder, let file):
            "another run of this job holds \(file) (\(holder.description)); exiting (use --wait SECONDS to wait for it)"
        case .input(let text): text
        case .rejectRatio(let rejected, let read, let limit):
            "\(rejected) of \(read) records rejected, over max_reject_ratio \(limit): nothing of these inputs planned"
        case .damagedState(let text):
            "\(text); the state is left as it is (never reset silently): restore it from a backup, or start over with `etl sync reset --full`"
        case .state(let text), .output(let text), .deadline(let text), .unavailable(let text), .refused(let text):
            text
        case .deliveryNotBuilt(let kind): "delivery not built in this binary (kind = \(kind)); `sync run --dry-run` and `sync plan` work"
        }
    }
}
