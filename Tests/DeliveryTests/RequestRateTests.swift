import Delivery
import FakeVendor
import Testing

/// The configured rate, measured where the vendor measures it: from the server's receive times.
@Suite struct RequestRateTests {
    @Test func configuredRateIsNeverExceeded() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: testKey))
        defer { Task { try? await vendor.stop() } }
        let run = try await deliver(makeBatches(users: 70, size: 1), with: config(vendor, rps: 25, concurrency: 2))
        #expect(run.summary.itemsAcknowledged == 70)
        let times = vendor.requests.map(\.received).sorted()
        let rate = Double(times.count - 1) / seconds(times.last! - times.first!)
        #expect(rate <= 25 * 1.02, "rate \(rate)")
        // Starts are spaced 40 ms apart; the way to the server adds jitter (this machine runs
        // other tests meanwhile), so one second may see a request early: at most one per
        // connection more than the limit.
        var start = 0
        var most = 0
        for end in times.indices {
            while times[end] - times[start] >= .seconds(1) { start += 1 }
            most = max(most, end - start + 1)
        }
        #expect(most <= 25 + 2, "most requests in one second: \(most)")
    }
}
