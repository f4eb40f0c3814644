import JSON
/// The identifier a vendor merges records by, reduced to what a run needs to find the same
/// user twice: which field it came from and a 64-bit fingerprint of its value. The first
/// present of external_id, braze_id, the first user alias (label and name), device_id: the
/// order the Braze writer picks its identifier in, so two records that would land on one user
/// share an identifier here.
public struct RecordIdentifier: Hashable, Sendable {
    public var field: String
    public var fingerprint: UInt64

    public init(field: String, fingerprint: UInt64) {
        self.field = field
        self.fingerprint = fingerprint
    }

    public init?(_ p: Profile) {
        if let id = p.externalId {
            self.init(field: "external_id", value: id)
        } else if let id = p.brazeId {
            self.init(field: "braze_id", value: id)
        } else if let alias = p.userAliases.first {
            self.init(field: "user_alias", value: alias.label + "\u{0}" + alias.name)
        } else if let id = p.deviceId {
            self.init(field: "device_id", value: id)
        } else {
            return nil
        }
    }

    private init(field: String, value: String) {
        self.field = field
        self.fingerprint = Self.fingerprint(field, value)
    }

    /// FNV-1a over the field name, a zero byte and the value's UTF-8, then SplitMix64's
    /// finaliser so that the low bits (the hash table's slot) depend on every byte. Stable across
    /// runs and machines; never 0 (0 marks an empty slot).
    static func fingerprint(_ field: String, _ value: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in field.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h = (h ^ 0) &* 0x100_0000_01b3
        for byte in value.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        h ^= h >> 31
        return h == 0 ? 1 : h
    }
}
