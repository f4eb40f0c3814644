import Delivery
import Sync

/// The HTTP sender for kind = braze and amplitude, plugged into the ledger of `Sync`: the
/// ledger hands out the pending batches and records each outcome; `Sender` does the requests.
enum SyncDelivery {
    static let deliverer: Deliverer? = { ledger in
        let config = DeliveryConfig(
            kind: ledger.kind == .amplitude ? .amplitude : .braze, endpoint: ledger.endpoint,
            apiKey: ledger.apiKey, requestsPerSecond: ledger.requestsPerSecond,
            batchSize: ledger.batchSize, deadline: ledger.deadline)
        let sender: Sender
        do {
            sender = try Sender(config)
        } catch {
            throw SyncFailure.usage("[target] \(error)")
        }
        let batches = ledger.batches.lazy.map { OutgoingBatch(id: $0.id, items: $0.items, userKeys: $0.userKeys) }
        let summary: DeliverySummary
        do {
            summary = try await sender.deliver(
                batches,
                willSend: { batch in try ledger.willSend(batch.id) },
                didFinish: { outcome in
                    try ledger.didFinish(outcome.id, outcome.items.map { item in
                        switch item {
                        case .acknowledged: .acknowledged
                        case .rejected(let message): .rejected(message)
                        case .pending(let message): .pending(message)
                        }
                    })
                })
        } catch let stop as DeliveryStop {
            return .refused(config.mask(stop.description))
        }
        if summary.deadlineReached {
            return .deadline("the deadline came with batches not sent; they stay pending for the next run")
        }
        if summary.itemsPending > 0 {
            return .unavailable("\(summary.itemsPending) items not delivered after the retries; they stay pending for the next run")
        }
        return .done
    }
}
