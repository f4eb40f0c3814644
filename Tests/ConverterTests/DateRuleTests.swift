import JSON
import Schemas
import Testing

/// Every accepted form with its expected output, and the refusals. Generated round trips are
/// in `DateRuleGeneratedTests`.
@Suite struct DateRuleTests {
    static let timestamps: [(String, FieldCheck)] = [
        // Canonical already.
        ("2024-03-01T12:00:00Z", .ok),
        ("2024-03-01T12:00:00.123Z", .ok),
        ("2024-03-01T12:00:00.000Z", .ok),
        ("0000-01-01T00:00:00Z", .ok),
        ("3000-12-31T23:59:59.999Z", .ok),
        // ISO 8601 extended.
        ("2024-03-01T12:34:56", .normalised("2024-03-01T12:34:56Z")),
        ("2024-03-01T12:34", .normalised("2024-03-01T12:34:00Z")),
        ("2024-03-01T12:34Z", .normalised("2024-03-01T12:34:00Z")),
        ("2024-03-01T12:34:56.123456", .normalised("2024-03-01T12:34:56.123Z")),
        ("2024-03-01T12:34:56.9999Z", .normalised("2024-03-01T12:34:56.999Z")),
        ("2024-03-01T12:34:56,5Z", .normalised("2024-03-01T12:34:56.500Z")),
        ("2024-03-01T12:34:56.12Z", .normalised("2024-03-01T12:34:56.120Z")),
        ("2024-03-01t12:34:56z", .normalised("2024-03-01T12:34:56Z")),
        ("2024-03-01 12:34:56", .normalised("2024-03-01T12:34:56Z")),
        ("2024-03-01", .normalised("2024-03-01T00:00:00Z")),
        // Offsets.
        ("2024-03-01T12:34:56+01:00", .normalised("2024-03-01T11:34:56Z")),
        ("2024-03-01T12:34:56+0100", .normalised("2024-03-01T11:34:56Z")),
        ("2024-03-01T12:34:56+01", .normalised("2024-03-01T11:34:56Z")),
        ("2024-03-01T12:34:56-05:30", .normalised("2024-03-01T18:04:56Z")),
        ("2024-03-01T12:34:56-00:00", .normalised("2024-03-01T12:34:56Z")),
        ("2024-03-01T00:30:00+01:00", .normalised("2024-02-29T23:30:00Z")),
        ("2023-03-01T00:30:00.5+01:00", .normalised("2023-02-28T23:30:00.500Z")),
        ("2024-12-31T23:30:00-01:00", .normalised("2025-01-01T00:30:00Z")),
        ("2024-03-01 12:34:56 +0000", .normalised("2024-03-01T12:34:56Z")),
        ("2024-03-01T12:34:56 PDT", .normalised("2024-03-01T19:34:56Z")),
        ("2024-03-01T12:34:56 gmt+02:00", .normalised("2024-03-01T10:34:56Z")),
        ("2024-03-01T12:34:56 UT", .normalised("2024-03-01T12:34:56Z")),
        // ISO 8601 basic.
        ("20240301T123456Z", .normalised("2024-03-01T12:34:56Z")),
        ("20240301T1234", .normalised("2024-03-01T12:34:00Z")),
        ("20240301T123456.5+0100", .normalised("2024-03-01T11:34:56.500Z")),
        ("20240301 123456-0530", .normalised("2024-03-01T18:04:56Z")),
        ("20240301", .normalised("2024-03-01T00:00:00Z")),
        // End of day.
        ("2024-03-01T24:00:00", .normalised("2024-03-02T00:00:00Z")),
        ("2024-02-28T24:00", .normalised("2024-02-29T00:00:00Z")),
        ("2024-12-31T24:00:00.000Z", .normalised("2025-01-01T00:00:00.000Z")),
        // Braze's formats.
        ("2024-03-01T12:34:56:789Z", .normalised("2024-03-01T12:34:56.789Z")),
        ("2024-03-01T12:34:56:789+01:00", .normalised("2024-03-01T11:34:56.789Z")),
        ("03/01/2024", .normalised("2024-03-01T00:00:00Z")),
        ("3/1/2024", .normalised("2024-03-01T00:00:00Z")),
        ("12/31/1999", .normalised("1999-12-31T00:00:00Z")),
        ("Fri Mar 01 12:34:56 +0000 2024", .normalised("2024-03-01T12:34:56Z")),
        ("Fri 03 01 12:34:56.+0000 2024", .normalised("2024-03-01T12:34:56Z")),
        ("Fri Mar 01 12:34:56.UTC 2024", .normalised("2024-03-01T12:34:56Z")),
        ("Fri Mar 01 12:34:56 UTC 2024", .normalised("2024-03-01T12:34:56Z")),
        ("fri MAR 01 12:34:56 GMT+0100 2024", .normalised("2024-03-01T11:34:56Z")),
        ("Fri Mar 01 07:34:56 EST 2024", .normalised("2024-03-01T12:34:56Z")),
        ("Fri Mar 01 12:34:56.789 -05:00 2024", .normalised("2024-03-01T17:34:56.789Z")),
        ("Fri Mar 01 12:34:56 Z 2024", .normalised("2024-03-01T12:34:56Z")),
        ("2020-07-10 15:00:00.000 UTC", .normalised("2020-07-10T15:00:00.000Z")),
        ("2021-07-07T20:45:24.000+00:00", .normalised("2021-07-07T20:45:24.000Z")),
        // Amplitude.
        ("2024-03-01 12:34:56.123456", .normalised("2024-03-01T12:34:56.123Z")),
        // Epochs.
        ("1709296496", .normalised("2024-03-01T12:34:56Z")),
        ("1709296496123", .normalised("2024-03-01T12:34:56.123Z")),
        ("1709296496000", .normalised("2024-03-01T12:34:56.000Z")),
        ("1709296496.5", .normalised("2024-03-01T12:34:56.500Z")),
        ("1709296496123.9", .normalised("2024-03-01T12:34:56.123Z")),
        ("100000000", .normalised("1973-03-03T09:46:40Z")),
        ("100000000000", .normalised("1973-03-03T09:46:40.000Z")),
        ("-100000000", .normalised("1966-10-31T14:13:20Z")),
        ("-100000000000", .normalised("1966-10-31T14:13:20.000Z")),
        ("-100000000.001", .normalised("1966-10-31T14:13:19.999Z")),
        ("-62167219200", .normalised("0000-01-01T00:00:00Z")),
        // Calendar edges.
        ("1900-02-28", .normalised("1900-02-28T00:00:00Z")),
        ("2000-02-29", .normalised("2000-02-29T00:00:00Z")),
        ("2024-02-29", .normalised("2024-02-29T00:00:00Z")),
        ("0000-02-29", .normalised("0000-02-29T00:00:00Z")),
    ]

    @Test(arguments: timestamps)
    func timestamp(_ input: String, _ expected: FieldCheck) {
        #expect(DateRule.check(input, as: .timestamp) == expected)
    }

    static let dates: [(String, FieldCheck)] = [
        ("1990-05-17", .ok),
        ("0000-01-01", .ok),
        ("2999-12-31", .ok),  // in the future: still valid
        ("19900517", .normalised("1990-05-17")),
        ("05/17/1990", .normalised("1990-05-17")),
        ("5/7/1990", .normalised("1990-05-07")),
        ("1990-05-17T00:00:00Z", .normalised("1990-05-17")),
        // The date as written, not the UTC date.
        ("1990-05-17T00:00:00+02:00", .normalised("1990-05-17")),
        ("1990-05-17T23:30:00-05:00", .normalised("1990-05-17")),
        ("1990-05-17T24:00", .normalised("1990-05-17")),
        ("3000-12-31T23:00:00-05:00", .normalised("3000-12-31")),
        ("0000-01-01T00:00:00+01:00", .normalised("0000-01-01")),
        ("Thu May 17 23:00:00 -0500 1990", .normalised("1990-05-17")),
        ("1990-05-17 12:00:00.000 UTC", .normalised("1990-05-17")),
        ("1990-05-17T12:00:00:000Z", .normalised("1990-05-17")),
        // Epochs have no written date: the UTC one.
        ("642902400", .normalised("1990-05-17")),
        ("642902399999", .normalised("1990-05-16")),
        ("-100000000", .normalised("1966-10-31")),
    ]

    @Test(arguments: dates)
    func date(_ input: String, _ expected: FieldCheck) {
        #expect(DateRule.check(input, as: .date) == expected)
    }

    static let invalid: [String] = [
        // Impossible dates and times.
        "2023-02-29", "1900-02-29", "2100-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-32",
        "2024-01-00", "2024-03-01T25:00", "2024-03-01T24:01", "2024-03-01T24:00:01", "2024-03-01T24:00:00.001",
        "2024-03-01T12:60", "2024-03-01T12:34:60", "2024-03-01T23:59:60Z", "02/30/2024", "13/01/2024",
        "0/1/2024", "20230229",
        // Out of range years.
        "3001-01-01", "-0001-01-01", "+2024-03-01", "10000-01-01", "99999999999",
        // Not the forms accepted.
        "2024-3-1", "2024-03-1", "24-03-01", "3/1/24", "03/01/2024 12:00", "yesterday", "now", "2024",
        "202403", "2024-03", "2024-03-01T", "2024-03-01T12", "20240301T12", "2024-03-01T1234",
        "20240301T12:34", "2024-0301", "202403-01", "2024-03-01T12:34:56.", "2024-03-01T12:34:56.Z",
        "2024-03-01T12:34:56:78Z", "2024-03-01T12:34:56:7890Z", "2024-03-01T12:34.5",
        "2024-03-01T12:34:56.123.456Z", "2024-03-01  12:34:56", "2024-03-01T12:34:56  UTC",
        "2024-03-01_12:34:56",
        // Trailing garbage and bad zones.
        "2024-03-01x", "2024-03-01T12:34:56Zjunk", "2024-03-01T12:34:56ZZ", "2024-03-01T12:34:56+",
        "2024-03-01T12:34:56+1", "2024-03-01T12:34:56+01:0", "2024-03-01T12:34:56+010",
        "2024-03-01T12:34:56+24:00", "2024-03-01T12:34:56+01:60", "2024-03-01T12:34:56 XYZ",
        "2024-03-01T12:34:56 EST+01:00", "2024-03-01T12:34:56 U", "2024-03-01T12:34:56 UTCX",
        "2024-03-01T12:34:56+01:00Z",
        // Weekday form.
        "Sat Mar 01 12:34:56 +0000 2024", "Fri Mar 01 12:34:56 2024", "Fri Mar 1 12:34:56 +0000 2024",
        "Fri Xyz 01 12:34:56 +0000 2024", "Fri Mar 01 12:34:56 ABC 2024", "Friday Mar 01 12:34:56 +0000 2024",
        "Fri, 01 Mar 2024 12:34:56 +0000", "Fri Mar 01 12:34:56 +0000 2024 ", "Fri Mar 01 12:34 +0000 2024",
        "Fri 13 01 12:34:56 +0000 2024",
        // Epochs.
        "1e9", "1.7e9", "0001709296496", "1709296496123456", "1709296496.", "17092964", "-1", "0",
        "-", "+1709296496", "1709296496.5.5", "-86400000",
        // Empty-ish and non-ASCII.
        "T", "Z", ":", ".", "/", "//", "--", "\u{FF12}\u{FF10}\u{FF12}\u{FF14}-03-01", "2024-03-01T12:34:56\u{00A0}UTC",
        "\u{0662}\u{0660}\u{0662}\u{0664}-03-01",
    ]

    @Test(arguments: invalid)
    func refused(_ input: String) {
        #expect(DateRule.check(input, as: .timestamp) == .invalid(.invalidDate))
        #expect(DateRule.check(input, as: .date) == .invalid(.invalidDate))
    }

    /// The range is checked on the UTC instant for timestamps, on the written date for dob.
    @Test func offsetsCanLeaveTheRange() {
        #expect(DateRule.check("3000-12-31T23:00:00-05:00", as: .timestamp) == .invalid(.invalidDate))
        #expect(DateRule.check("0000-01-01T00:00:00+01:00", as: .timestamp) == .invalid(.invalidDate))
        #expect(DateRule.check("3000-12-31T24:00", as: .timestamp) == .invalid(.invalidDate))
        #expect(DateRule.check("3000-12-31T24:00", as: .date) == .normalised("3000-12-31"))
        #expect(DateRule.check("32535216000", as: .timestamp) == .invalid(.invalidDate))
        #expect(DateRule.check("32535215999", as: .timestamp) == .normalised("3000-12-31T23:59:59Z"))
        #expect(DateRule.check("-62167219201", as: .date) == .invalid(.invalidDate))
    }
}
