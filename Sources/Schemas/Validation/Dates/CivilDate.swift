import JSON
/// A proleptic Gregorian calendar date, with the conversions to and from a day number
/// (days since 1970-01-01) from Howard Hinnant's `chrono`-compatible date algorithms
/// (http://howardhinnant.github.io/date_algorithms.html). Pure integer arithmetic, no tables.
struct CivilDate: Equatable, Sendable {
    var year: Int
    var month: Int
    var day: Int

    /// A checked date: month 1-12 and a day that exists in that month and year.
    init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of a day number (`civil_from_days`).
    init(days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (`days_from_civil`); negative before.
    var days: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 for Sunday ... 6 for Saturday; 1970-01-01 was a Thursday.
    static func weekday(days: Int) -> Int {
        let w = (days + 4) % 7
        return w < 0 ? w + 7 : w
    }

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Day numbers of 0000-01-01 and 3000-12-31: the years the date rule accepts.
    static let firstAcceptedDay = -719_528
    static let lastAcceptedDay = 376_564
}
