import Converters
import JSON
import Schemas
import Testing

@Suite struct DuplicateIdentifiersTests {
    static func id(_ value: String, _ field: String = "external_id") -> RecordIdentifier {
        var p = Profile()
        switch field {
        case "braze_id": p.brazeId = value
        case "device_id": p.deviceId = value
        default: p.externalId = value
        }
        return RecordIdentifier(p)!
    }

    @Test func theFirstPresentIdentifierIsTheOneChecked() {
        var p = Profile()
        #expect(RecordIdentifier(p) == nil)
        p.deviceId = "d"
        #expect(RecordIdentifier(p)?.field == "device_id")
        p.userAliases = [UserAlias(name: "n", label: "l")]
        #expect(RecordIdentifier(p)?.field == "user_alias")
        p.brazeId = "b"
        #expect(RecordIdentifier(p)?.field == "braze_id")
        p.externalId = "e"
        #expect(RecordIdentifier(p)?.field == "external_id")
        // The same text in another field is another identifier.
        #expect(Self.id("x") != Self.id("x", "braze_id"))
    }

    @Test func repeatsPointAtTheFirstRecordAcrossInputs() {
        var seen = DuplicateIdentifiers()
        #expect(seen.check(Self.id("jdoe"), input: 0, record: 1) == nil)
        #expect(seen.check(Self.id("ann"), input: 0, record: 3) == nil)
        #expect(seen.check(Self.id("jdoe"), input: 0, record: 4)! == (0, 1))
        #expect(seen.check(Self.id("bob"), input: 1, record: 1) == nil)
        #expect(seen.check(Self.id("ann"), input: 1, record: 2)! == (0, 3))
        #expect(seen.check(Self.id("bob"), input: 2, record: 7)! == (1, 1))
        #expect(seen.examples.map(\.record) == [4, 2, 7])
        #expect(seen.examples.map(\.firstInput) == [0, 0, 1])
        #expect(seen.untracked == 0)
    }

    @Test func theTableGrowsToItsCapThenStopsAdding() {
        var seen = DuplicateIdentifiers(initialSlots: 16, maxSlots: 64)
        for i in 1...48 { #expect(seen.check(Self.id("u\(i)"), input: 0, record: i) == nil) }
        #expect(seen.slots == 64)
        #expect(seen.untracked == 0)
        #expect(seen.check(Self.id("u49"), input: 0, record: 49) == nil)
        #expect(seen.untracked == 1)
        // Held identifiers are still found once the table is full; the untracked one is not.
        #expect(seen.check(Self.id("u17"), input: 0, record: 50)! == (0, 17))
        #expect(seen.check(Self.id("u49"), input: 0, record: 51) == nil)
        #expect(seen.untracked == 2)
    }

    /// The table doubles in place: right after each doubling, every identifier held is found
    /// at its first record, and a new one is never taken for a repeat. Fingerprints from a
    /// seeded generator; a quarter have their home in the last slots of every table size, so
    /// that runs wrap around the end of the table when it doubles.
    @Test(arguments: 1...20) func everyIdentifierIsFoundAfterGrowingInPlace(seed: UInt64) {
        var rng = SplitMix(seed)
        var seen = DuplicateIdentifiers(initialSlots: 8, maxSlots: 1 << 12)
        var firsts: [UInt64: Int] = [:]
        var record = 0
        var slots = seen.slots
        for _ in 0..<3000 {
            let raw = rng.next()
            // Low 16 bits 0xFFF0...0xFFFF, and random above: the end of any table up to 65,536.
            var fingerprint = raw & 3 == 0 ? (raw & ~0xFFFF) | (0xFFFF - (raw >> 16 & 0xF)) : raw
            if fingerprint == 0 { fingerprint = 1 }
            record += 1
            let found = seen.check(RecordIdentifier(field: "external_id", fingerprint: fingerprint), input: 0, record: record)
            if let first = firsts[fingerprint] {
                #expect(found.map { $0.record } == first)
            } else {
                #expect(found == nil)
                if seen.untracked == 0 { firsts[fingerprint] = record }
            }
            guard seen.slots != slots else { continue }
            slots = seen.slots
            for (fingerprint, first) in firsts {
                let again = seen.check(RecordIdentifier(field: "external_id", fingerprint: fingerprint), input: 0, record: record)
                #expect(again.map { $0.record } == first, "after doubling to \(slots) slots")
            }
        }
        #expect(seen.slots == 1 << 12)
    }

    struct SplitMix {
        var state: UInt64
        init(_ seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func examplesAreCapped() {
        var seen = DuplicateIdentifiers()
        for i in 1...(DuplicateIdentifiers.examplesKept + 50) { _ = seen.check(Self.id("same"), input: 0, record: i) }
        #expect(seen.examples.count == DuplicateIdentifiers.examplesKept)
    }

    @Test func defaultBoundIs24MiB() {
        #expect(DuplicateIdentifiers.maxSlots * 12 == 24 << 20)
    }
}
