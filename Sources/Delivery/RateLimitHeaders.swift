#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The rate-limit advice of one answer: `Retry-After` (seconds) and Braze's
/// `X-RateLimit-Limit` / `-Remaining` / `-Reset` (names compared case-insensitively: HTTP/2 sends
/// them lower-case). Times become delays from now, so the rest of the sender only sees durations.
struct RateLimitHeaders: Sendable, Equatable {
    var limit: Int?
    var remaining: Int?
    /// Until the vendor's window restarts (from `X-RateLimit-Reset`).
    var untilReset: Duration?
    /// From `Retry-After` given in seconds (an HTTP date is not used: Braze and Amplitude send
    /// seconds, and a date depends on both clocks agreeing).
    var retryAfter: Duration?

    /// Longest wait taken from a header: a wrong or hostile value must not park the run for days.
    static let longestWait: Duration = .seconds(3600)

    init(limit: Int? = nil, remaining: Int? = nil, untilReset: Duration? = nil, retryAfter: Duration? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.untilReset = untilReset
        self.retryAfter = retryAfter
    }

    /// `header(name)` looks a header up by its lower-case name, case-insensitively.
    init(header: (String) -> String?, now epochSeconds: Double = RateLimitHeaders.wallClock()) {
        limit = header("x-ratelimit-limit").flatMap { Int($0.trimmed) }
        remaining = header("x-ratelimit-remaining").flatMap { Int($0.trimmed) }
        if let reset = header("x-ratelimit-reset").flatMap({ Double($0.trimmed) }), reset.isFinite, reset >= 0 {
            // Braze sends epoch seconds; a small number can only be seconds from now (as some
            // gateways send it), so both are read.
            let delta = reset >= 1_000_000_000 ? reset - epochSeconds : reset
            untilReset = Self.clamp(delta)
        }
        if let seconds = header("retry-after").flatMap({ Double($0.trimmed) }), seconds.isFinite, seconds >= 0 {
            retryAfter = Self.clamp(seconds)
        }
    }

    private static func clamp(_ seconds: Double) -> Duration {
        let bounded = min(max(seconds, 0), longestWait.seconds)
        return .nanoseconds(Int64(bounded * 1e9))
    }

    static func wallClock() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

extension String {
    fileprivate var trimmed: Substring {
        let s = self.drop { $0 == " " || $0 == "\t" }
        return s.prefix { $0 != " " && $0 != "\t" }
    }
}
