import Converters
import JSON

/// A sync job as its TOML file describes it, validated, with paths made absolute against the
/// job file's folder. Plain data: `SyncJob+TOML` reads it, `SyncRunner` acts on it.
public struct SyncJob: Sendable, Equatable {
    /// Names the job in file names (`<name>-<run id>.ndjson.gz`): letters, digits, `.`, `_`, `-`.
    public var name: String
    /// The job file, as given.
    public var file: String
    /// Folder of the state database, the lock, and `runs/`.
    public var state: String
    /// Glob patterns, absolute; matches are taken in name order.
    public var sourcePaths: [String]
    /// As `--from`; nil: detected from each input as `convert` does.
    public var from: Format?
    public var target: SyncTarget
    public var removedAttributes: RemovedAttributes = .null
    /// A plan whose rejected share of records read passes this is not recorded (exit 65).
    public var maxRejectRatio = 1.0
    /// How long a run may go on before it stops cleanly with work pending (exit 69).
    public var deadline: Duration?
    /// Report folders kept under `runs/`.
    public var keepRuns = 30

    public init(name: String, file: String, state: String, sourcePaths: [String], from: Format?, target: SyncTarget) {
        self.name = name
        self.file = file
        self.state = state
        self.sourcePaths = sourcePaths
        self.from = from
        self.target = target
    }
}

/// Where the plan goes.
public struct SyncTarget: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case file, braze, amplitude }

    public var kind: Kind
    public var format: TargetFormat
    /// kind = file: the folder each run publishes one file into.
    public var output: String?
    /// kind = braze | amplitude: the REST endpoint's base URL.
    public var endpoint: String?
    /// kind = braze | amplitude: the environment variable that holds the API key.
    public var apiKeyEnv: String?
    public var requestsPerSecond = 10.0
    /// Items a batch holds: a `/users/track` body, or an Identify request.
    public var batchSize: Int

    public init(kind: Kind, format: TargetFormat, batchSize: Int) {
        self.kind = kind
        self.format = format
        self.batchSize = batchSize
    }
}

/// What a plan's items are: records of a writable format, or Amplitude Identify objects.
public enum TargetFormat: Sendable, Equatable {
    case records(Format)
    case identify

    public init?(name: String) {
        if name == "identify" { self = .identify; return }
        guard let format = Format(rawValue: name) else { return nil }
        self = .records(format)
    }

    public var name: String {
        switch self {
        case .records(let f): f.rawValue
        case .identify: "identify"
        }
    }
}

/// `[delta] removed_attributes`: what happens to an attribute the target holds that a user's
/// new record no longer has.
public enum RemovedAttributes: String, Sendable, CaseIterable {
    /// Sent as `null` (Braze) or under `$unset` (Amplitude).
    case null
    /// Left as the target holds it.
    case keep
}
