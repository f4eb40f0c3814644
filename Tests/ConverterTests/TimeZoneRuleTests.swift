import JSON
import Schemas
import Testing

@Suite struct TimeZoneRuleTests {
    static func lines(_ fixture: String) -> [Substring] {
        let text = (try? Golden.bytes(fixture)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return text.split(separator: "\n")
    }

    @Test func everyIANAName() {
        let names = Self.lines("validation/time-zones.txt").map(String.init)
        #expect(names.count == 597)
        for name in names {
            #expect(TimeZoneRule.check(name) == .ok, "\(name)")
            let lower = FieldText.asciiLowercased(name)
            let upper = String(name.map { $0.isASCII ? Character($0.uppercased()) : $0 })
            for variant in [lower, upper] where variant != name {
                #expect(TimeZoneRule.check(variant) == .normalised(name), "\(variant)")
            }
        }
    }

    @Test func everyRailsName() {
        let rows = Self.lines("validation/rails-time-zones.tsv").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 151)
        for row in rows {
            let (rails, zone) = (row[0], row[1])
            #expect(TimeZoneRule.check(zone) == .ok, "\(zone)")
            // Rails names that are IANA names too (UTC, Singapore) are kept as written.
            let written = TimeZoneRule.check(rails) == .ok ? rails : zone
            #expect(TimeZoneRule.check(rails) == (written == rails ? .ok : .normalised(zone)), "\(rails)")
            let lower = FieldText.asciiLowercased(rails)
            #expect(TimeZoneRule.check(lower) == .normalised(written), "\(lower)")
        }
        #expect(rows.filter { TimeZoneRule.check($0[0]) == .ok }.map { $0[0] } == ["UTC", "Singapore"])
    }

    @Test(arguments: [
        ("America/New_York", FieldCheck.ok),
        ("america/new_york", .normalised("America/New_York")),
        ("America/new_york", .normalised("America/New_York")),
        ("AMERICA/NEW_YORK", .normalised("America/New_York")),
        ("US/Eastern", .ok),
        ("us/eastern", .normalised("US/Eastern")),
        ("Asia/Calcutta", .ok),
        ("Europe/Kiev", .ok),
        ("EST5EDT", .ok),
        ("est5edt", .normalised("EST5EDT")),
        ("UTC", .ok),
        ("utc", .normalised("UTC")),
        ("GMT", .ok),
        ("Etc/GMT+2", .ok),
        ("Etc/UTC", .ok),
        ("Zulu", .ok),
        ("Eastern Time (US & Canada)", .normalised("America/New_York")),
        ("eastern time (us & canada)", .normalised("America/New_York")),
        ("Pacific Time (US & Canada)", .normalised("America/Los_Angeles")),
        ("London", .normalised("Europe/London")),
        ("Mumbai", .normalised("Asia/Kolkata")),
        ("Kyiv", .normalised("Europe/Kyiv")),
        ("Greenland", .normalised("America/Nuuk")),
        ("International Date Line West", .normalised("Etc/GMT+12")),
        ("Mars/Olympus", .invalid(.invalidTimeZone)),
        ("+05:30", .invalid(.invalidTimeZone)),
        ("-0800", .invalid(.invalidTimeZone)),
        ("GMT+2", .invalid(.invalidTimeZone)),
        ("UTC+01:00", .invalid(.invalidTimeZone)),
        ("Z", .invalid(.invalidTimeZone)),
        ("CEST", .invalid(.invalidTimeZone)),
        ("Factory", .invalid(.invalidTimeZone)),
        ("America/New York", .invalid(.invalidTimeZone)),
        ("America/New_York ", .invalid(.invalidTimeZone)),
        ("Eastern Time", .invalid(.invalidTimeZone)),
        ("Amérique/New_York", .invalid(.invalidTimeZone)),
        (String(repeating: "a", count: 100), .invalid(.invalidTimeZone)),
    ])
    func cases(_ input: String, _ expected: FieldCheck) {
        #expect(TimeZoneRule.check(input) == expected)
    }
}
