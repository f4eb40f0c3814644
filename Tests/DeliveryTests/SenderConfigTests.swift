@testable import Delivery
import Testing

/// What `Sender.init` refuses before any request, and how requests are cut.
@Suite struct SenderConfigTests {
    func make(_ endpoint: String, key: String = testKey) -> DeliveryConfig {
        DeliveryConfig(kind: .braze, endpoint: endpoint, apiKey: key, requestsPerSecond: 10, batchSize: 75)
    }

    @Test(arguments: [
        "https://rest.iad-01.braze.com", "https://api2.amplitude.com/", "HTTPS://api.eu.amplitude.com",
        "http://127.0.0.1:8080", "http://127.5.0.1", "http://localhost:9", "http://[::1]:8080", "http://LOCALHOST",
    ])
    func acceptedEndpoints(_ endpoint: String) throws {
        _ = try Sender(make(endpoint))
    }

    @Test(arguments: ["http://example.com", "http://10.0.0.1:8080", "http://128.0.0.1", "http://[::2]", "http://127.0.0.1.example.com"])
    func plainHTTPOnlyToLoopback(_ endpoint: String) {
        #expect(throws: DeliveryConfigError.insecureEndpoint(endpoint)) { try Sender(make(endpoint)) }
    }

    @Test(arguments: ["ftp://example.com", "rest.iad-01.braze.com", "https://", "https://user:pw@example.com", "https://example.com/?a=1"])
    func malformedEndpoints(_ endpoint: String) {
        #expect(throws: DeliveryConfigError.invalidEndpoint(endpoint)) { try Sender(make(endpoint)) }
    }

    @Test func keyAndSettingsAreChecked() {
        #expect(throws: DeliveryConfigError.invalidKey("is empty")) { try Sender(make("https://x.example", key: "")) }
        #expect(throws: DeliveryConfigError.invalidKey("holds spaces or control characters")) {
            try Sender(make("https://x.example", key: "abc\r\nX-Evil: 1"))
        }
        var c = make("https://x.example")
        c.batchSize = 76
        #expect(throws: DeliveryConfigError.invalidSetting("batch_size", "from 1 to 75 for braze")) { try Sender(c) }
        c = make("https://x.example")
        c.requestsPerSecond = 0
        #expect(throws: DeliveryConfigError.invalidSetting("requests_per_second", "a number above 0")) { try Sender(c) }
    }

    @Test func requestsAreCutByItemsAndBytes() {
        let braze = VendorProtocol(kind: .braze, apiKey: "k", maxItems: 3, maxBodyBytes: 40)
        let items: [[UInt8]] = [Array("{\"a\":1}".utf8), Array("{\"b\":2}".utf8), Array("{\"c\":3}".utf8),
                                Array("{\"d\":4}".utf8), Array(String(repeating: "x", count: 30).utf8), Array("{}".utf8)]
        // 17 fixed bytes + 7 per item + commas: three items take 17 + 21 + 2 = 40.
        #expect(braze.chunks(of: items) == [.send(0..<3), .send(3..<4), .tooLarge(index: 4, bytes: 30), .send(5..<6)])
        #expect(String(decoding: braze.body(items[0..<2]), as: UTF8.self) == #"{"attributes":[{"a":1},{"b":2}]}"#)

        let amplitude = VendorProtocol(kind: .amplitude, apiKey: "k&y", maxItems: 2_000, maxBodyBytes: 1_000_000)
        let body = String(decoding: amplitude.body([Array(#"{"user_id":"a b"}"#.utf8)]), as: UTF8.self)
        #expect(body == "api_key=k%26y&identification=%5B%7B%22user_id%22%3A%22a+b%22%7D%5D")
    }

    @Test func brazeItemErrorsMapToTheirIndex() {
        let braze = VendorProtocol(kind: .braze, apiKey: "k", maxItems: 75, maxBodyBytes: 1 << 20)
        let answer = Array(#"{"message":"success","errors":[{"type":"Invalid email","input_array":"attributes","index":1},{"type":"bad event","input_array":"events","index":0}]}"#.utf8)
        #expect(braze.outcomes(ofSuccess: answer, count: 3, mask: { $0 }) == [.acknowledged, .rejected("Invalid email"), .acknowledged])
        let unplaced = Array(#"{"message":"success","errors":["something about the request"]}"#.utf8)
        #expect(braze.outcomes(ofSuccess: unplaced, count: 2, mask: { $0 }) == [.rejected("something about the request"), .rejected("something about the request")])
        #expect(braze.outcomes(ofSuccess: Array("not json".utf8), count: 2, mask: { $0 }) == [.acknowledged, .acknowledged])
    }

    @Test func rateLimitHeadersAreReadAsEpochOrDelta() {
        let headers = ["x-ratelimit-limit": "3000", "x-ratelimit-remaining": "12", "x-ratelimit-reset": "1700000030", "retry-after": "7"]
        let advice = RateLimitHeaders(header: { headers[$0] }, now: 1_700_000_000)
        #expect(advice.limit == 3000 && advice.remaining == 12)
        #expect(advice.untilReset == .seconds(30) && advice.retryAfter == .seconds(7))
        let delta = RateLimitHeaders(header: { $0 == "x-ratelimit-reset" ? "5" : nil }, now: 1_700_000_000)
        #expect(delta.untilReset == .seconds(5))
        let far = RateLimitHeaders(header: { $0 == "retry-after" ? "99999999" : nil })
        #expect(far.retryAfter == RateLimitHeaders.longestWait)
    }
}
