import JSON
/// A date or date-time value parsed from its UTF-8 bytes: the UTC instant, and the calendar
/// date as written before any offset is applied (what a birthday means). The forms accepted
/// are listed on `DateRule`.
struct DateText: Equatable {
    /// UTC days since 1970-01-01.
    var days: Int
    /// UTC seconds into that day, 0..<86400.
    var seconds: Int
    /// Milliseconds when the input had a fraction (or was epoch milliseconds), else nil.
    /// Only three digits are ever written, so more are not kept.
    var millis: Int?
    /// The calendar date as written (local to the input's offset); the UTC date for epochs.
    var writtenDays: Int

    /// Parses a whole value; nil when it is not one of the accepted forms or names an
    /// impossible date or time. Year limits are checked by the caller.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DateText? {
        var c = DateCursor(bytes)
        guard let first = c.peek() else { return nil }
        if c.isLetter() { return DateText(weekdayForm: &c) }
        if first == UInt8(ascii: "-") { return DateText(epoch: &c) }
        // Dispatch on the first non-digit: `2024-`, `20240301T`, `3/`, or digits only.
        var run = 0
        while c.isDigit(run) { run += 1 }
        switch (run, c.peek(run)) {
        case (4, UInt8(ascii: "-")?), (8, nil), (8, UInt8(ascii: "T")?), (8, UInt8(ascii: "t")?),
            (8, UInt8(ascii: " ")?):
            return iso(&c)
        case (1...2, UInt8(ascii: "/")?):
            return us(&c)
        case (9..., nil), (9..., UInt8(ascii: ".")?):
            return DateText(epoch: &c)
        default:
            return nil
        }
    }

    /// ISO 8601 calendar date, alone or with a time: extended (`2024-03-01T12:34:56.789+01:00`)
    /// or basic (`20240301T123456Z`), not mixed; `T`, `t` or a space before the time; minutes
    /// required, seconds optional; Braze's `:SSS` milliseconds after the seconds.
    private static func iso(_ c: inout DateCursor) -> DateText? {
        guard let year = c.digits(4) else { return nil }
        let extended = c.take(UInt8(ascii: "-"))
        guard let month = c.digits(2), !extended || c.take(UInt8(ascii: "-")), let day = c.digits(2),
            let date = CivilDate(year: year, month: month, day: day)
        else { return nil }
        if c.atEnd { return DateText(date: date) }
        guard c.take(UInt8(ascii: "T")) || c.take(UInt8(ascii: "t")) || c.take(UInt8(ascii: " ")) else {
            return nil
        }
        let colon = UInt8(ascii: ":")
        guard let hour = c.digits(2), !extended || c.take(colon), let minute = c.digits(2) else { return nil }
        var second = 0
        var millis: Int?
        if extended ? c.take(colon) : c.isDigit() {
            guard let s = c.digits(2) else { return nil }
            second = s
            if extended && c.take(colon) {
                // Braze's `yyyy-MM-ddTHH:mm:ss:SSSZ`: exactly three digits.
                guard let ms = c.digits(3) else { return nil }
                millis = ms
            } else if c.take(UInt8(ascii: ".")) || c.take(UInt8(ascii: ",")) {
                guard let ms = c.fractionMillis() else { return nil }
                millis = ms
            }
        }
        guard let offset = trailingZone(&c) else { return nil }
        return DateText(date: date, hour: hour, minute: minute, second: second, millis: millis, offset: offset)
    }

    /// US order `MM/dd/yyyy`, month and day with one or two digits.
    private static func us(_ c: inout DateCursor) -> DateText? {
        let slash = UInt8(ascii: "/")
        guard let month = c.shortNumber(), c.take(slash), let day = c.shortNumber(), c.take(slash),
            let year = c.digits(4), c.atEnd, let date = CivilDate(year: year, month: month, day: day)
        else { return nil }
        return DateText(date: date)
    }

    /// Midnight UTC of a date given without a time.
    init(date: CivilDate) {
        days = date.days
        seconds = 0
        millis = nil
        writtenDays = days
    }

    /// A local date and time at `offset` seconds east of UTC. Hours 0-23, or `24:00:00` (with
    /// any all-zero fraction) for the end of the day; seconds 0-59 (no leap second: UTC
    /// instants as counted here, like Unix time, cannot hold one).
    init?(date: CivilDate, hour: Int, minute: Int, second: Int, millis: Int?, offset: Int) {
        let endOfDay = hour == 24 && minute == 0 && second == 0 && (millis ?? 0) == 0
        guard hour < 24 || endOfDay, minute < 60, second < 60 else { return nil }
        let local = date.days * 86_400 + hour * 3600 + minute * 60 + second - offset
        let (d, s) = local.quotientAndRemainder(dividingBy: 86_400)
        days = s < 0 ? d - 1 : d
        seconds = s < 0 ? s + 86_400 : s
        self.millis = millis
        writtenDays = date.days
    }
}
