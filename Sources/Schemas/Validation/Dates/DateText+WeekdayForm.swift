import JSON
extension DateText {
    /// Braze's `ddd MM dd HH:mm:ss.TZD YYYY`, the order of Ruby's `Time#ctime` and Twitter's
    /// `created_at` with a zone before the year: `Fri Mar 01 12:34:56 +0000 2024`. Weekday and
    /// month names are English, three letters, any case; the month may also be two digits
    /// (`Fri 03 01 ...`, the pattern read literally). The zone (any of `zone(_:)`, required)
    /// follows a space, or a `.` as the pattern writes it (`12:34:56.+0000`); an optional
    /// fraction (`12:34:56.789 +0000`) comes before that space. The weekday must be the
    /// written date's: a mismatch means a garbled value, and no reading of it is safe.
    init?(weekdayForm c: inout DateCursor) {
        let space = UInt8(ascii: " ")
        let colon = UInt8(ascii: ":")
        guard let name = c.word3(), let weekday = DateText.weekdays.index(of: name), c.take(space) else {
            return nil
        }
        let month: Int
        if c.isDigit() {
            guard let m = c.digits(2) else { return nil }
            month = m
        } else {
            guard let word = c.word3(), let m = DateText.months.index(of: word) else { return nil }
            month = m + 1
        }
        guard c.take(space), let day = c.digits(2), c.take(space), let hour = c.digits(2), c.take(colon),
            let minute = c.digits(2), c.take(colon), let second = c.digits(2)
        else { return nil }
        var millis: Int?
        if c.peek() == UInt8(ascii: ",") || (c.peek() == UInt8(ascii: ".") && c.isDigit(1)) {
            c.skip(1)
            millis = c.fractionMillis()
            guard c.take(space) else { return nil }
        } else {
            guard c.take(space) || c.take(UInt8(ascii: ".")) else { return nil }
        }
        guard let offset = DateText.zone(&c), c.take(space), let year = c.digits(4), c.atEnd,
            let date = CivilDate(year: year, month: month, day: day),
            CivilDate.weekday(days: date.days) == weekday
        else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: second, millis: millis, offset: offset)
    }

    private static let weekdays = Words3("sunmontuewedthufrisat")
    private static let months = Words3("janfebmaraprmayjunjulaugsepoctnovdec")
}
