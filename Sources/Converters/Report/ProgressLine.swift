import JSON

/// Where a run is, for the progress line on a terminal.
public struct ProgressSnapshot: Equatable, Sendable {
    /// Records written or rejected so far.
    public var records: Int
    /// Decompressed input bytes read so far (the MB/s of the report and the benchmark).
    public var bytes: Int64
    /// Bytes of the input files read so far, compressed as they are on disk.
    public var fileBytesRead: Int64
    /// The input files' sizes; nil when an input has none (standard input, a pipe).
    public var fileBytesTotal: Int64?

    public init(records: Int, bytes: Int64, fileBytesRead: Int64, fileBytesTotal: Int64?) {
        self.records = records
        self.bytes = bytes
        self.fileBytesRead = fileBytesRead
        self.fileBytesTotal = fileBytesTotal
    }
}

/// The progress line: `etl: 42% 120,832 records, 61,003 records/s, 74.1 MB/s, 0:07 left`.
/// Percent and time left come from the input files' bytes read against their sizes (for gzip,
/// compressed bytes: the only total known before the end); without sizes they are left out.
public enum ProgressLine {
    public static func text(_ s: ProgressSnapshot, elapsed: Double) -> String {
        var parts: [String] = []
        var fraction: Double?
        if let total = s.fileBytesTotal, total > 0 {
            let f = min(max(Double(s.fileBytesRead) / Double(total), 0), 1)
            fraction = f
            parts.append("\(Int(f * 100))%")
        }
        parts.append("\(grouped(s.records)) records")
        if elapsed > 0 {
            parts.append("\(grouped(Int(Double(s.records) / elapsed))) records/s")
            parts.append("\(RunReport.decimal(Double(s.bytes) / 1_000_000 / elapsed, places: 1)) MB/s")
        }
        if let f = fraction, f > 0, elapsed > 0 {
            parts.append("\(clock(elapsed * (1 - f) / f)) left")
        }
        return "etl: " + parts.joined(separator: ", ").replacingFirstComma()
    }

    /// `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `0:07`, `12:30`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let h = total / 3600, m = total / 60 % 60, s = total % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0" : "")\(m):\(ss)" }
        return "\(m):\(ss)"
    }
}

extension String {
    /// `42%, 120 records` reads as `42% 120 records`.
    fileprivate func replacingFirstComma() -> String {
        guard let percent = range(of: "%, ") else { return self }
        return replacingCharacters(in: percent, with: "% ")
    }
}
