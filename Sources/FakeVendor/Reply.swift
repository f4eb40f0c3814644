/// How the fake vendor answers one request; a test's script picks one per request.
public indirect enum Reply: Sendable {
    /// The vendor's success: Braze `{"message":"success","attributes_processed":N}`, Amplitude
    /// `success`.
    case success
    /// Braze's 2xx with non-fatal errors: the objects at these indexes were not processed.
    case itemErrors([ItemError])
    /// Any status, body and headers (a 5xx, a fatal 4xx with `message`, a 401, a 413, a 429).
    case status(Int, body: String, headers: [Header] = [])
    /// Closes the connection without an answer.
    case drop
    /// Answers `reply` after `delay`.
    case delayed(Duration, Reply)

    public struct ItemError: Sendable {
        public var index: Int
        public var message: String
        public init(index: Int, message: String) {
            self.index = index
            self.message = message
        }
    }

    public struct Header: Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A 429 with `Retry-After` seconds.
    public static func tooManyRequests(retryAfter seconds: Int) -> Reply {
        .status(429, body: #"{"message":"rate limited"}"#, headers: [Header("Retry-After", String(seconds))])
    }

    /// A fatal Braze-style error: `{"message": message}`.
    public static func fatal(_ status: Int, _ message: String) -> Reply {
        .status(status, body: #"{"message":"\#(message)"}"#)
    }
}
