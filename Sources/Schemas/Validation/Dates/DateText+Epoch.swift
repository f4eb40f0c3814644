import JSON
extension DateText {
    /// Unix epoch seconds or milliseconds as a digit string, optionally negative (before 1970)
    /// and, for seconds, with a `.` fraction (`1709296496.5`). A magnitude of 10^11 or more
    /// is milliseconds: as seconds it would be after the year 5000, and milliseconds below it
    /// are before 1973-03-03. Nine digits at least and no leading zero: shorter digit strings
    /// are years, day counts or ids far more often than instants of 1970, and eight digits are
    /// a basic ISO date. Fifteen digits at most, already far past the year 3000.
    init?(epoch c: inout DateCursor) {
        let negative = c.take(UInt8(ascii: "-"))
        var run = 0
        while c.isDigit(run) { run += 1 }
        guard (9...15).contains(run), c.peek() != UInt8(ascii: "0"), let value = c.digits(run) else { return nil }
        let isMillis = value >= 100_000_000_000
        var fraction: Int?
        if c.take(UInt8(ascii: ".")) {
            // Milliseconds with a fraction: the sub-millisecond digits are dropped.
            guard let ms = c.fractionMillis() else { return nil }
            fraction = isMillis ? nil : ms
        }
        guard c.atEnd else { return nil }
        let magnitude = isMillis ? value : value * 1000 + (fraction ?? 0)
        let total = negative ? -magnitude : magnitude
        // Floor division: -1 ms is 1969-12-31T23:59:59.999Z.
        let (q, r) = total.quotientAndRemainder(dividingBy: 86_400_000)
        days = r < 0 ? q - 1 : q
        let msOfDay = r < 0 ? r + 86_400_000 : r
        seconds = msOfDay / 1000
        millis = isMillis || fraction != nil ? msOfDay % 1000 : nil
        writtenDays = days
    }
}
