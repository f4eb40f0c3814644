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

    public init() {}

    public init<S: Sequence>(_ keys: S) where S.Element == String {
        for k in keys { insert(k) }
    }

    public func contains(_ key: String) -> Bool { index(of: key, tag: KeyTag(key)) != nil }

    public func index(of key: String, tag: KeyTag) -> Int? {
        var i = 0
        while i < tags.count {
            if tags[i] == tag.bits && keys[i] == key { return i }
            i += 1
        }
        return nil
    }

    public mutating func insert(_ key: String) {
        tags.append(KeyTag(key).bits)
        keys.append(key)
    }

    public mutating func removeAll() {
        tags.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
    }
}
