import Foundation

/// The report's times and run ids. Wall-clock time, UTC, to the millisecond: what a monitor
/// compares with the time it reads the report, to tell a stale report from last night's.
public enum RunClock {
    /// `2026-11-29T02:00:00.123Z`.
    public static func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var seconds = ts.tv_sec
        var t = tm()
        gmtime_r(&seconds, &t)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = Int(ts.tv_nsec / 1_000_000)
        let millis = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday))T\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)).\(millis)Z"
    }

    /// A random UUID, lower case.
    public static func newRunId() -> String { UUID().uuidString.lowercased() }
}
