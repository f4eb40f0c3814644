import Delivery
import FakeVendor
import JSON
import NIOConcurrencyHelpers
import Testing

/// The key every test sends; `KeySecrecyTests` and `assertNoKey` look for it in all outputs.
let testKey = "sk-test-5f1d0c9a7e3b4d2a"

/// Users `prefix-0 ... prefix-(n-1)` cut into batches of `size`, ids from `firstID`.
func makeBatches(
    users n: Int, size: Int, kind: DeliveryConfig.Kind = .braze, prefix: String = "u", firstID: Int64 = 1
) -> [OutgoingBatch] {
    stride(from: 0, to: n, by: size).enumerated().map { index, start in
        let keys = (start..<min(start + size, n)).map { "\(prefix)-\($0)" }
        return OutgoingBatch(id: firstID + Int64(index), items: keys.map { item(for: $0, kind: kind) }, userKeys: keys)
    }
}

func item(for user: String, kind: DeliveryConfig.Kind, extra: String = "") -> [UInt8] {
    switch kind {
    case .braze:
        return Array(#"{"external_id":"\#(user)","first_name":"Ada","score":7\#(extra)}"#.utf8)
    case .amplitude:
        return Array(#"{"user_id":"\#(user)","user_properties":{"$set":{"plan":"gold"\#(extra)},"$unset":{"old":"-"}}}"#.utf8)
    }
}

/// A configuration for a fake vendor: quick retries so that fault tests take milliseconds.
func config(
    _ vendor: FakeVendor, kind: DeliveryConfig.Kind = .braze, key: String = testKey, rps: Double = 1_000,
    batchSize: Int = 75, maxTries: Int = 4, concurrency: Int = 4, timeout: Duration = .seconds(5),
    deadline: ContinuousClock.Instant? = nil
) -> DeliveryConfig {
    DeliveryConfig(
        kind: kind, endpoint: vendor.endpoint, apiKey: key, requestsPerSecond: rps, batchSize: batchSize,
        maxTries: maxTries, concurrency: concurrency, timeout: timeout, deadline: deadline,
        backoffBase: .milliseconds(5), backoffCap: .milliseconds(50), rateLimitPause: .milliseconds(200))
}

/// One delivery and what its callbacks saw.
struct Delivered {
    var summary: DeliverySummary
    var started: [Int64]
    var outcomes: [Int64: [ItemOutcome]]

    /// Users whose item ended as `wanted`, by the batches given.
    func users(_ batches: [OutgoingBatch], where wanted: (ItemOutcome) -> Bool) -> [String] {
        batches.flatMap { batch in
            zip(batch.userKeys, outcomes[batch.id] ?? []).filter { wanted($0.1) }.map(\.0)
        }
    }

    /// The batches again, keeping only the items that did not end acknowledged: what the ledger
    /// offers the next run.
    func left(_ batches: [OutgoingBatch]) -> [OutgoingBatch] {
        batches.compactMap { batch in
            let keep = (outcomes[batch.id] ?? []).enumerated().filter { $0.element != .acknowledged }.map(\.offset)
            let notStarted = outcomes[batch.id] == nil
            if notStarted { return batch }
            if keep.isEmpty { return nil }
            return OutgoingBatch(id: batch.id, items: keep.map { batch.items[$0] }, userKeys: keep.map { batch.userKeys[$0] })
        }
    }
}

/// Runs `Sender.deliver` and checks the callbacks' contract on the way: `willSend` once per batch
/// before its outcome, `didFinish` once per started batch, never two callbacks at once.
func deliver(_ batches: [OutgoingBatch], with config: DeliveryConfig) async throws -> Delivered {
    let sender = try Sender(config)
    var started: [Int64] = []
    var outcomes: [Int64: [ItemOutcome]] = [:]
    let inside = NIOLockedValueBox(false)
    func enter() {
        let wasInside = inside.withLockedValue { v in defer { v = true }; return v }
        #expect(!wasInside, "two callbacks at once")
    }
    func leave() { inside.withLockedValue { $0 = false } }
    let summary = try await sender.deliver(
        batches,
        willSend: { batch in
            enter(); defer { leave() }
            #expect(!started.contains(batch.id))
            started.append(batch.id)
        },
        didFinish: { outcome in
            enter(); defer { leave() }
            #expect(started.contains(outcome.id))
            #expect(outcomes[outcome.id] == nil)
            outcomes[outcome.id] = outcome.items
        })
    #expect(summary.batchesStarted == started.count)
    #expect(summary.batchesFinished == outcomes.count)
    for batch in batches where outcomes[batch.id] != nil {
        #expect(outcomes[batch.id]?.count == batch.items.count)
    }
    return Delivered(summary: summary, started: started, outcomes: outcomes)
}

/// Users in the requests the vendor answered 2xx, with how often each came.
func acknowledgedUsers(_ vendor: FakeVendor) -> [String: Int] {
    var counts: [String: Int] = [:]
    for request in vendor.requests where (200..<300).contains(request.status) {
        for user in request.users { counts[user, default: 0] += 1 }
    }
    return counts
}

/// Counts script calls per first user of a request: lets a script fail only the first try.
final class TryCounter: Sendable {
    private let counts = NIOLockedValueBox<[String: Int]>([:])

    /// 1 for the first request starting with this user, then 2, ...
    func next(_ request: RecordedRequest) -> Int {
        let key = request.users.first ?? ""
        return counts.withLockedValue { c in
            c[key, default: 0] += 1
            return c[key, default: 0]
        }
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
