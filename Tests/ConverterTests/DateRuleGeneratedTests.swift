import SampleData
import JSON
import Schemas
import Testing

/// Random instants rendered in every accepted form must all give the same canonical value,
/// with the expectation computed by `NaiveDate`, not by the code under test.
@Suite struct DateRuleGeneratedTests {
    /// A UTC instant split into fields, and the same instant shifted to a local offset.
    struct Instant {
        var date: NaiveDate
        var hour: Int, minute: Int, second: Int, millis: Int

        func shifted(minutes offset: Int) -> Instant {
            var local = self
            var minuteOfDay = hour * 60 + minute + offset
            while minuteOfDay < 0 { local.date = local.date.previous(); minuteOfDay += 1440 }
            while minuteOfDay >= 1440 { local.date = local.date.next(); minuteOfDay -= 1440 }
            local.hour = minuteOfDay / 60
            local.minute = minuteOfDay % 60
            return local
        }

        var hms: String { "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))" }
        var basicHMS: String { "\(pad(hour, 2))\(pad(minute, 2))\(pad(second, 2))" }
        var basicDate: String { "\(pad(date.year, 4))\(pad(date.month, 2))\(pad(date.day, 2))" }
        var ms: String { pad(millis, 3) }
        var epochSeconds: Int { date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second }
        /// `ddd <month> dd HH:mm:ss<tail> yyyy`.
        func weekdayForm(_ month: String, _ tail: String) -> String {
            "\(date.weekdayName) \(month) \(pad(date.day, 2)) \(hms)\(tail) \(pad(date.year, 4))"
        }
        var canonical: String { "\(date.iso)T\(hms)Z" }
        var canonicalMillis: String { "\(date.iso)T\(hms).\(ms)Z" }
    }

    static func offsetText(_ minutes: Int, colon: Bool) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let m = abs(minutes)
        return sign + pad(m / 60, 2) + (colon ? ":" : "") + pad(m % 60, 2)
    }

    static func randomInstant(_ rng: inout SplitMix64) -> Instant {
        let year = Int.random(in: 1...2999, using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(in: 1...NaiveDate.length(month: month, year: year), using: &rng)
        return Instant(
            date: NaiveDate(year: year, month: month, day: day), hour: Int.random(in: 0...23, using: &rng),
            minute: Int.random(in: 0...59, using: &rng), second: Int.random(in: 0...59, using: &rng),
            millis: Int.random(in: 0...999, using: &rng))
    }

    /// (input, expected timestamp, expected dob) for every form of one instant.
    static func renderings(_ u: Instant, _ rng: inout SplitMix64) -> [(String, String, String)] {
        let offset = Int.random(in: -(14 * 60)...(14 * 60), using: &rng)
        let wholeHours = Int.random(in: -12...14, using: &rng) * 60
        let l = u.shifted(minutes: offset)
        let h = u.shifted(minutes: wholeHours)
        let on = offsetText(offset, colon: true)
        let off = offsetText(offset, colon: false)
        let extra = pad(Int.random(in: 0...999, using: &rng), 3)
        let named = [("EST", -300), ("EDT", -240), ("CST", -360), ("CDT", -300), ("MST", -420), ("MDT", -360),
            ("PST", -480), ("PDT", -420), ("UTC", 0), ("GMT", 0), ("UT", 0)].randomElement(using: &rng)!
        let n = u.shifted(minutes: named.1)
        let a = u.canonical, am = u.canonicalMillis
        // Minute precision: the same instant with its seconds dropped.
        var noSeconds = u
        noSeconds.second = 0
        let lm = noSeconds.shifted(minutes: offset)
        var rows: [(String, String, String)] = [
            (u.canonical, a, u.date.iso),
            (u.canonicalMillis, am, u.date.iso),
            ("\(u.date.iso)T\(u.hms)", a, u.date.iso),
            ("\(u.date.iso) \(u.hms)", a, u.date.iso),
            ("\(u.date.iso)t\(u.hms)z", a, u.date.iso),
            ("\(u.date.iso)T\(u.hms)-00:00", a, u.date.iso),
            ("\(l.date.iso)T\(l.hms)\(on)", a, l.date.iso),
            ("\(l.date.iso)T\(l.hms).\(l.ms)\(off)", am, l.date.iso),
            ("\(l.date.iso)T\(l.hms),\(l.ms)\(extra)\(on)", am, l.date.iso),
            ("\(h.date.iso)T\(h.hms)\(offsetText(wholeHours, colon: false).prefix(3))", a, h.date.iso),
            ("\(lm.date.iso)T\(pad(lm.hour, 2)):\(pad(lm.minute, 2))\(on)", noSeconds.canonical, lm.date.iso),
            ("\(u.basicDate)T\(u.basicHMS)Z", a, u.date.iso),
            ("\(l.basicDate)T\(l.basicHMS).\(l.ms)\(extra)\(off)", am, l.date.iso),
            ("\(lm.basicDate)T\(pad(lm.hour, 2))\(pad(lm.minute, 2))\(on)", noSeconds.canonical, lm.date.iso),
            // Braze.
            ("\(u.date.iso)T\(u.hms):\(u.ms)Z", am, u.date.iso),
            ("\(l.date.iso)T\(l.hms):\(l.ms)\(on)", am, l.date.iso),
            ("\(u.date.iso) \(u.hms).\(u.ms) UTC", am, u.date.iso),
            ("\(l.date.iso) \(l.hms) \(off)", a, l.date.iso),
            ("\(n.date.iso)T\(n.hms) \(named.0.lowercased())", a, n.date.iso),
            (l.weekdayForm(l.date.monthName, " \(off)"), a, l.date.iso),
            (l.weekdayForm(pad(l.date.month, 2), ".\(on)"), a, l.date.iso),
            (l.weekdayForm(l.date.monthName, ".\(l.ms) GMT\(off)").uppercased(), am, l.date.iso),
            (n.weekdayForm(n.date.monthName, " \(named.0)"), a, n.date.iso),
            // Amplitude.
            ("\(u.date.iso) \(u.hms).\(u.ms)\(extra)", am, u.date.iso),
        ]
        // Epochs, where the magnitude rule allows them (at least nine digits).
        let seconds = u.epochSeconds
        if abs(seconds) >= 100_000_000 {
            rows.append(("\(seconds)", a, u.date.iso))
            if seconds >= 0 {
                rows.append(("\(seconds).\(u.ms)\(extra)", am, u.date.iso))
            } else if seconds < -100_000_000 {
                // A negative epoch's fraction counts away from zero: -1.250 is 1969-12-31T23:59:58.750Z.
                let before = -(seconds * 1000 + u.millis)
                rows.append(("-\(before / 1000).\(pad(before % 1000, 3))", am, u.date.iso))
            }
        }
        let millis = seconds * 1000 + u.millis
        if abs(millis) >= 100_000_000_000 { rows.append(("\(millis)", am, u.date.iso)) }
        return rows
    }

    @Test func everyFormOfRandomInstants() {
        var rng = SplitMix64(seed: 0xDA7E_2024)
        var failures: [String] = []
        var checked = 0
        for _ in 0..<3000 {
            let instant = Self.randomInstant(&rng)
            for (input, timestamp, dob) in Self.renderings(instant, &rng) {
                let wantT: FieldCheck = input == timestamp ? .ok : .normalised(timestamp)
                let wantD: FieldCheck = input == dob ? .ok : .normalised(dob)
                let gotT = DateRule.check(input, as: .timestamp)
                let gotD = DateRule.check(input, as: .date)
                if gotT != wantT { failures.append("\(input) timestamp: \(gotT), want \(wantT)") }
                if gotD != wantD { failures.append("\(input) dob: \(gotD), want \(wantD)") }
                checked += 2
            }
        }
        #expect(checked >= 3000 * 48)
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(8))")
    }

    /// Every day of one 400-year Gregorian cycle, in each date-only form, and the day after
    /// each month's last day refused.
    @Test func every400YearCycleDay() {
        var date = NaiveDate(year: 2000, month: 1, day: 1)
        var failures: [String] = []
        for expectedDays in 10957..<(10957 + 146_097) {
            if date.daysSinceEpoch != expectedDays { failures.append("naive day count at \(date.iso)") }
            let iso = date.iso
            let midnight = FieldCheck.normalised(iso + "T00:00:00Z")
            let basic = "\(pad(date.year, 4))\(pad(date.month, 2))\(pad(date.day, 2))"
            let us = "\(date.month)/\(date.day)/\(date.year)"
            let usPadded = "\(pad(date.month, 2))/\(pad(date.day, 2))/\(date.year)"
            if DateRule.check(iso, as: .date) != .ok { failures.append(iso) }
            if DateRule.check(iso, as: .timestamp) != midnight { failures.append(iso + " timestamp") }
            for form in [basic, us, usPadded] where DateRule.check(form, as: .date) != .normalised(iso) {
                failures.append(form)
            }
            if DateRule.check(String(date.daysSinceEpoch * 86_400 + 43_200), as: .date) != .normalised(iso) {
                failures.append(iso + " epoch")
            }
            let last = NaiveDate.length(month: date.month, year: date.year)
            if date.day == last {
                let impossible = "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(last + 1, 2))"
                if DateRule.check(impossible, as: .date) != .invalid(.invalidDate) { failures.append(impossible) }
            }
            date = date.next()
        }
        #expect(date == NaiveDate(year: 2400, month: 1, day: 1))
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(8))")
    }

    /// `24:00` is the next day's midnight, across month, year and leap-day boundaries.
    @Test func endOfDayIsNextMidnight() {
        var rng = SplitMix64(seed: 24)
        for _ in 0..<2000 {
            let day = Self.randomInstant(&rng).date
            let want = FieldCheck.normalised(day.next().iso + "T00:00:00Z")
            #expect(DateRule.check(day.iso + "T24:00", as: .timestamp) == want)
            #expect(DateRule.check(day.iso + "T24:00:00Z", as: .timestamp) == want)
        }
    }
}
