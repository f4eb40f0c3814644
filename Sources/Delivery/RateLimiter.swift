/// Hands out the start times of requests: at most `requestsPerSecond`, evenly spaced (a bucket of
/// one token, so no second of the run holds more than the configured number), never during a
/// pause the vendor asked for (429), and never beyond the vendor's own remaining budget
/// (`X-RateLimit-Remaining` tokens until `X-RateLimit-Reset` refills them).
actor RateLimiter {
    private let interval: Duration
    private let clock = ContinuousClock()
    private var nextSlot: ContinuousClock.Instant
    private var pausedUntil: ContinuousClock.Instant?
    private var vendorTokens: Int?
    private var vendorRefill: ContinuousClock.Instant?

    init(requestsPerSecond: Double) {
        interval = .nanoseconds(Int64((1e9 / requestsPerSecond).rounded(.up)))
        nextSlot = clock.now
    }

    /// Returns when a request may start; throws only on cancellation.
    func acquire() async throws {
        while true {
            let now = clock.now
            var at = max(now, nextSlot)
            if let pausedUntil { at = max(at, pausedUntil) }
            if let refill = vendorRefill {
                if at >= refill {
                    vendorTokens = nil
                    vendorRefill = nil
                } else if let tokens = vendorTokens, tokens <= 0 {
                    at = max(at, refill)
                    vendorTokens = nil
                    vendorRefill = nil
                }
            }
            if let tokens = vendorTokens { vendorTokens = tokens - 1 }
            nextSlot = at + interval
            if at > now { try await clock.sleep(until: at) }
            // A 429 seen while this request slept pauses it too.
            if let pausedUntil, pausedUntil > clock.now { continue }
            return
        }
    }

    /// Takes in the advice of an answer.
    func observe(_ headers: RateLimitHeaders) {
        guard let remaining = headers.remaining, let untilReset = headers.untilReset else { return }
        let refill = clock.now + untilReset
        if let current = vendorRefill, let tokens = vendorTokens, abs((current - refill).seconds) < 1 {
            // Answers of one window arrive out of order: the lowest count is the latest.
            vendorTokens = min(tokens, remaining)
        } else {
            vendorTokens = remaining
            vendorRefill = refill
        }
    }

    /// Stops every request from starting for `duration` (a 429's advice).
    func pause(for duration: Duration) {
        let until = clock.now + duration
        if let current = pausedUntil, current >= until { return }
        pausedUntil = until
    }
}
