import JSON
/// The canonical text of a date (`YYYY-MM-DD`) or timestamp (`YYYY-MM-DDTHH:MM:SS[.fff]Z`),
/// built in inline storage, so that comparing it with the input allocates nothing.
struct CanonicalDate {
    /// 24 bytes: the longest form, `YYYY-MM-DDTHH:MM:SS.fffZ`.
    private var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private var count = 0

    init(days: Int, seconds: Int, millis: Int?, timestamp: Bool) {
        let date = CivilDate(days: days)
        count = withUnsafeMutableBytes(of: &storage) { out in
            var n = 0
            CanonicalDate.put(date.year, 4, out, &n)
            CanonicalDate.put("-", out, &n)
            CanonicalDate.put(date.month, 2, out, &n)
            CanonicalDate.put("-", out, &n)
            CanonicalDate.put(date.day, 2, out, &n)
            guard timestamp else { return n }
            CanonicalDate.put("T", out, &n)
            CanonicalDate.put(seconds / 3600, 2, out, &n)
            CanonicalDate.put(":", out, &n)
            CanonicalDate.put(seconds / 60 % 60, 2, out, &n)
            CanonicalDate.put(":", out, &n)
            CanonicalDate.put(seconds % 60, 2, out, &n)
            if let millis {
                CanonicalDate.put(".", out, &n)
                CanonicalDate.put(millis, 3, out, &n)
            }
            CanonicalDate.put("Z", out, &n)
            return n
        }
    }

    func isEqual(to bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        withUnsafeBytes(of: storage) { UnsafeRawBufferPointer(rebasing: $0[..<count]).elementsEqual(bytes) }
    }

    var string: String {
        withUnsafeBytes(of: storage) { String(decoding: $0[..<count], as: UTF8.self) }
    }

    private static func put(_ value: Int, _ width: Int, _ out: UnsafeMutableRawBufferPointer, _ n: inout Int) {
        var v = value
        for i in stride(from: n + width - 1, through: n, by: -1) {
            out[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
        }
        n += width
    }

    private static func put(_ byte: Unicode.Scalar, _ out: UnsafeMutableRawBufferPointer, _ n: inout Int) {
        out[n] = UInt8(ascii: byte)
        n += 1
    }
}
