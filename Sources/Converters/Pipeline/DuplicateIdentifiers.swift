import Foundation
import JSON
import Schemas

/// Finds records whose identifier an earlier record of the run already had, in bounded memory.
///
/// An open-addressing hash set of 64-bit identifier fingerprints (`RecordIdentifier`), each with
/// the run-wide ordinal of the record that first had it (4 bytes), 12 bytes a slot. It starts at
/// 65,536 slots and doubles while under `maxSlots`, kept at most 3/4 full: at most 24 MiB,
/// holding 1,572,864 identifiers. The memory for `maxSlots` is mapped once and untouched pages
/// cost nothing, so a table doubles in place: resident memory is the table in use, never the
/// old and the new table side by side (which made the last doubling cost 36 MiB). Once full,
/// identifiers not yet held are no longer added (counted as `untracked`, and the report says
/// the check was partial); repeats of those held are still found. Two different identifiers
/// share a fingerprint with odds of about n^2/2^65 (1 in 15 million for a million users), which
/// would count one false duplicate.
///
/// Copies share the table: a run keeps one, as `Conversion` does.
public struct DuplicateIdentifiers: Sendable {
    /// One repeated identifier: where it came again, and where it was first.
    public struct Repeat: Equatable, Sendable {
        public var field: String
        public var input: Int
        public var record: Int
        public var firstInput: Int
        public var firstRecord: Int
    }

    public static let initialSlots = 1 << 16
    public static let maxSlots = 1 << 21
    private let maxSlots: Int
    /// Repeats kept for the report; the rest are counted only.
    public static let examplesKept = 100

    private let table: SlotTable
    /// Slots in use: a power of two, at most `maxSlots`.
    public private(set) var slots: Int
    private var held = 0
    public private(set) var untracked = 0
    public private(set) var examples: [Repeat] = []
    /// Ordinal of each input's record 0; an input's records follow the previous one's last.
    private var inputBases: [Int] = []
    private var lastRecord: [Int] = []

    /// Slot counts are powers of two; tests use small ones.
    public init(initialSlots: Int = DuplicateIdentifiers.initialSlots, maxSlots: Int = DuplicateIdentifiers.maxSlots) {
        self.maxSlots = max(maxSlots, initialSlots)
        table = SlotTable(capacity: self.maxSlots)
        slots = initialSlots
    }

    /// Checks record `record` of input `input` (inputs in order, records in increasing order
    /// within each). Returns where the identifier was first seen, or nil when it is new.
    public mutating func check(_ id: RecordIdentifier, input: Int, record: Int) -> (input: Int, record: Int)? {
        let ordinal = self.ordinal(input: input, record: record)
        let fingerprints = table.fingerprints
        var slot = Int(truncatingIfNeeded: id.fingerprint) & (slots - 1)
        while true {
            let stored = fingerprints[slot]
            if stored == 0 { break }
            if stored == id.fingerprint {
                let first = position(of: Int(table.ordinals[slot]))
                if examples.count < Self.examplesKept {
                    examples.append(Repeat(field: id.field, input: input, record: record, firstInput: first.input, firstRecord: first.record))
                }
                return first
            }
            slot = (slot + 1) & (slots - 1)
        }
        guard let ordinal, held < slots / 4 * 3 || grow() else {
            untracked += 1
            return nil
        }
        insert(id.fingerprint, UInt32(ordinal))
        return nil
    }

    /// A run-wide ordinal for the record, nil past 2^32 records (then it is not added).
    private mutating func ordinal(input: Int, record: Int) -> Int? {
        while inputBases.count <= input {
            let base = inputBases.last.map { $0 + (lastRecord.last ?? 0) } ?? 0
            inputBases.append(base)
            lastRecord.append(0)
        }
        lastRecord[input] = max(lastRecord[input], record)
        let ordinal = inputBases[input] + record
        return ordinal <= Int(UInt32.max) ? ordinal : nil
    }

    private func position(of ordinal: Int) -> (input: Int, record: Int) {
        var input = inputBases.count - 1
        while input > 0 && inputBases[input] >= ordinal { input -= 1 }
        return (input, ordinal - inputBases[input])
    }

    private mutating func insert(_ fingerprint: UInt64, _ ordinal: UInt32) {
        table.place(fingerprint, ordinal, mask: slots - 1)
        held += 1
    }

    /// Doubles the table in place when the cap allows; false when it is at `maxSlots`.
    ///
    /// The upper half is still zero. Every entry of the lower half is taken out and placed
    /// again under the new mask, in one pass that starts after an empty slot, so that no run of
    /// entries wraps around the start of the pass: an entry is then only ever placed on slots
    /// already passed, on the upper half, or on slots the pass will reach and place again, so
    /// no probe run is left with a hole.
    private mutating func grow() -> Bool {
        guard slots < maxSlots else { return false }
        let old = slots
        slots = old * 2
        let mask = slots - 1
        let fingerprints = table.fingerprints, ordinals = table.ordinals
        var empty = 0
        while fingerprints[empty] != 0 { empty += 1 }
        for step in 1...old {
            let i = (empty + step) & (old - 1)
            let fingerprint = fingerprints[i]
            if fingerprint == 0 { continue }
            fingerprints[i] = 0
            table.place(fingerprint, ordinals[i], mask: mask)
        }
        return true
    }
}

/// The slots of `DuplicateIdentifiers`, for `capacity` of them, in one anonymous mapping:
/// zero until written, and resident only where written. Owned by one conversion's thread.
private final class SlotTable: @unchecked Sendable {
    let fingerprints: UnsafeMutablePointer<UInt64>
    let ordinals: UnsafeMutablePointer<UInt32>
    private let base: UnsafeMutableRawPointer
    private let bytes: Int
    private let mapped: Bool

    init(capacity: Int) {
        bytes = capacity * 12
        if let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED {
            base = p
            mapped = true
        } else {
            // No mapping to be had: zeroed memory, resident as a whole.
            base = UnsafeMutableRawPointer(calloc(capacity, 12)!)
            mapped = false
        }
        fingerprints = base.bindMemory(to: UInt64.self, capacity: capacity)
        ordinals = (base + capacity * 8).bindMemory(to: UInt32.self, capacity: capacity)
    }

    deinit {
        if mapped { munmap(base, bytes) } else { free(base) }
    }

    /// Puts an entry on the first free slot from its own, under `mask`.
    @inline(__always)
    func place(_ fingerprint: UInt64, _ ordinal: UInt32, mask: Int) {
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while fingerprints[slot] != 0 { slot = (slot + 1) & mask }
        fingerprints[slot] = fingerprint
        ordinals[slot] = ordinal
    }
}
