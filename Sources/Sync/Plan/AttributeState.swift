/// What the target acknowledged of one user: each attribute's id (`attribute_names`) with a
/// digest of its value, sorted by id. Stored as a blob of (varint id, 8-byte digest) pairs:
/// about 10 bytes an attribute, values themselves are never kept (a removed attribute needs
/// only its name to be sent as `null` or `$unset`).
struct AttributeState: Equatable {
    var ids: [Int64] = []
    var digests: [UInt64] = []

    init() {}

    init?(blob: UnsafeRawBufferPointer) {
        var at = 0
        while at < blob.count {
            var id: Int64 = 0
            var shift: Int64 = 0
            while true {
                guard at < blob.count, shift < 63 else { return nil }
                let b = blob[at]
                at += 1
                id |= Int64(b & 0x7F) << shift
                if b & 0x80 == 0 { break }
                shift += 7
            }
            guard at + 8 <= blob.count else { return nil }
            var d: UInt64 = 0
            for i in 0..<8 { d |= UInt64(blob[at + i]) << (8 * UInt64(i)) }
            at += 8
            ids.append(id)
            digests.append(d)
        }
    }

    var blob: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(ids.count * 10)
        for (id, d) in zip(ids, digests) {
            var n = UInt64(id)
            repeat {
                let low = UInt8(n & 0x7F)
                n >>= 7
                out.append(n == 0 ? low : low | 0x80)
            } while n != 0
            for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: d >> (8 * UInt64(i)))) }
        }
        return out
    }

    /// The digest held for `id`, by binary search.
    func digest(of id: Int64) -> UInt64? {
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < ids.count && ids[low] == id ? digests[low] : nil
    }
}

/// One user's comparison of a new record with the acknowledged state.
struct AttributeDiff {
    /// Indexes (in the record's attribute order) of attributes new or changed.
    var changed: [Int] = []
    /// Ids the state holds that the record has not, in id order.
    var removed: [Int64] = []
    /// What the state becomes once the target acknowledges the item.
    var next = AttributeState()

    /// `ids[i]` is the id of the record's attribute `i`; `keepRemoved` keeps the digests of
    /// removed attributes (`removed_attributes = "keep"`), else they leave the state.
    init(old: AttributeState, ids: [Int64], digests: [UInt64], keepRemoved: Bool) {
        for i in ids.indices where old.digest(of: ids[i]) != digests[i] { changed.append(i) }
        // The record's attributes sorted by id, to walk beside the state's.
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        var j = 0
        for (k, id) in old.ids.enumerated() {
            while j < order.count && ids[order[j]] < id {
                next.ids.append(ids[order[j]])
                next.digests.append(digests[order[j]])
                j += 1
            }
            if j < order.count && ids[order[j]] == id {
                next.ids.append(id)
                next.digests.append(digests[order[j]])
                j += 1
                continue
            }
            removed.append(id)
            if keepRemoved {
                next.ids.append(id)
                next.digests.append(old.digests[k])
            }
        }
        while j < order.count {
            next.ids.append(ids[order[j]])
            next.digests.append(digests[order[j]])
            j += 1
        }
    }
}
