import JSON
/// A set of two-letter ASCII codes as a 26x26 bit table, so the hot path can check `US` or `en`
/// from its two bytes without building or hashing a String.
struct LetterPairSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: (26 * 26 + 63) / 64)

    /// The slot of two ASCII letters in either case, or nil when either byte is not a letter.
    @inline(__always)
    static func slot(_ a: UInt8, _ b: UInt8) -> Int? {
        let x = (a | 0x20) &- 97
        let y = (b | 0x20) &- 97
        guard x < 26, y < 26 else { return nil }
        return Int(x) &* 26 &+ Int(y)
    }

    mutating func insert(_ code: Substring) {
        let u = Array(code.utf8)
        guard u.count == 2, let slot = Self.slot(u[0], u[1]) else { preconditionFailure("not a two-letter code: \(code)") }
        bits[slot >> 6] |= 1 << UInt64(slot & 63)
    }

    @inline(__always)
    func contains(_ slot: Int) -> Bool { bits[slot >> 6] & (1 << UInt64(slot & 63)) != 0 }
}
