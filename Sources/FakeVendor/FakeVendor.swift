import JSON
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fake Braze `/users/track` or Amplitude `/identify` on 127.0.0.1, for the tests and the
/// bench: it records every request and answers as its script says. Like the vendors it refuses
/// a wrong key (401), a request over `maxItems` items (413), and with a `window` it counts
/// requests per window, sends `X-RateLimit-*` headers and answers 429 once the window is spent.
public final class FakeVendor: Sendable {
    public enum Kind: String, Sendable { case braze, amplitude }

    public struct Options: Sendable {
        public var kind: Kind
        /// The key the vendor expects: Braze's bearer token or Amplitude's `api_key` (empty: any
        /// request is let in, as a healthchecks-style monitor does).
        public var key: String
        /// Items per request above which the answer is 413.
        public var maxItems: Int
        /// Braze's rate-limit window: `limit` requests per `seconds`.
        public var window: (limit: Int, seconds: Int)?
        /// Keep bodies and parse items (false: count requests only, for the bench).
        public var recordBodies: Bool

        public init(kind: Kind, key: String, maxItems: Int? = nil, window: (limit: Int, seconds: Int)? = nil,
                    recordBodies: Bool = true) {
            self.kind = kind
            self.key = key
            self.maxItems = maxItems ?? (kind == .braze ? 75 : 2_000)
            self.window = window
            self.recordBodies = recordBodies
        }
    }

    /// Picks the answer to a request (called on the server's event loop, one request at a time).
    public typealias Script = @Sendable (RecordedRequest) -> Reply

    public let options: Options
    public let port: Int
    /// `http://127.0.0.1:PORT`
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    private let channel: any Channel
    let state: NIOLockedValueBox<State>

    struct State {
        var script: Script
        var requests: [RecordedRequest] = []
        var count = 0
        var usersInFlight: [String: Int] = [:]
        /// (user, ordinal of the request that held it): see `overlappingUsers`.
        var overlaps: [(user: String, holder: Int)] = []
        var holders: [String: Int] = [:]
        var windowStart: Double = 0
        var windowUsed = 0
    }

    /// Starts listening on 127.0.0.1 (`port` 0: a free port).
    public init(_ options: Options, port: Int = 0, script: @escaping Script = { _ in .success }) async throws {
        self.options = options
        let state = NIOLockedValueBox(State(script: script))
        self.state = state
        let kind = options.kind
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        FakeVendorHandler(options: options, kind: kind, state: state))
                }
            }
        channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        self.port = channel.localAddress?.port ?? 0
    }

    public func stop() async throws {
        try await channel.close()
    }

    /// Replaces the script for the requests to come.
    public func setScript(_ script: @escaping Script) {
        state.withLockedValue { $0.script = script }
    }

    /// Every request received so far, in order of arrival.
    public var requests: [RecordedRequest] { state.withLockedValue { $0.requests } }
    /// Requests received so far (also when bodies are not recorded).
    public var requestCount: Int { state.withLockedValue { $0.count } }
    /// Users that arrived while an earlier request holding them was still unanswered. A request
    /// whose connection the client closed before the answer (it timed out) no longer holds its
    /// users: the client gave it up, and may send them again at once.
    public var overlappingUsers: [String] { state.withLockedValue { $0.overlaps.map(\.user) } }
    /// Forgets the requests recorded so far (a test's second run starts from zero).
    public func clearRecords() {
        state.withLockedValue {
            $0.requests.removeAll()
            $0.overlaps.removeAll()
        }
    }

    static func wallClock() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
