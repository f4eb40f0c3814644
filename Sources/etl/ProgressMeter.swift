import Converters
import Foundation
import JSON

/// Decides when the progress line is redrawn: on the first snapshot, then at most four times a
/// second (the conversion reports every 256 records, far more often than a person can read).
/// Only the conversion's thread calls it.
final class ProgressMeter: @unchecked Sendable {
    static let interval: Duration = .milliseconds(250)

    private let start = ContinuousClock.now
    private var last: ContinuousClock.Instant?

    func line(_ snapshot: ProgressSnapshot) -> String? {
        let now = ContinuousClock.now
        if let last, now - last < Self.interval { return nil }
        last = now
        let elapsed = now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return ProgressLine.text(snapshot, elapsed: seconds)
    }
}
