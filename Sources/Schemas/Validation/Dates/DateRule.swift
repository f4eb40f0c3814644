import JSON
/// The date rule, for `created_at`, `first_session_at`, `last_session_at`
/// (`.timestamp`, written `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.fffZ` in UTC) and
/// `dob` (`.date`, written `YYYY-MM-DD`).
///
/// Accepted (parsing in `DateText`, ASCII only, no Foundation: its formatters are slow and
/// lenient):
/// - ISO 8601 calendar dates `2024-03-01`, `20240301`, and date-times, extended
///   `2024-03-01T12:34`, `2024-03-01T12:34:56`, `2024-03-01T12:34:56.123456` or basic
///   `20240301T1234`, `20240301T123456,5` (not mixed); `.` or `,` before a fraction of any
///   length; `T`, `t` or one space before the time; `Z`, `z`, `+01:00`, `+0100`, `+01`,
///   `-05:30`, optionally after one space. Hour-only times (`T12`) are not accepted.
/// - Braze: `yyyy-MM-ddTHH:mm:ss:SSSZ` (three digits after a colon), `yyyy-MM-ddTHH:mm:ss`,
///   `yyyy-MM-dd HH:mm:ss`, `yyyy-MM-dd` (all ISO above), `MM/dd/yyyy` (US order; one-digit
///   month and day too, `3/1/2024`; four-digit year only, no time), `ddd MM dd HH:mm:ss.TZD
///   YYYY` (see `DateText.init(weekdayForm:)`), and the export's `2020-07-10 15:00:00.000 UTC`.
/// - Zone names `UTC`, `GMT`, `UT` (with an optional offset, `GMT+0100`) and RFC 5322's
///   `EST EDT CST CDT MST MDT PST PDT`, any case.
/// - Amplitude: `2024-03-01 12:34:56.123456` and `2024-03-01`.
/// - Epoch seconds or milliseconds (see `DateText.init(epoch:)`).
///
/// Decisions:
/// - No zone means UTC; a date alone is midnight UTC (Braze does the same).
/// - Fraction: written as exactly three digits when the input had one (truncated, `.5` is
///   `.500`), kept even when all zero (`.000` stays: the instant is the same and rewriting it
///   would only count a normalisation); none when the input had none. Epoch milliseconds always
///   carry one.
/// - `24:00`, `24:00:00` (fraction all zero) is the end of the day, the next day's 00:00.
/// - Leap seconds (`:60`) are invalid: Unix-style instants cannot hold them, and in profile
///   dumps a 60 is far more likely a bug than 23:59:60 on a leap-second day.
/// - `dob` from a date-time is the calendar date as written, time and offset ignored
///   (`1990-05-17T00:00:00+02:00` is 1990-05-17 although that instant is the 16th in UTC):
///   a birthday is a date, not an instant. From an epoch there is nothing written, so it is
///   the UTC date.
/// - Years 0...3000 (proleptic Gregorian), checked on the UTC instant for timestamps (so an
///   offset can push a value out) and on the written date for `dob`.
/// - `dob` in the future is valid: judging it would need today's date, and the same input must
///   give the same output on every run.
public enum DateRule {
    public enum Kind: Sendable { case timestamp, date }

    /// `value` is trimmed and non-empty. Canonical input returns `.ok` without allocating.
    public static func check(_ value: String, as kind: Kind) -> FieldCheck {
        if let result = value.utf8.withContiguousStorageIfAvailable({ check($0, kind) }) { return result }
        return Array(value.utf8).withUnsafeBufferPointer { check($0, kind) }
    }

    private static func check(_ bytes: UnsafeBufferPointer<UInt8>, _ kind: Kind) -> FieldCheck {
        guard let text = DateText.parse(bytes) else { return .invalid(.invalidDate) }
        let days = kind == .date ? text.writtenDays : text.days
        guard days >= CivilDate.firstAcceptedDay, days <= CivilDate.lastAcceptedDay else {
            return .invalid(.invalidDate)
        }
        // Built in inline storage and compared, so that `.ok` costs no allocation.
        let canonical = CanonicalDate(
            days: days, seconds: text.seconds, millis: text.millis, timestamp: kind == .timestamp)
        return canonical.isEqual(to: bytes) ? .ok : .normalised(canonical.string)
    }
}
