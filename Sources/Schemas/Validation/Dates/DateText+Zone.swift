import JSON
extension DateText {
    /// The zone that ends an ISO value, in seconds east of UTC: none (taken as UTC), or
    /// optionally after one space (Ruby's `2024-03-01 12:34:56 +0000`, Braze's export
    /// `2020-07-10 15:00:00.000 UTC`) a zone of `zone(_:)`. Nothing may follow it.
    static func trailingZone(_ c: inout DateCursor) -> Int? {
        if c.atEnd { return 0 }
        _ = c.take(UInt8(ascii: " "))
        guard let offset = zone(&c), c.atEnd else { return nil }
        return offset
    }

    /// `Z` or `z`; an offset `+01:00`, `+0100`, `+01`, `-05:30` (`-00:00` is UTC); or a zone
    /// name: `UTC`, `GMT`, `UT` (these three may carry an offset, `GMT+0100`), or the fixed
    /// North American names of RFC 5322 section 4.3 (`EST` -5 ... `PDT` -7). Names in any case.
    static func zone(_ c: inout DateCursor) -> Int? {
        if c.take(UInt8(ascii: "Z")) || c.take(UInt8(ascii: "z")) { return 0 }
        if c.peek() == UInt8(ascii: "+") || c.peek() == UInt8(ascii: "-") { return offset(&c) }
        if c.isLetter(), c.isLetter(1), !c.isLetter(2) {
            // `UT`, the one two-letter name.
            guard let u = c.peek(), let t = c.peek(1), u | 0x20 == UInt8(ascii: "u"), t | 0x20 == UInt8(ascii: "t")
            else { return nil }
            c.skip(2)
            return utcRelative(&c)
        }
        guard let word = c.word3(), !c.isLetter(), let index = zoneNames.index(of: word) else { return nil }
        let hoursWest: Int
        switch index {
        case 0, 1: return utcRelative(&c)
        case 2: hoursWest = 5  // EST
        case 3: hoursWest = 4  // EDT
        case 4: hoursWest = 6  // CST
        case 5: hoursWest = 5  // CDT
        case 6: hoursWest = 7  // MST
        case 7: hoursWest = 6  // MDT
        case 8: hoursWest = 8  // PST
        default: hoursWest = 7  // PDT
        }
        return -hoursWest * 3600
    }

    /// UTC, GMT and UT may be followed by an offset from UTC, as in JavaScript's `GMT+0100`.
    private static func utcRelative(_ c: inout DateCursor) -> Int? {
        guard c.peek() == UInt8(ascii: "+") || c.peek() == UInt8(ascii: "-") else { return 0 }
        return offset(&c)
    }

    /// `+HH`, `+HHMM` or `+HH:MM` (or `-`), hours 0-23 and minutes 0-59.
    private static func offset(_ c: inout DateCursor) -> Int? {
        let sign = c.take(UInt8(ascii: "-")) ? -1 : 1
        if sign == 1 { _ = c.take(UInt8(ascii: "+")) }
        guard let hours = c.digits(2), hours < 24 else { return nil }
        var minutes = 0
        if c.take(UInt8(ascii: ":")) || c.isDigit() {
            guard let m = c.digits(2), m < 60 else { return nil }
            minutes = m
        }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// Zone names, three letters each, in the order the code above reads them.
    private static let zoneNames = Words3("utcgmtestedtcstcdtmstmdtpstpdt")
}
