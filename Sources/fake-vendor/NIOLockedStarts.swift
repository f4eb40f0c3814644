import NIOConcurrencyHelpers

/// The start times of the requests `fake-vendor serve` answered, for its closing figures.
final class NIOLockedStarts: Sendable {
    private let times = NIOLockedValueBox<[ContinuousClock.Instant]>([])

    func record() {
        let now = ContinuousClock.now
        times.withLockedValue { $0.append(now) }
    }

    /// `requests N seconds S rate R/s max_in_any_second M`
    func summary() -> String {
        let all = times.withLockedValue { $0 }
        guard let first = all.first, let last = all.last else { return "requests 0" }
        let span = seconds(last - first)
        var most = 0
        var start = 0
        for end in all.indices {
            while all[end] - all[start] >= .seconds(1) { start += 1 }
            most = max(most, end - start + 1)
        }
        let rate = span > 0 ? Double(all.count - 1) / span : 0
        return "requests \(all.count) seconds \(rounded(span)) rate \(rounded(rate))/s max_in_any_second \(most)"
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    private func rounded(_ x: Double) -> String { String(Double(Int((x * 100).rounded())) / 100) }
}
