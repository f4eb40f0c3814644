import JSON
/// A read position in the UTF-8 bytes of a date value. Works on a borrowed buffer so that
/// parsing never copies or allocates.
struct DateCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { at == bytes.count }

    /// The byte `ahead` places after the current one, if any.
    func peek(_ ahead: Int = 0) -> UInt8? {
        at + ahead < bytes.count ? bytes[at + ahead] : nil
    }

    func isDigit(_ ahead: Int = 0) -> Bool {
        guard let b = peek(ahead) else { return false }
        return b &- 48 < 10
    }

    func isLetter(_ ahead: Int = 0) -> Bool {
        guard let b = peek(ahead) else { return false }
        return (b | 0x20) &- 97 < 26
    }

    /// Takes `b` when it is next.
    mutating func take(_ b: UInt8) -> Bool {
        guard peek() == b else { return false }
        at += 1
        return true
    }

    mutating func skip(_ count: Int) { at = min(at + count, bytes.count) }

    /// Takes exactly `count` ASCII digits as a number, or nothing.
    mutating func digits(_ count: Int) -> Int? {
        guard at + count <= bytes.count else { return nil }
        var value = 0
        for i in at..<(at + count) {
            let d = bytes[i] &- 48
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        at += count
        return value
    }

    /// Takes one or two digits (`3/1/2024`).
    mutating func shortNumber() -> Int? {
        guard isDigit() else { return nil }
        return digits(isDigit(1) ? 2 : 1)
    }

    /// Takes a run of one or more digits after a decimal sign and returns its milliseconds:
    /// digits past the third are dropped (truncation, never rounding into the next second),
    /// fewer are padded (`.5` is 500).
    mutating func fractionMillis() -> Int? {
        guard isDigit() else { return nil }
        var millis = 0
        var count = 0
        while let b = peek(), b &- 48 < 10 {
            if count < 3 { millis = millis * 10 + Int(b &- 48) }
            count += 1
            at += 1
        }
        for _ in count..<max(count, 3) { millis *= 10 }
        return millis
    }

    /// Takes three ASCII letters, lower-cased and packed into one number for table lookups.
    mutating func word3() -> UInt32? {
        guard isLetter(), isLetter(1), isLetter(2) else { return nil }
        var packed: UInt32 = 0
        for i in at..<(at + 3) { packed = packed << 8 | UInt32(bytes[i] | 0x20) }
        at += 3
        return packed
    }
}
