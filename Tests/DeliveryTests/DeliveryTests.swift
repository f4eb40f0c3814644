import Delivery
import FakeVendor
import JSON
import Testing

/// A whole night against well-behaved fake vendors.
@Suite struct DeliveryTests {
    @Test func brazeNightIsDeliveredOnceAndAcknowledged() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey))
        defer { Task { try? await vendor.stop() } }
        let batches = makeBatches(users: 1_000, size: 75)
        let run = try await deliver(batches, with: config(vendor))

        #expect(run.summary.itemsAcknowledged == 1_000)
        #expect(run.summary.itemsPending == 0 && run.summary.itemsRejected == 0 && !run.summary.leftPending)
        #expect(run.started == batches.map(\.id))
        let requests = vendor.requests
        #expect(requests.count == batches.count)
        for request in requests {
            #expect(request.method == "POST")
            #expect(request.path == "/users/track")
            #expect(request.header("authorization") == "Bearer \(testKey)")
            #expect(request.header("content-type") == "application/json")
            #expect(request.status == 200)
        }
        let counts = acknowledgedUsers(vendor)
        #expect(counts.count == 1_000)
        #expect(counts.values.allSatisfy { $0 == 1 })
        // The bodies carry the items unchanged, in order.
        var parser = JSONParser()
        let sent = try batches.flatMap(\.items).map { bytes in try bytes.withUnsafeBytes { try parser.parse($0) } }
        #expect(requests.sorted { $0.users.first! < $1.users.first! }.count == batches.count)
        let received = requests.sorted { $0.ordinal < $1.ordinal }.flatMap { $0.items ?? [] }
        #expect(Set(received) == Set(sent))
        #expect(vendor.overlappingUsers.isEmpty)
    }

    @Test func amplitudeIdentifyIsFormEncoded() async throws {
        let vendor = try await FakeVendor(.init(kind: .amplitude, key: testKey))
        defer { Task { try? await vendor.stop() } }
        // Characters the form encoding must escape: & = + % space, quotes, non-ASCII.
        let tricky = #","city":"Zürich & Genève = 100% + more \"quoted\" 東京""#
        let keys = (0..<30).map { "amp user/\($0)+&=" }
        let batch = OutgoingBatch(
            id: 9, items: keys.map { item(for: $0, kind: .amplitude, extra: tricky) }, userKeys: keys)
        let run = try await deliver([batch], with: config(vendor, kind: .amplitude, batchSize: 2_000))

        #expect(run.outcomes[9] == Array(repeating: .acknowledged, count: 30))
        let request = try #require(vendor.requests.first)
        #expect(vendor.requests.count == 1)
        #expect(request.path == "/identify")
        #expect(request.header("content-type") == "application/x-www-form-urlencoded")
        #expect(request.header("authorization") == nil)
        #expect(request.formKey == testKey)
        #expect(request.users == keys)
        var parser = JSONParser()
        let sent = try batch.items.map { bytes in try bytes.withUnsafeBytes { try parser.parse($0) } }
        #expect(request.items == sent)
    }

    @Test func amplitudeRequestsKeepToTwoThousandItemsAndOneMegabyte() async throws {
        let vendor = try await FakeVendor(.init(kind: .amplitude, key: testKey))
        defer { Task { try? await vendor.stop() } }
        // 2,500 small items: two requests (2,000 + 500).
        let many = makeBatches(users: 2_500, size: 2_500, kind: .amplitude)
        var run = try await deliver(many, with: config(vendor, kind: .amplitude, batchSize: 2_000))
        #expect(run.summary.itemsAcknowledged == 2_500)
        #expect(vendor.requests.map { $0.items?.count ?? -1 } == [2_000, 500])

        // Items of 400 KB: two fit under 1 MB, a third does not; one of 1.2 MB fits nowhere.
        vendor.clearRecords()
        let big = String(repeating: "x", count: 400_000)
        let huge = String(repeating: "y", count: 1_200_000)
        let keys = ["b-0", "b-1", "b-2", "b-3", "b-4"]
        let items = keys.enumerated().map { n, key in
            item(for: key, kind: .amplitude, extra: #","blob":"\#(n == 3 ? huge : big)""#)
        }
        run = try await deliver([OutgoingBatch(id: 1, items: items, userKeys: keys)],
                                with: config(vendor, kind: .amplitude, batchSize: 2_000))
        let outcomes = try #require(run.outcomes[1])
        #expect(outcomes[0] == .acknowledged && outcomes[1] == .acknowledged && outcomes[2] == .acknowledged)
        #expect(outcomes[4] == .acknowledged)
        guard case .rejected(let why) = outcomes[3] else {
            Issue.record("the 1.2 MB item should be rejected, got \(outcomes[3])")
            return
        }
        #expect(why.contains("over the limit of 1000000"))
        #expect(vendor.requests.allSatisfy { $0.body.count <= 1_000_000 })
        #expect(vendor.requests.flatMap(\.users) == ["b-0", "b-1", "b-2", "b-4"])
        // Requests hold runs of consecutive items: [b-0, b-1], [b-2], [b-4].
        #expect(vendor.requests.count == 3)
    }

    @Test func aSecondBatchOfAUserWaitsForTheFirstAnswer() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey)) { _ in
            .delayed(.milliseconds(60), .success)
        }
        defer { Task { try? await vendor.stop() } }
        // Every batch shares users with its neighbours; 4 connections would allow overlap.
        let batches = (0..<12).map { n in
            let keys = (n * 3..<n * 3 + 6).map { "shared-\($0)" }
            return OutgoingBatch(id: Int64(n + 1), items: keys.map { item(for: $0, kind: .braze) }, userKeys: keys)
        }
        let run = try await deliver(batches, with: config(vendor, concurrency: 4))
        #expect(run.summary.itemsAcknowledged == 72)
        #expect(vendor.overlappingUsers.isEmpty)
        let requests = vendor.requests
        for (a, b) in zip(requests, requests.dropFirst()) where !Set(a.users).isDisjoint(with: b.users) {
            let answered = try #require(a.answered)
            #expect(b.received >= answered)
        }
        // Batches without shared users do go out together.
        vendor.clearRecords()
        _ = try await deliver(makeBatches(users: 40, size: 5), with: config(vendor, concurrency: 4))
        let times = vendor.requests
        let overlapping = zip(times, times.dropFirst()).contains { a, b in a.answered.map { b.received < $0 } ?? false }
        #expect(overlapping)
    }

    @Test func deadlineStopsStartingBatches() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey)) { _ in
            .delayed(.milliseconds(150), .success)
        }
        defer { Task { try? await vendor.stop() } }
        let batches = makeBatches(users: 100, size: 10)
        // Already past: nothing starts.
        var run = try await deliver(batches, with: config(vendor, deadline: .now - .seconds(1)))
        #expect(run.started.isEmpty && run.summary.deadlineReached && run.summary.leftPending)
        #expect(vendor.requestCount == 0)

        // Mid-run: no batch starts after the deadline; one in flight then is given up (pending).
        run = try await deliver(batches, with: config(vendor, concurrency: 1, deadline: .now + .milliseconds(700)))
        #expect(run.summary.deadlineReached)
        #expect(run.started.count < batches.count)
        #expect(run.summary.itemsAcknowledged + run.summary.itemsPending == run.started.count * 10)
        #expect(vendor.requestCount <= run.started.count)
        // The next run sends the rest.
        let acknowledgedBefore = run.summary.itemsAcknowledged
        run = try await deliver(run.left(batches), with: config(vendor))
        #expect(run.summary.itemsAcknowledged == 100 - acknowledgedBefore)
        #expect(Set(acknowledgedUsers(vendor).keys).count == 100)
    }
}
