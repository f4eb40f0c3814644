import JSON
import SampleData
import Schemas
import Testing

@testable import Converters

/// The Braze writers write attributes objects straight to bytes (`AttributeBytes`); `etl sync`
/// builds them as `JSONObject`s. Both come from one encoder: the bytes must be `JSONWriter`'s
/// for the object, with the same notes, and no key may be written twice.
@Suite struct AttributeBytesTests {
    static func check(_ profile: Profile, _ encoder: BrazeAttributesEncoder) {
        var objectNotes = Notes()
        var bytesNotes = Notes()
        let object = try? encoder.encode(profile, notes: &objectNotes)
        var bytes: [UInt8] = []
        let wrote = (try? encoder.encode(profile, appendingTo: &bytes, notes: &bytesNotes)) != nil
        #expect(wrote == (object != nil))
        guard let object else { return }
        var expected: [UInt8] = []
        JSONWriter.write(.object(object), to: &expected)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(Set(object.keys).count == object.count, "a key written twice: \(object.keys)")
        #expect(bytesNotes.warnings == objectNotes.warnings)
        #expect(bytesNotes.normalised == objectNotes.normalised)
        #expect(bytesNotes.unmapped == objectNotes.unmapped)
    }

    /// Every source format's generated records (Braze sources carry vendor extras, aliases,
    /// push tokens and operations), read and validated as a conversion does.
    @Test(arguments: Format.allCases)
    func bytesAreTheObjectsJSON(_ source: Format) {
        var generator = RecordGenerator(format: source, seed: 3)
        let reader = source.makeReader()
        let validator = ProfileValidator()
        let appIds = BrazeAppIds(["MovieCanon": "5f3b2c1a-0000-4000-8000-000000000001"])
        let encoders = [
            BrazeAttributesEncoder(limits: Limits()),
            BrazeAttributesEncoder(limits: Limits(), appIds: appIds),
        ]
        for i in 0..<600 {
            var notes = Notes()
            guard var profile = try? reader.read(generator.record(i), notes: &notes) else { continue }
            validator.validate(&profile, notes: &notes)
            for encoder in encoders { Self.check(profile, encoder) }
        }
    }

    /// An alias identifier writes `_update_existing_only` itself; the source's own flag is not
    /// written again, and every other Braze field is.
    @Test func aSourcesOwnUpdateFlagIsWrittenOnce() {
        var p = Profile()
        p.userAliases = [UserAlias(name: "n", label: "l")]
        p.firstName = "Ann"
        p.vendorExtras["braze"] = .object([
            "_update_existing_only": true, "facebook": .object(["id": "f"]), "push_token_import": false,
            "unknown": 1,
        ])
        Self.check(p, BrazeAttributesEncoder(limits: Limits()))
        var notes = Notes()
        let object = try? BrazeAttributesEncoder(limits: Limits()).encode(p, notes: &notes)
        #expect(object?.keys == ["user_alias", "_update_existing_only", "first_name", "facebook", "push_token_import"])
        #expect(object?["_update_existing_only"] == true)
        #expect(notes.unmapped == ["vendor_extras.braze.unknown"])
    }

    /// Operations on one key share an object, written after the custom attributes.
    @Test func operationsAreWrittenLastInFirstUseOrder() {
        var p = Profile()
        p.externalId = "u"
        p.customAttributes["plan"] = "pro"
        p.customAttributeOps = [
            CustomAttributeOp(key: "tags", kind: .add, value: ["a"]),
            CustomAttributeOp(key: "count", kind: .inc, value: 1),
            CustomAttributeOp(key: "tags", kind: .remove, value: ["b"]),
            CustomAttributeOp(key: "plan", kind: .inc, value: 2),
        ]
        Self.check(p, BrazeAttributesEncoder(limits: Limits()))
        var notes = Notes()
        let object = try? BrazeAttributesEncoder(limits: Limits()).encode(p, notes: &notes)
        #expect(object?.keys == ["external_id", "plan", "tags", "count", "custom_plan"])
        #expect(object?["tags"] == .object(["add": ["a"], "remove": ["b"]]))
    }
}
