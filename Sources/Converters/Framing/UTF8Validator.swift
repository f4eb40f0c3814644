import JSON
/// Checks UTF-8 one byte at a time, so that a sequence may be split across chunks. Rejects
/// overlong forms, surrogates and code points above U+10FFFF, as Unicode's table 3-7 does.
struct UTF8Validator {
    /// Continuation bytes still expected.
    private var pending = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    var isInsideSequence: Bool { pending > 0 }

    /// False when `byte` can neither continue the open sequence nor start one.
    @inline(__always)
    mutating func accept(_ byte: UInt8) -> Bool {
        if pending > 0 {
            guard byte >= lower && byte <= upper else { return false }
            pending -= 1
            lower = 0x80
            upper = 0xBF
            return true
        }
        switch byte {
        case 0x00...0x7F: return true
        case 0xC2...0xDF: pending = 1
        case 0xE0: pending = 2; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: pending = 2
        case 0xED: pending = 2; upper = 0x9F
        case 0xF0: pending = 3; lower = 0x90
        case 0xF1...0xF3: pending = 3
        case 0xF4: pending = 3; upper = 0x8F
        default: return false
        }
        return true
    }
}
