import AsyncHTTPClient
import NIOCore

/// Delivers planned batches to Braze `/users/track` or Amplitude's Identify API.
///
/// Up to `concurrency` requests in flight, started no faster than the rate limiter allows; a
/// batch whose users are in a request still in flight waits for it (one user is never in two
/// requests at once, so the vendor cannot apply an older value after a newer one). Each batch's
/// requests run one after another (a 413 splits one in halves), retried as `DeliveryConfig`
/// says, and end in one `BatchOutcome` per batch.
public final class Sender: Sendable {
    let config: DeliveryConfig
    let endpoint: Endpoint
    let vendor: VendorProtocol

    /// Refuses a configuration that cannot deliver (see `DeliveryConfigError`) before any request.
    public init(_ config: DeliveryConfig) throws(DeliveryConfigError) {
        self.config = config
        endpoint = try config.validated()
        vendor = VendorProtocol(
            kind: config.kind, apiKey: config.apiKey,
            maxItems: min(config.batchSize, config.kind.maxItemsPerRequest),
            maxBodyBytes: config.maxBodyBytes)
    }

    /// Sends `batches` in order. `willSend` runs before the first request of a batch (the ledger
    /// marks it sent), `didFinish` when its outcome is known; neither runs concurrently with
    /// itself or the other, and an error thrown by either ends the delivery (requests in flight
    /// are cancelled; their batches stay as `willSend` left them).
    ///
    /// Throws `DeliveryStop.unauthorized` on a 401 or 403, after `didFinish` for the batches that
    /// finished meanwhile.
    ///
    /// The sequence and both callbacks run on the caller's actor (`isolation`), so they need not
    /// be `Sendable`: a ledger over a database connection is used where it was made. Only the
    /// requests run elsewhere.
    public func deliver(
        _ batches: some Sequence<OutgoingBatch>,
        willSend: (OutgoingBatch) throws -> Void,
        didFinish: (BatchOutcome) throws -> Void,
        isolation: isolated (any Actor)? = #isolation
    ) async throws -> DeliverySummary {
        var configuration = HTTPClient.Configuration()
        // A redirect would carry the key to another address: answers are taken as they come.
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: config.concurrency)
        configuration.timeout = .init(connect: .seconds(10))
        configuration.decompression = .disabled
        return try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            try await run(batches, client: client, willSend: willSend, didFinish: didFinish, isolation: isolation)
        }
    }

    private func run(
        _ batches: some Sequence<OutgoingBatch>, client: HTTPClient,
        willSend: (OutgoingBatch) throws -> Void,
        didFinish: (BatchOutcome) throws -> Void,
        isolation: isolated (any Actor)?
    ) async throws -> DeliverySummary {
        let limiter = RateLimiter(requestsPerSecond: config.requestsPerSecond)
        var summary = DeliverySummary()
        var inFlight = InFlightUsers()
        var stop: DeliveryStop?
        try await withThrowingTaskGroup(of: BatchResult.self) { group in
            // Records a finished batch; false once the delivery must stop.
            func finish(_ result: BatchResult) throws {
                inFlight.remove(result.outcome.id)
                summary.add(result.counts)
                summary.count(result.outcome)
                try didFinish(result.outcome)
                if let s = result.stop, stop == nil {
                    stop = s
                    group.cancelAll()
                }
            }
            var iterator = batches.makeIterator()
            while stop == nil, let batch = iterator.next() {
                if let deadline = config.deadline, ContinuousClock.now >= deadline {
                    summary.deadlineReached = true
                    break
                }
                while inFlight.count >= config.concurrency || inFlight.conflicts(with: batch.userKeys) {
                    guard let result = try await group.next() else { break }
                    try finish(result)
                    if stop != nil { break }
                }
                if stop != nil { break }
                try willSend(batch)
                summary.batchesStarted += 1
                inFlight.insert(batch.id, users: batch.userKeys)
                group.addTask { [self] in
                    await send(batch, client: client, limiter: limiter)
                }
            }
            while let result = try await group.next() { try finish(result) }
        }
        if let stop { throw stop }
        return summary
    }
}

/// A finished batch: its outcome, what it cost, and a stop when the vendor refused the key.
struct BatchResult: Sendable {
    var outcome: BatchOutcome
    var counts: RequestCounts
    var stop: DeliveryStop?
}
