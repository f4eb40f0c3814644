/// Exponential backoff with full jitter: the wait before try `n + 1` is uniform in
/// `0 ... min(cap, base * 2^(n - 1))`, which spreads the retries of many requests that failed
/// together instead of sending them back in one wave.
struct Backoff: Sendable {
    let base: Duration
    let cap: Duration

    func delay(afterTry n: Int) -> Duration {
        let exponent = min(max(n - 1, 0), 30)
        let ceiling = min(cap, base * (1 << exponent))
        let nanos = max(ceiling.nanoseconds, 0)
        guard nanos > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanos))
    }
}

extension Duration {
    /// Whole nanoseconds, saturating: enough precision for waits and far beyond any wait's range.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return whole &+ attoseconds / 1_000_000_000
    }

    var seconds: Double { Double(nanoseconds) / 1e9 }
}
