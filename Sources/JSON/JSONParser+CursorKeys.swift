/// Object keys: tags and a filter that find duplicates cheaply, and the cache of keys that
/// recur from record to record.

/// A key of an object still being read, with its `keyTag` (0 for non-ASCII keys).
package struct PendingKey {
    package var name: String
    package var tag: UInt64
}

/// A key seen in an earlier record (see `JSONParser.Cursor.cachedKey`).
package struct CachedKey {
    package var w0: UInt64 = 0
    package var w1: UInt64 = 0
    package var length = -1
    package var name = ""

    package static let slots = 256
}

/// What an open object knows of its keys, to find duplicates without comparing every pair.
package struct KeyIndex {
    /// One bit per ASCII key's tag (a 256-bit Bloom filter, so that objects of a few dozen
    /// keys stay below one false hit in eight): a clear bit means a new key.
    package var seen = SIMD4<UInt64>()
    /// A non-ASCII key was seen; the filter then rules nothing out.
    package var sawNonASCII = false
    /// Key -> position, built once the object outgrows `linearKeyLimit`.
    package var positions: [String: Int]?
}

extension JSONParser.Cursor {
    /// Above this many keys an object finds duplicates through a dictionary, not a scan.
    /// Below it, the filter settles nearly every new key, and building a dictionary for each
    /// object (Amplitude's properties hold about 30 keys) cost more than the rare scans.
    package static let linearKeyLimit = 64

    /// An object key and its tag for the duplicate check (see `keyTag`).
    package mutating func key() throws(JSONParseError) -> PendingKey {
        var tag: UInt64 = 0
        let name = try string(tagging: true, tag: &tag)
        return PendingKey(name: name, tag: tag)
    }

    /// A fingerprint of an ASCII key's bytes: its length and three of its bytes. Equal ASCII
    /// keys have equal tags, so different tags settle "not equal" without comparing Strings.
    /// The top bit is set so that no tag is 0, the tag of non-ASCII keys, which are always
    /// compared as Strings (canonical equivalence makes, for example, "K" equal to U+212A).
    package static func keyTag(_ bytes: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        guard n > 0 else { return 1 << 63 }
        return 1 << 63 | UInt64(truncatingIfNeeded: n & 0xFF_FFFF) << 24 | UInt64(bytes[0]) << 16
            | UInt64(bytes[n >> 1]) << 8 | UInt64(bytes[n - 1])
    }

    /// An unescaped ASCII key, from the key cache when the same bytes were seen before: the same
    /// few dozen keys recur in every record, and making a String is a large part of parsing.
    /// Keys up to 16 bytes are held as two words and their length, which identify them exactly.
    package mutating func cachedKey(from start: Int, to stop: Int) -> String {
        let n = stop - start
        // Two whole words are read, so 16 bytes must lie within the buffer.
        guard n <= 16, start + 16 <= end, keyCache.count == CachedKey.slots else {
            return text(from: start, to: stop)
        }
        let w0 = ByteScan.word(p + start) & ByteScan.lowBytes(min(n, 8))
        let w1 = n > 8 ? ByteScan.word(p + start + 8) & ByteScan.lowBytes(n - 8) : 0
        let slot = Int(truncatingIfNeeded: ((w0 ^ w1 &* 31 ^ UInt64(n)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if keyCache[slot].length == n && keyCache[slot].w0 == w0 && keyCache[slot].w1 == w1 {
            return keyCache[slot].name
        }
        let name = text(from: start, to: stop)
        keyCache[slot] = CachedKey(w0: w0, w1: w1, length: n, name: name)
        return name
    }

    /// The position of `key` among the open object's keys (those from `keyBase`), or nil when
    /// it is new, in which case it is recorded at the next position. Equality is String's, the
    /// same as JSONObject's, so the parser and JSONObject.set agree on what a duplicate is.
    package mutating func position(of key: PendingKey, from keyBase: Int, index: inout KeyIndex) -> Int? {
        let count = keys.count - keyBase
        if index.positions == nil {
            if count < Self.linearKeyLimit {
                if key.tag == 0 {
                    index.sawNonASCII = true
                } else {
                    let h = (key.tag &* 0x9E37_79B9_7F4A_7C15) >> 56
                    let word = Int(h >> 6)
                    let bit: UInt64 = 1 << (h & 63)
                    let maybeSeen = index.seen[word] & bit != 0
                    index.seen[word] |= bit
                    if !maybeSeen && !index.sawNonASCII { return nil }
                }
                var k = keyBase
                while k < keys.count {
                    let other = keys[k]
                    if (other.tag == key.tag || other.tag == 0 || key.tag == 0) && other.name == key.name {
                        return k - keyBase
                    }
                    k += 1
                }
                return nil
            }
            var map = [String: Int](minimumCapacity: count * 2)
            for k in keyBase..<keys.count { map[keys[k].name] = k - keyBase }
            index.positions = map
        }
        if let slot = index.positions?[key.name] { return slot }
        index.positions?[key.name] = count
        return nil
    }
}
