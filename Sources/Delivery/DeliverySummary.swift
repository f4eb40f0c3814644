/// Counts of one `Sender.deliver` call, for the run's report and exit status.
public struct DeliverySummary: Sendable, Equatable {
    /// Batches handed to `willSend` and finished (`didFinish` called).
    public var batchesStarted = 0
    public var batchesFinished = 0
    public var itemsAcknowledged = 0
    public var itemsRejected = 0
    public var itemsPending = 0
    /// HTTP requests sent, retries included.
    public var requests = 0
    /// Requests sent again after a 5xx, a timeout or a dropped connection.
    public var retries = 0
    /// 429 answers waited out.
    public var rateLimitWaits = 0
    /// Requests split in halves after a 413.
    public var splits = 0
    /// The deadline came with batches not yet started: they stay unsent for the next run.
    public var deadlineReached = false

    public init() {}

    /// Work left for the next run: pending items or batches not started (exit 69).
    public var leftPending: Bool { itemsPending > 0 || deadlineReached }

    mutating func add(_ counts: RequestCounts) {
        requests += counts.requests
        retries += counts.retries
        rateLimitWaits += counts.rateLimitWaits
        splits += counts.splits
    }

    mutating func count(_ outcome: BatchOutcome) {
        batchesFinished += 1
        for item in outcome.items {
            switch item {
            case .acknowledged: itemsAcknowledged += 1
            case .rejected: itemsRejected += 1
            case .pending: itemsPending += 1
            }
        }
    }
}

/// What the requests of one batch cost.
struct RequestCounts: Sendable {
    var requests = 0
    var retries = 0
    var rateLimitWaits = 0
    var splits = 0
}
