/// Where and how fast to deliver. The key is only held here and in the request it authorizes:
/// no message, log line or outcome of this target carries it (`mask` hides any echo of it).
public struct DeliveryConfig: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// `POST {endpoint}/users/track`, `Authorization: Bearer KEY`, `{"attributes":[...]}`.
        case braze
        /// `POST {endpoint}/identify`, form-encoded `api_key` and `identification`.
        case amplitude
    }

    public var kind: Kind
    /// Scheme, host, optional port and path prefix, e.g. `https://rest.iad-01.braze.com`; the
    /// vendor's path is appended to it.
    public var endpoint: String
    public var apiKey: String
    /// Requests started per second at most, over the whole run (all connections together).
    public var requestsPerSecond: Double
    /// Items per request at most (Braze: 75, or 50 on newer contracts; Amplitude: 2,000).
    public var batchSize: Int
    /// Attempts per request for 5xx, timeouts and dropped connections, the first included.
    public var maxTries: Int
    /// Requests in flight at once.
    public var concurrency: Int
    /// Per attempt: from the start of the request to the last byte of its answer.
    public var timeout: Duration
    /// No batch is started at or after this instant; batches not started stay unsent.
    public var deadline: ContinuousClock.Instant?
    /// Retry delays: a random duration between zero and `backoffBase * 2^(try - 1)`, at most
    /// `backoffCap` ("full jitter").
    public var backoffBase: Duration
    public var backoffCap: Duration
    /// The pause after a 429 that names neither `Retry-After` nor `X-RateLimit-Reset`
    /// (Amplitude's answers do not: its documentation asks for a 30-second pause).
    public var rateLimitPause: Duration
    /// 429 answers do not use up tries (the vendor asked for a pause, nothing failed), but a
    /// request answered 429 this many times in a row is left pending.
    public var maxRateLimitWaits: Int
    /// Request body limit in bytes; a larger request is split before it is sent (Amplitude: 1 MB).
    public var maxBodyBytes: Int

    public init(
        kind: Kind, endpoint: String, apiKey: String,
        requestsPerSecond: Double, batchSize: Int, maxTries: Int = 6, concurrency: Int = 8,
        timeout: Duration = .seconds(30), deadline: ContinuousClock.Instant? = nil,
        backoffBase: Duration = .milliseconds(500), backoffCap: Duration = .seconds(30),
        rateLimitPause: Duration = .seconds(30), maxRateLimitWaits: Int = 30,
        maxBodyBytes: Int? = nil
    ) {
        self.kind = kind
        self.endpoint = endpoint
        self.apiKey = apiKey
        self.requestsPerSecond = requestsPerSecond
        self.batchSize = batchSize
        self.maxTries = maxTries
        self.concurrency = concurrency
        self.timeout = timeout
        self.deadline = deadline
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.rateLimitPause = rateLimitPause
        self.maxRateLimitWaits = maxRateLimitWaits
        self.maxBodyBytes = maxBodyBytes ?? kind.defaultMaxBodyBytes
    }

    /// Replaces every occurrence of the key in a text that may echo it (a vendor's message).
    public func mask(_ text: String) -> String {
        guard !apiKey.isEmpty, text.contains(apiKey) else { return text }
        return text.replacing(apiKey, with: "***")
    }

    /// Checks everything a delivery needs before its first request.
    func validated() throws(DeliveryConfigError) -> Endpoint {
        let endpoint = try Endpoint(parsing: endpoint)
        if apiKey.isEmpty { throw .invalidKey("is empty") }
        if apiKey.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) {
            throw .invalidKey("holds spaces or control characters")
        }
        guard requestsPerSecond > 0, requestsPerSecond.isFinite else {
            throw .invalidSetting("requests_per_second", "a number above 0")
        }
        guard batchSize >= 1, batchSize <= kind.maxItemsPerRequest else {
            throw .invalidSetting("batch_size", "from 1 to \(kind.maxItemsPerRequest) for \(kind.rawValue)")
        }
        guard maxTries >= 1 else { throw .invalidSetting("max_tries", "at least 1") }
        guard concurrency >= 1 else { throw .invalidSetting("concurrency", "at least 1") }
        guard timeout > .zero else { throw .invalidSetting("timeout", "above 0") }
        guard maxBodyBytes >= 1024 else { throw .invalidSetting("max_body_bytes", "at least 1024") }
        return endpoint
    }
}

extension DeliveryConfig.Kind {
    /// The vendor's documented item limit per request.
    public var maxItemsPerRequest: Int {
        switch self {
        case .braze: 75
        case .amplitude: 2_000
        }
    }

    var path: String {
        switch self {
        case .braze: "/users/track"
        case .amplitude: "/identify"
        }
    }

    /// Braze documents no byte limit for `/users/track` beyond its 75 objects; Amplitude's is
    /// 1 MB (counted here as 1,000,000 bytes of the encoded body, to stay on the safe side).
    var defaultMaxBodyBytes: Int {
        switch self {
        case .braze: 4_000_000
        case .amplitude: 1_000_000
        }
    }
}
