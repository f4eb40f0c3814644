import Converters
import JSON
import Schemas

/// One user's converted record as the planner needs it, made on the conversion's worker
/// threads and read on the planning thread: the user's key, the identifier part that every
/// item carries, and each top-level attribute with a digest of its value. A flat byte layout,
/// so that `RecordStage` carries it like any encoded record:
///
///     u8 whole-record flag, key, identifier JSON, whole record JSON, u32 count,
///     count x (name, u64 digest, value JSON)          (strings and JSON: u32 length + bytes)
struct StagedItem {
    /// How the target receives a user: only the changed attributes (Braze attributes objects,
    /// Identify objects), or the whole record when anything changed (the other formats).
    var wholeRecord: Bool
    var key: String
    /// `"external_id":"u1"` or `"user_alias":{...},"_update_existing_only":false`: key-value
    /// pairs without braces.
    var identifier: [UInt8]
    var whole: [UInt8]
    var attributes: [(name: String, digest: UInt64, value: [UInt8])]

    func encode(into out: inout [UInt8]) {
        out.append(wholeRecord ? 1 : 0)
        Self.put(Array(key.utf8), &out)
        Self.put(identifier, &out)
        Self.put(whole, &out)
        Self.put32(UInt32(attributes.count), &out)
        for a in attributes {
            Self.put(Array(a.name.utf8), &out)
            for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: a.digest >> (8 * UInt64(i)))) }
            Self.put(a.value, &out)
        }
    }

    /// Reads what `encode` wrote; nil when the bytes are not such an item.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> StagedItem? {
        var r = ByteReader(bytes: bytes)
        guard let flag = r.byte(), let key = r.string(), let identifier = r.chunk(), let whole = r.chunk(),
            let count = r.u32()
        else { return nil }
        var attributes: [(name: String, digest: UInt64, value: [UInt8])] = []
        attributes.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let name = r.string(), let digest = r.u64(), let value = r.chunk() else { return nil }
            attributes.append((name, digest, value))
        }
        return StagedItem(wholeRecord: flag == 1, key: key, identifier: identifier, whole: whole, attributes: attributes)
    }

    private static func put(_ bytes: [UInt8], _ out: inout [UInt8]) {
        put32(UInt32(bytes.count), &out)
        out.append(contentsOf: bytes)
    }

    private static func put32(_ n: UInt32, _ out: inout [UInt8]) {
        for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: n >> (8 * UInt32(i)))) }
    }
}

/// Little-endian reads over a buffer, failing (nil) past its end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var at = 0

    mutating func byte() -> UInt8? {
        guard at < bytes.count else { return nil }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func u32() -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var n: UInt32 = 0
        for i in 0..<4 { n |= UInt32(bytes[at + i]) << (8 * UInt32(i)) }
        at += 4
        return n
    }

    mutating func u64() -> UInt64? {
        guard at + 8 <= bytes.count else { return nil }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        at += 8
        return n
    }

    mutating func chunk() -> [UInt8]? {
        guard let n = u32(), at + Int(n) <= bytes.count else { return nil }
        defer { at += Int(n) }
        return Array(bytes[at..<(at + Int(n))])
    }

    mutating func string() -> String? {
        chunk().map { String(decoding: $0, as: UTF8.self) }
    }
}

/// 64-bit FNV-1a with a final avalanche (SplitMix64's finaliser): the digest of one attribute
/// value's JSON bytes, and the stable hash `--shard` splits users by. Not a cryptographic
/// hash; two different values of one user's attribute collide with odds of about 2^-64.
enum ValueDigest {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        h ^= h >> 30
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 27
        h &*= 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return h
    }

    static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }

    /// Plain FNV-1a of the key's UTF-8 bytes: stable across versions and machines, so a
    /// shard keeps its users.
    static func shardHash(_ key: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in key.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }
}
