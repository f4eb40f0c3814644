import JSON
import Schemas

/// Finds records whose identifier an earlier record of the run already had, in bounded memory.
///
/// An open-addressing hash set of 64-bit identifier fingerprints (`RecordIdentifier`), each with
/// the run-wide ordinal of the record that first had it (4 bytes), 12 bytes a slot. It starts at
/// 65,536 slots and doubles while under `maxSlots`, kept at most 3/4 full: at most 24 MiB,
/// holding 1,572,864 identifiers. Once full, identifiers not yet held are no longer added
/// (counted as `untracked`, and the report says the check was partial); repeats of those held
/// are still found. Two different identifiers share a fingerprint with odds of about n^2/2^65
/// (1 in 15 million for a million users), which would count one false duplicate.
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

    private var fingerprints: [UInt64]
    private var ordinals: [UInt32]
    private var held = 0
    public private(set) var untracked = 0
    public private(set) var examples: [Repeat] = []
    /// Ordinal of each input's record 0; an input's records follow the previous one's last.
    private var inputBases: [Int] = []
    private var lastRecord: [Int] = []

    /// Slot counts are powers of two; tests use small ones.
    public init(initialSlots: Int = DuplicateIdentifiers.initialSlots, maxSlots: Int = DuplicateIdentifiers.maxSlots) {
        self.maxSlots = max(maxSlots, initialSlots)
        fingerprints = [UInt64](repeating: 0, count: initialSlots)
        ordinals = [UInt32](repeating: 0, count: initialSlots)
    }

    /// Slots allocated now (for tests and the memory bound).
    public var slots: Int { fingerprints.count }

    /// Checks record `record` of input `input` (inputs in order, records in increasing order
    /// within each). Returns where the identifier was first seen, or nil when it is new.
    public mutating func check(_ id: RecordIdentifier, input: Int, record: Int) -> (input: Int, record: Int)? {
        let ordinal = self.ordinal(input: input, record: record)
        var slot = Int(truncatingIfNeeded: id.fingerprint) & (fingerprints.count - 1)
        while true {
            let stored = fingerprints[slot]
            if stored == 0 { break }
            if stored == id.fingerprint {
                let first = position(of: Int(ordinals[slot]))
                if examples.count < Self.examplesKept {
                    examples.append(Repeat(field: id.field, input: input, record: record, firstInput: first.input, firstRecord: first.record))
                }
                return first
            }
            slot = (slot + 1) & (fingerprints.count - 1)
        }
        guard let ordinal, held < fingerprints.count / 4 * 3 || grow() else {
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
        var slot = Int(truncatingIfNeeded: fingerprint) & (fingerprints.count - 1)
        while fingerprints[slot] != 0 { slot = (slot + 1) & (fingerprints.count - 1) }
        fingerprints[slot] = fingerprint
        ordinals[slot] = ordinal
        held += 1
    }

    /// Doubles the table when the cap allows; false when it is at `maxSlots`.
    private mutating func grow() -> Bool {
        guard fingerprints.count < maxSlots else { return false }
        let oldFingerprints = fingerprints, oldOrdinals = ordinals
        fingerprints = [UInt64](repeating: 0, count: oldFingerprints.count * 2)
        ordinals = [UInt32](repeating: 0, count: oldFingerprints.count * 2)
        held = 0
        for (i, fingerprint) in oldFingerprints.enumerated() where fingerprint != 0 {
            insert(fingerprint, oldOrdinals[i])
        }
        return true
    }
}
