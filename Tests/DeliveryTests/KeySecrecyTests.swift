import Delivery
import FakeVendor
import Testing

/// The key never appears in an outcome, an error or a summary, even when the vendor echoes it.
@Suite struct KeySecrecyTests {
    @Test func noOutputCarriesTheKey() async throws {
        var texts: [String] = []
        let echo = try await FakeVendor(.init(kind: .braze, key: testKey)) { request in
            switch request.ordinal % 4 {
            case 0: .fatal(400, "bad request for key \(testKey)")
            case 1: .itemErrors([.init(index: 0, message: "key \(testKey) cannot set this")])
            case 2: .fatal(503, "busy, key \(testKey)")
            default: .drop
            }
        }
        defer { Task { try? await echo.stop() } }
        let run = try await deliver(makeBatches(users: 40, size: 5), with: config(echo, maxTries: 2))
        texts += run.outcomes.values.flatMap { $0 }.map { "\($0)" }
        texts.append("\(run.summary)")
        #expect(texts.contains { $0.contains("***") })

        for (kind, status) in [(FakeVendor.Kind.braze, 401), (.amplitude, 403)] {
            let refusing = try await FakeVendor(.init(kind: kind, key: testKey)) { _ in
                .fatal(status, "key \(testKey) is not allowed")
            }
            do {
                _ = try await deliver(makeBatches(users: 5, size: 5, kind: kind == .braze ? .braze : .amplitude),
                                      with: config(refusing, kind: kind == .braze ? .braze : .amplitude))
                Issue.record("expected a stop")
            } catch {
                texts.append("\(error)")
                texts.append(String(reflecting: error))
            }
            try await refusing.stop()
        }
        // Nothing listens here any more: connection errors.
        let gone = try await FakeVendor(.init(kind: .amplitude, key: testKey))
        let goneConfig = config(gone, kind: .amplitude, maxTries: 2)
        try await gone.stop()
        let failed = try await deliver(makeBatches(users: 5, size: 5, kind: .amplitude), with: goneConfig)
        texts += failed.outcomes.values.flatMap { $0 }.map { "\($0)" }

        for config in [config(echo, key: testKey)] {
            var insecure = config
            insecure.endpoint = "http://example.com"
            do { _ = try Sender(insecure) } catch { texts.append("\(error)") }
        }
        #expect(texts.count > 10)
        for text in texts {
            #expect(!text.contains(testKey), "the key leaked into: \(text)")
        }
    }
}
