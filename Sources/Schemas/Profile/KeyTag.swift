import JSON
/// A cheap fingerprint of a short key: its UTF-8 length and first seven bytes in one word.
/// Comparing tags first skips nearly all full String comparisons (and all hashing) when
/// looking a key up among a few dozen others, which is the hot path of every record.
public struct KeyTag: Hashable, Sendable {
    public let bits: UInt64

    public init(_ key: String) {
        var key = key
        bits = key.withUTF8 { utf8 in
            var bits = UInt64(truncatingIfNeeded: utf8.count & 0xFF)
            for i in 0..<min(utf8.count, 7) { bits |= UInt64(utf8[i]) << (8 * UInt64(i + 1)) }
            return bits
        }
    }
}

/// A small set of keys searched by tag, then by full comparison on a tag match.
public struct TaggedKeys: Sendable {
    private var tags: [UInt64] = []
    private var keys: [String] = []
    /// One bit per tag's hash in 128 (a Bloom filter with one hash): most lookups of a key
    /// that is absent, the common case, end here without a scan.
    private var filter: (UInt64, UInt64) = (0, 0)

    @inline(__always)
    private static func bit(_ tag: UInt64) -> (word: Int, mask: UInt64) {
        let h = (tag &* 0x9E37_79B9_7F4A_7C15) >> 57
        return (Int(h >> 6), 1 << (h & 63))
    }

    public init() {}

    public init<S: Sequence>(_ keys: S) where S.Element == String {
        for k in keys { insert(k) }
    }

    public func contains(_ key: String) -> Bool { index(of: key, tag: KeyTag(key)) != nil }

    public func index(of key: String, tag: KeyTag) -> Int? {
        let b = Self.bit(tag.bits)
        if (b.word == 0 ? filter.0 : filter.1) & b.mask == 0 { return nil }
        var i = 0
        while i < tags.count {
            if tags[i] == tag.bits && keys[i] == key { return i }
            i += 1
        }
        return nil
    }

    public mutating func insert(_ key: String) { insert(key, tag: KeyTag(key)) }

    public mutating func insert(_ key: String, tag keyTag: KeyTag) {
        let tag = keyTag.bits
        tags.append(tag)
        keys.append(key)
        let b = Self.bit(tag)
        if b.word == 0 { filter.0 |= b.mask } else { filter.1 |= b.mask }
    }

    public mutating func reserveCapacity(_ n: Int) {
        tags.reserveCapacity(n)
        keys.reserveCapacity(n)
    }

    public mutating func removeAll() {
        tags.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        filter = (0, 0)
    }
}
