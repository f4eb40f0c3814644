/// Byte-level helpers shared by the JSON parser and writer: word-at-a-time searches (SWAR) and
/// UTF-8 sequence checks. Words are read little-endian, so the lowest flagged byte comes first.
package enum ByteScan {
    package static let ones: UInt64 = 0x0101_0101_0101_0101
    package static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Loads 8 bytes at `p` as a little-endian word (no alignment needed).
    @inline(__always)
    package static func word(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// A mask of the low `n` bytes of a word (0...8): the first `n` bytes in memory.
    @inline(__always)
    package static func lowBytes(_ n: Int) -> UInt64 {
        n >= 8 ? ~0 : (1 << UInt64(n &* 8)) &- 1
    }

    /// Flags (high bit per byte) for bytes a string scan must stop at: '"', '\\', < 0x20 and
    /// >= 0x80. The `& ~x` of the exact zero-byte test is left out because any byte that would
    /// need it has its high bit set and is flagged anyway; the lowest flag is always exact.
    @inline(__always)
    package static func stringStops(_ w: UInt64) -> UInt64 {
        let q = w ^ (ones &* 0x22)
        let b = w ^ (ones &* 0x5C)
        return ((q &- ones) | (b &- ones) | (w &- ones &* 0x20) | w) & highs
    }

    /// Flags for bytes a JSON string literal must escape: '"', '\\' and < 0x20 (non-ASCII is
    /// written raw). The lowest flag is exact; flags above it may be borrow artefacts.
    @inline(__always)
    package static func escapeStops(_ w: UInt64) -> UInt64 {
        let q = w ^ (ones &* 0x22)
        let b = w ^ (ones &* 0x5C)
        return (((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- ones &* 0x20) & ~w)) & highs
    }

    /// Length of the well-formed UTF-8 sequence starting at `p[i]` (a byte >= 0x80) within
    /// `p[..<end]`, or 0 when it is not well-formed (Unicode table 3-7: no overlong forms, no
    /// encoded surrogates, nothing above U+10FFFF, no stray or missing continuation bytes).
    @inline(__always)
    package static func utf8SequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let lead = p[i]
        func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < end && p[i + k] >= low && p[i + k] <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xED:
            return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }
}
