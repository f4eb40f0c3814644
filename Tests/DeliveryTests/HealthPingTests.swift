import Delivery
import FakeVendor
import Testing

@Suite struct HealthPingTests {
    @Test func pingsStartAndExitStatus() async throws {
        let monitor = try await FakeVendor(.init(kind: .braze, key: ""))
        defer { Task { try? await monitor.stop() } }
        let ping = try HealthPing(url: monitor.endpoint + "/ping/abc-123")
        #expect(await ping.start() == nil)
        #expect(await ping.finish(status: 69, summary: "pending 12") == nil)
        let requests = monitor.requests
        #expect(requests.map(\.path) == ["/ping/abc-123/start", "/ping/abc-123/69"])
        #expect(String(decoding: requests[1].body, as: UTF8.self) == "pending 12")
    }

    @Test func aFailedPingIsReportedNotThrown() async throws {
        let monitor = try await FakeVendor(.init(kind: .braze, key: "")) { _ in .fatal(500, "down") }
        defer { Task { try? await monitor.stop() } }
        let ping = try HealthPing(url: monitor.endpoint)
        #expect(await ping.start() == "ping /start answered HTTP 500")
        #expect(throws: DeliveryConfigError.insecureEndpoint("http://hc.example.com/x")) {
            try HealthPing(url: "http://hc.example.com/x")
        }
    }
}
