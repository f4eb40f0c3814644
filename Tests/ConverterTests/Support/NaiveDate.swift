/// Calendar arithmetic for the date tests done the slow, obvious way (month tables, day-by-day
/// steps, year-by-year sums), independent of the Hinnant formulas in `CivilDate`, so that a
/// mistake there shows up as a test failure rather than agreeing with itself.
struct NaiveDate: Equatable {
    var year: Int
    var month: Int
    var day: Int

    static func isLeap(_ y: Int) -> Bool {
        if y % 400 == 0 { return true }
        if y % 100 == 0 { return false }
        return y % 4 == 0
    }

    static func length(month: Int, year: Int) -> Int {
        [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    func next() -> NaiveDate {
        if day < NaiveDate.length(month: month, year: year) { return NaiveDate(year: year, month: month, day: day + 1) }
        if month < 12 { return NaiveDate(year: year, month: month + 1, day: 1) }
        return NaiveDate(year: year + 1, month: 1, day: 1)
    }

    func previous() -> NaiveDate {
        if day > 1 { return NaiveDate(year: year, month: month, day: day - 1) }
        if month > 1 {
            return NaiveDate(year: year, month: month - 1, day: NaiveDate.length(month: month - 1, year: year))
        }
        return NaiveDate(year: year - 1, month: 12, day: 31)
    }

    /// Days since 1970-01-01 by summing whole years, then months.
    var daysSinceEpoch: Int {
        var total = 0
        if year >= 1970 {
            for y in 1970..<year { total += NaiveDate.isLeap(y) ? 366 : 365 }
        } else {
            for y in year..<1970 { total -= NaiveDate.isLeap(y) ? 366 : 365 }
        }
        for m in 1..<month { total += NaiveDate.length(month: m, year: year) }
        return total + day - 1
    }

    /// English three-letter weekday; 1970-01-01 was a Thursday.
    var weekdayName: String {
        let names = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        return names[((daysSinceEpoch % 7) + 7) % 7]
    }

    var monthName: String {
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
    }

    /// `YYYY-MM-DD`.
    var iso: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
}

/// Zero-padded decimal, without Foundation's `String(format:)`.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
