/// Durations in a job file: `50m`, `1h30m`, `90s`, `2h` (hours, minutes and seconds, each at
/// most once, in that order).
enum JobDuration {
    static func parse(_ text: String) -> Duration? {
        var seconds: Int64 = 0
        var digits = ""
        var seen = ""
        for c in text {
            if c.isASCII && c.isNumber {
                digits.append(c)
                guard digits.count <= 9 else { return nil }
                continue
            }
            guard let n = Int64(digits), let unit = ["h": 3600, "m": 60, "s": 1][String(c)] as Int64? else { return nil }
            // Units in order, each once: "1h30m", not "30m1h" or "1m1m".
            let order = "hms"
            if let last = seen.last, let a = order.firstIndex(of: last), let b = order.firstIndex(of: c), b <= a { return nil }
            seen.append(c)
            seconds += n * unit
            digits = ""
        }
        guard digits.isEmpty, !seen.isEmpty, seconds > 0 else { return nil }
        return .seconds(seconds)
    }
}
