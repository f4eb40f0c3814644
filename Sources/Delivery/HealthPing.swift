import AsyncHTTPClient
import NIOCore

/// Reports a run to a healthchecks-style monitor (`--ping URL`): `POST URL/start` when the run
/// begins and `POST URL/<exit status>` when it ends (healthchecks.io reads 0 as success and any
/// other number as failure; a missing end ping raises its own alarm). A ping never changes the
/// run's outcome: a failure is returned as text for a warning line.
public struct HealthPing: Sendable {
    let endpoint: Endpoint
    public var timeout: Duration

    /// Same rule as delivery endpoints: https, or plain http to a loopback address.
    public init(url: String, timeout: Duration = .seconds(10)) throws(DeliveryConfigError) {
        endpoint = try Endpoint(parsing: url)
        self.timeout = timeout
    }

    /// The run started. Returns a problem in words, or nil.
    public func start() async -> String? { await post("/start", body: "") }

    /// The run ended with `status`; `summary` (one line, no key in it) goes as the body.
    public func finish(status: Int32, summary: String) async -> String? {
        await post("/\(status)", body: summary)
    }

    private func post(_ suffix: String, body: String) async -> String? {
        var request = HTTPClientRequest(url: endpoint.url(suffix))
        request.method = .POST
        request.headers.add(name: "User-Agent", value: "etl-sync")
        request.headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        request.body = .bytes(ByteBuffer(string: body))
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        do {
            return try await HTTPClient.withHTTPClient(configuration: configuration) { client in
                let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
                _ = try await response.body.collect(upTo: 64 * 1024)
                let status = Int(response.status.code)
                return (200..<300).contains(status) ? nil : "ping \(suffix) answered HTTP \(status)"
            }
        } catch {
            return "ping \(suffix) failed: \(error)"
        }
    }
}
