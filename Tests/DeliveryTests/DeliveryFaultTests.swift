import Delivery
import FakeVendor
import JSON
import Testing

/// Every fault the vendors document: each ends with every item acknowledged, at the latest
/// after one re-run of what was left, and with no user in two requests at once.
@Suite struct DeliveryFaultTests {
    let batches = makeBatches(users: 300, size: 30)

    /// Runs the batches, then once more what was left with the vendor healthy again.
    func deliverWithOneRerun(_ vendor: FakeVendor, _ config: DeliveryConfig) async throws -> (first: Delivered, second: Delivered) {
        let first = try await deliver(batches, with: config)
        vendor.setScript { _ in .success }
        let second = try await deliver(first.left(batches), with: config)
        #expect(first.summary.itemsAcknowledged + second.summary.itemsAcknowledged == 300)
        #expect(second.summary.itemsPending == 0 && second.summary.itemsRejected == 0)
        #expect(Set(acknowledgedUsers(vendor).keys) == Set(batches.flatMap(\.userKeys)))
        #expect(vendor.overlappingUsers.isEmpty)
        return (first, second)
    }

    @Test func serverErrorsAreRetried() async throws {
        let tries = TryCounter()
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey)) { request in
            tries.next(request) <= 2 ? .fatal(503, "unavailable") : .success
        }
        defer { Task { try? await vendor.stop() } }
        let (first, second) = try await deliverWithOneRerun(vendor, config(vendor, maxTries: 4))
        #expect(first.summary.itemsAcknowledged == 300 && second.started.isEmpty)
        #expect(first.summary.retries == 20 && first.summary.requests == 30)
    }

    @Test func lastingServerErrorsLeaveItemsPending() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey)) { _ in .fatal(500, "internal error") }
        defer { Task { try? await vendor.stop() } }
        let (first, _) = try await deliverWithOneRerun(vendor, config(vendor, maxTries: 3))
        #expect(first.summary.itemsPending == 300 && first.summary.leftPending)
        #expect(first.summary.requests == 30)
        let reasons = Set(first.outcomes.values.flatMap { $0 })
        #expect(reasons == [.pending("HTTP 500: internal error (3 tries)")])
    }

    @Test func droppedConnectionsAreRetried() async throws {
        let tries = TryCounter()
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey)) { request in
            tries.next(request) == 1 ? .drop : .success
        }
        defer { Task { try? await vendor.stop() } }
        let (first, _) = try await deliverWithOneRerun(vendor, config(vendor))
        #expect(first.summary.itemsAcknowledged == 300)
        #expect(first.summary.retries == 10)
    }

    @Test func slowAnswersTimeOutAndAreRetried() async throws {
        let tries = TryCounter()
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey)) { request in
            tries.next(request) == 1 ? .delayed(.seconds(4), .success) : .delayed(.milliseconds(20), .success)
        }
        defer { Task { try? await vendor.stop() } }
        let (first, _) = try await deliverWithOneRerun(vendor, config(vendor, timeout: .seconds(1)))
        #expect(first.summary.itemsAcknowledged == 300)
        // Tries met the slow answer, were given up, and went again.
        #expect(first.summary.retries >= 1)
        #expect(vendor.requests.contains { $0.status == 0 })
    }

    @Test func tooManyRequestsWaitsForRetryAfterWithoutUsingATry() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey)) { request in
            request.ordinal == 0 ? .tooManyRequests(retryAfter: 1) : .success
        }
        defer { Task { try? await vendor.stop() } }
        // maxTries 1: a 429 is not a failed try.
        let (first, _) = try await deliverWithOneRerun(vendor, config(vendor, maxTries: 1, concurrency: 1))
        #expect(first.summary.itemsAcknowledged == 300)
        #expect(first.summary.rateLimitWaits >= 1)
        let requests = vendor.requests
        let limited = try #require(requests.first { $0.status == 429 })
        let answered = try #require(limited.answered)
        let next = try #require(requests.first { $0.ordinal > limited.ordinal && $0.status != 429 })
        #expect(seconds(next.received - answered) >= 0.95)
    }

    @Test func rateLimitHeadersAreKept() async throws {
        // Braze-like window: 8 requests per second, told in X-RateLimit-* headers.
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey, window: (limit: 8, seconds: 1)))
        defer { Task { try? await vendor.stop() } }
        let (first, _) = try await deliverWithOneRerun(vendor, config(vendor, rps: 1_000, concurrency: 2))
        #expect(first.summary.itemsAcknowledged == 300)
        // The remaining count is read before it runs out: at most the requests in flight
        // when the window's last token goes can meet a 429.
        let limited = vendor.requests.filter { $0.status == 429 }.count
        #expect(limited <= 4, "429 answers: \(limited)")
    }

    @Test func perItemErrorsRejectThoseItemsOnly() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey)) { _ in
            .itemErrors([.init(index: 0, message: "Invalid email"), .init(index: 7, message: "Invalid phone")])
        }
        defer { Task { try? await vendor.stop() } }
        let (first, second) = try await deliverWithOneRerun(vendor, config(vendor))
        #expect(first.summary.itemsRejected == 20 && first.summary.itemsAcknowledged == 280)
        #expect(!first.summary.leftPending)
        for batch in batches {
            let outcomes = try #require(first.outcomes[batch.id])
            #expect(outcomes[0] == .rejected("Invalid email"))
            #expect(outcomes[7] == .rejected("Invalid phone"))
            #expect(outcomes.enumerated().allSatisfy { [0, 7].contains($0.offset) || $0.element == .acknowledged })
        }
        #expect(second.summary.itemsAcknowledged == 20)
    }

    @Test func fatalClientErrorRejectsTheBatch() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey)) { request in
            request.users.first == "u-30" ? .fatal(400, "Invalid attributes object") : .success
        }
        defer { Task { try? await vendor.stop() } }
        let (first, _) = try await deliverWithOneRerun(vendor, config(vendor))
        #expect(first.summary.itemsRejected == 30 && first.summary.itemsAcknowledged == 270)
        #expect(first.outcomes[2] == Array(repeating: .rejected("HTTP 400: Invalid attributes object"), count: 30))
        #expect(vendor.requests.filter { $0.status == 400 }.count == 1)
    }

    @Test func payloadTooLargeSplitsInHalves() async throws {
        // The vendor takes 8 objects per request at most: 30 -> 15 -> 7 and 8.
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey, maxItems: 8))
        defer { Task { try? await vendor.stop() } }
        let (first, _) = try await deliverWithOneRerun(vendor, config(vendor))
        #expect(first.summary.itemsAcknowledged == 300)
        #expect(first.summary.splits == 30)
        #expect(vendor.requests.filter { $0.status == 200 }.allSatisfy { $0.users.count <= 8 })
        #expect(acknowledgedUsers(vendor).values.allSatisfy { $0 == 1 })
    }

    @Test func refusedKeyStopsTheRunAtOnce() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: "another-key"))
        defer { Task { try? await vendor.stop() } }
        await #expect(throws: DeliveryStop.unauthorized(status: 401, message: "Invalid API key")) {
            _ = try await deliver(batches, with: config(vendor, concurrency: 2))
        }
        #expect(vendor.requestCount <= 2)

        let forbidden = try await FakeVendor(.init(kind: .amplitude, key: testKey)) { _ in .fatal(403, "Forbidden") }
        defer { Task { try? await forbidden.stop() } }
        await #expect(throws: DeliveryStop.unauthorized(status: 403, message: "Forbidden")) {
            _ = try await deliver(makeBatches(users: 10, size: 5, kind: .amplitude),
                                  with: config(forbidden, kind: .amplitude, concurrency: 1))
        }
        #expect(forbidden.requestCount == 1)
    }

    @Test func retriesStopAtTheDeadline() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey)) { _ in .fatal(502, "bad gateway") }
        defer { Task { try? await vendor.stop() } }
        var slow = config(vendor, maxTries: 50, deadline: .now + .milliseconds(300))
        slow.backoffBase = .milliseconds(100)
        slow.backoffCap = .seconds(1)
        let run = try await deliver(batches, with: slow)
        #expect(run.summary.leftPending && run.summary.itemsAcknowledged == 0)
        // Far fewer than 50 tries a batch: the retries stopped at the deadline. (Not a wall-clock
        // bound: the test process's threads may stall while other suites run programs.)
        #expect(run.summary.requests < run.started.count * 10)
        for outcome in run.outcomes.values.flatMap({ $0 }) {
            guard case .pending(let why) = outcome else { Issue.record("\(outcome)"); continue }
            #expect(why.contains("deadline"), "\(why)")
        }
    }
}
