import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// braze-attributes -> profile -> braze-attributes gives the same object, and profile ->
/// braze-attributes -> profile keeps every field the format holds. Objects are compared as key
/// sets plus values: the writer puts keys in its own fixed order (identifier, standard
/// fields, Braze fields, then custom attributes and operations), not the source's, so key
/// order is checked only as "a second pass changes nothing".
@Suite struct BrazeAttributesRoundTripTests {
    /// Reader, validator, writer: what `etl convert --from braze-attributes --to
    /// braze-attributes` runs on one record.
    static func convert(_ value: JSONValue, _ notes: inout Notes) throws(Reject) -> JSONObject {
        var profile = try BrazeAttributesReader().read(value, notes: &notes)
        ProfileValidator().validate(&profile, notes: &notes)
        return try BrazeAttributesEncoder(limits: Limits()).encode(profile, notes: &notes)
    }

    static func objects(_ bytes: [UInt8]) throws -> [JSONObject] {
        var result: [JSONObject] = []
        try GoldenRecords.each(bytes) { _, parsed in
            guard case .object(let o) = try parsed.get().value else { throw Reject(.wrongShape, "not an object") }
            result.append(o)
        }
        return result
    }

    /// Keys whose value is not the same on both sides (missing, added or changed), sorted.
    static func changedKeys(_ a: JSONObject, _ b: JSONObject) -> [String] {
        Set(a.keys + b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    /// The output is stable: converting it again gives the same keys, in the same order.
    static func expectStable(_ out: JSONObject, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var notes = Notes()
        let again = try convert(.object(out), &notes)
        #expect(again.keys == out.keys, sourceLocation: sourceLocation)
        #expect(again == out, sourceLocation: sourceLocation)
    }

    /// Every example object of the Braze attributes object document (`readers/braze-attributes/doc-*.ndjson`), with
    /// the keys that may change, and why:
    /// - doc-examples 1 (the body schema) names external_id, user_alias and braze_id; an
    ///   object is written with one identifier, so user_alias and braze_id are unmapped.
    /// - doc-examples 7 (Alice, alias only) gains `"_update_existing_only": true`: Braze's
    ///   default for an alias-only object, said out loud because the writer's default is false.
    /// - doc-fields 1 and 2: values the validator rewrites (dates to ISO 8601
    ///   UTC, `Australia` -> `AU`, Rails time zone -> IANA, arrays deduplicated) or leaves out
    ///   (`"gender": null`, a deletion in Braze).
    @Test(arguments: [
        ("doc-examples", 1, ["braze_id", "user_alias"]),
        ("doc-examples", 2, []),
        ("doc-examples", 3, []),
        ("doc-examples", 4, []),
        ("doc-examples", 5, []),
        ("doc-examples", 6, []),
        ("doc-examples", 7, ["_update_existing_only"]),
        ("doc-examples", 8, []),
        ("doc-fields", 1, ["date_of_last_session"]),
        ("doc-fields", 2, ["country", "date_of_first_session", "date_of_last_session", "favorite_foods", "gender", "time_zone"]),
        ("doc-fields", 3, []),
        ("doc-fields", 4, []),
        ("doc-fields", 5, []),
    ])
    func documentExample(_ file: String, _ record: Int, _ changed: [String]) throws {
        let source = try Self.objects(try Golden.bytes("readers/braze-attributes/\(file).ndjson"))[record - 1]
        var notes = Notes()
        let out = try Self.convert(.object(source), &notes)
        #expect(Self.changedKeys(source, out) == changed)
        try Self.expectStable(out)
    }

    /// the Braze attributes object document's objects whose keys already come in the writer's order are written back
    /// byte for byte.
    @Test func documentExamplesInWriterOrderAreByteIdentical() throws {
        let examples = try Self.objects(try Golden.bytes("readers/braze-attributes/doc-examples.ndjson"))
        let fields = try Self.objects(try Golden.bytes("readers/braze-attributes/doc-fields.ndjson"))
        for (index, example) in [examples[2], examples[3], examples[7], fields[2], fields[3], fields[4]].enumerated() {
            var notes = Notes()
            let out = try Self.convert(.object(example), &notes)
            var a: [UInt8] = []
            var b: [UInt8] = []
            JSONWriter.write(.object(example), to: &a)
            JSONWriter.write(.object(out), to: &b)
            #expect(String(decoding: b, as: UTF8.self) == String(decoding: a, as: UTF8.self), "example \(index)")
        }
    }

    /// The generated sample: every object comes back the same except keys the run accounts for
    /// (a warning, a rewrite or an unmapped field naming it); an object with no identifier at
    /// all is rejected, as Braze would.
    @Test func generatedSample() throws {
        let url = ETLBinary.repository.appendingPathComponent("samples/braze-attributes-users.ndjson.gz")
        let (bytes, fault) = IOTestSupport.drain(try InputFile.open(url.path))
        #expect(fault == nil)
        let sources = try Self.objects(bytes)
        #expect(sources.count > 100)
        var rejected = 0
        for (i, source) in sources.enumerated() {
            var notes = Notes()
            let out: JSONObject
            do throws(Reject) {
                out = try Self.convert(.object(source), &notes)
            } catch {
                #expect(error.code == .noIdentifier, "record \(i + 1)")
                #expect(!["external_id", "user_alias", "braze_id", "email", "phone", "push_token_import"].contains { source[$0] != nil })
                rejected += 1
                continue
            }
            let accounted = Self.accountedKeys(notes)
            let unaccounted = Self.changedKeys(source, out).filter { !accounted.contains($0) }
            #expect(unaccounted.isEmpty, "record \(i + 1): \(unaccounted)")
            try Self.expectStable(out)
        }
        #expect(rejected < sources.count / 20)
    }

    /// The Braze keys a record's notes name: warnings, rewrites (checks that were not ok) and
    /// unmapped fields, with profile names turned back into Braze keys.
    static func accountedKeys(_ notes: Notes) -> Set<String> {
        var names = notes.warnings.map(\.field) + notes.normalised + notes.unmapped
        names += notes.checks.filter { $0.outcome != .ok }.map(\.field.rawValue)
        let byMember = Dictionary(
            BrazeAttributesFields.rows.compactMap { row in row.member.map { ($0.rawValue, row.key) } },
            uniquingKeysWith: { first, _ in first })
        return Set(names.map { name in
            if name.hasPrefix("vendor_extras.braze.") { return String(name.dropFirst("vendor_extras.braze.".count)) }
            return byMember[name] ?? name
        })
    }

    // MARK: profile -> braze-attributes -> profile

    static func throughBraze(_ p: Profile) throws -> Profile {
        var notes = Notes()
        let o = try BrazeAttributesEncoder(limits: Limits()).encode(p, notes: &notes)
        #expect(notes.isEmpty, "\(notes.warnings) \(notes.unmapped) \(notes.normalised)")
        var back = Notes()
        let profile = try BrazeAttributesReader().read(.object(o), notes: &back)
        return profile
    }

    /// Every member the format holds, identified by external_id.
    static var full: Profile {
        var p = Profile()
        p.externalId = "u-1"
        p.amplitudeId = 123456789012
        p.deviceId = "dev-1"
        p.username = "jdoe"
        p.aamUserId = 42
        p.aamPid = 7
        p.firstName = "Jane"
        p.lastName = "Doe"
        p.email = "jane@example.com"
        p.phone = "+442071838750"
        p.country = "GB"
        p.language = "en"
        p.homeCity = "London"
        p.timeZone = "Europe/London"
        p.dob = "1980-12-21"
        p.gender = "F"
        p.title = "Analyst"
        p.firstSessionAt = "2020-02-02T19:56:19.142Z"
        p.lastSessionAt = "2021-11-11T00:25:19.201Z"
        p.emailSubscribe = "opted_in"
        p.pushSubscribe = "subscribed"
        p.status = "ACTIVE"
        p.isAdmin = false
        p.groups = [3, 1]
        p.cohorts = ["c1", "c2"]
        p.customAttributes = ["plan": "pro", "score": .number(JSONNumber(uncheckedText: "1.5")), "flag": true, "tags": ["a", "b"], "address": .object(["city": "x"])]
        // Operations on one key are grouped into one object on write: given grouped here.
        p.customAttributeOps = [
            CustomAttributeOp(key: "visits", kind: .inc, value: 1),
            CustomAttributeOp(key: "likes", kind: .add, value: ["x"]),
            CustomAttributeOp(key: "likes", kind: .remove, value: ["y"]),
        ]
        p.vendorExtras = ["braze": .object([
            "push_tokens": [.object(["app_id": "a", "token": "t"])],
            "subscription_groups": [.object(["subscription_group_id": "g", "subscription_state": "subscribed"])],
            "current_location": .object(["longitude": .number(JSONNumber(uncheckedText: "-73.991443")), "latitude": .number(JSONNumber(uncheckedText: "40.753824"))]),
            "facebook": .object(["id": "f"]), "twitter": .object(["id": 1]),
            "email_open_tracking_disabled": true, "email_click_tracking_disabled": false,
            "marked_email_as_spam_at": "2021-11-11T00:25:19Z", "_update_existing_only": false,
        ])]
        return p
    }

    @Test func everyHeldMemberComesBack() throws {
        #expect(try Self.throughBraze(Self.full) == Self.full)
    }

    /// Each identifier the writer can choose, with its flag where Braze needs one.
    @Test func everyIdentifierComesBack() throws {
        var alias = Profile()
        alias.userAliases = [UserAlias(name: "a1", label: "crm")]
        alias.vendorExtras = ["braze": .object(["_update_existing_only": false])]
        var brazeId = Profile()
        brazeId.brazeId = "b-1"
        var email = Profile()
        email.email = "only@example.com"
        email.phone = "+15555550100"
        var phone = Profile()
        phone.phone = "+15555550101"
        var device = Profile()
        device.deviceId = "anon-device-77"
        device.userAliases = [UserAlias(name: "anon-device-77", label: "amplitude_device_id")]
        device.vendorExtras = ["braze": .object(["_update_existing_only": true])]
        var tokens = Profile()
        tokens.vendorExtras = ["braze": .object(["push_token_import": true, "push_tokens": [.object(["app_id": "a", "token": "t"])]])]
        for p in [alias, brazeId, email, phone, device, tokens] {
            #expect(try Self.throughBraze(p) == p)
        }
    }

    /// What a profile gains: an alias-only object says `_update_existing_only`, false unless
    /// the profile had it, and the reader keeps it; a device id written as the
    /// alias comes back as both the device id and that alias.
    @Test func aliasObjectsGainTheirFlag() throws {
        var alias = Profile()
        alias.userAliases = [UserAlias(name: "a1", label: "crm")]
        var expected = alias
        expected.vendorExtras = ["braze": .object(["_update_existing_only": false])]
        #expect(try Self.throughBraze(alias) == expected)

        var device = Profile()
        device.deviceId = "d"
        device.email = "d@example.com"
        #expect(try Self.throughBraze(device) == device)
        device.email = nil
        expected = device
        expected.userAliases = [UserAlias(name: "d", label: "amplitude_device_id")]
        expected.vendorExtras = ["braze": .object(["_update_existing_only": false])]
        #expect(try Self.throughBraze(device) == expected)
        // And once more: the alias and the device id are one identifier, written once.
        #expect(try Self.throughBraze(expected) == expected)
    }

    /// The writer's prefixed custom attributes come back only with the writer's own types;
    /// anything else under those names is somebody's custom attribute and stays one.
    @Test func prefixedAttributesOfOtherTypesStayCustom() throws {
        var notes = Notes()
        let p = try BrazeAttributesReader().read(
            .object(["external_id": "x", "amplitude_id": "12", "aam_status": "gone", "aam_groups": [], "amplitude_cohorts": ["c"]]),
            notes: &notes)
        #expect(p.amplitudeId == nil && p.status == nil && p.groups.isEmpty)
        #expect(p.cohorts == ["c"])
        #expect(p.customAttributes.keys == ["amplitude_id", "aam_status", "aam_groups"])
        #expect(notes.isEmpty)
    }

    @Test func bothTrackFormatsReadTheSame() {
        #expect(Format.brazeAttributes.makeReader() is BrazeAttributesReader)
        #expect(Format.brazeTrack.makeReader() is BrazeAttributesReader)
    }
}
