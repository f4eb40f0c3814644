import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// braze-export -> profile -> braze-export gives the same objects (values and key order), and
/// profile -> braze-export -> profile keeps every field an export object holds.
///
/// Exceptions, by design (named here and in the report): records whose keys are not in the
/// document's order come out in that order; top-level `null` values are left out (absent and
/// null mean the same in an export); a single `user_aliases` object comes back as an array;
/// values of the wrong type are coerced or left out by the reader (counted). Through the
/// pipeline's validator, standard fields it rewrites (`created_at` in Braze's `... UTC` form,
/// Rails time zone names, country names) or leaves out (invalid e-mail or phone) differ too.
@Suite struct BrazeExportRoundTripTests {
    /// Every record of a file (any container, gzip or not) as its bytes and its value.
    static func records(_ path: String) throws -> [(bytes: [UInt8], value: JSONValue)] {
        let records = FrameReader(source: try InputFile.open(path), container: nil, maxRecordBytes: 1 << 20)
        var parser = JSONParser()
        var out: [(bytes: [UInt8], value: JSONValue)] = []
        while let frame = try records.next() {
            out.append((Array(frame.bytes), try parser.parse(frame.bytes)))
        }
        return out
    }

    static func roundTrip(_ value: JSONValue, validate: Bool = false) throws -> (bytes: [UInt8], notes: Notes) {
        var notes = Notes()
        var profile = try BrazeExportReader().read(value, notes: &notes)
        if validate { ProfileValidator().validate(&profile, notes: &notes) }
        var bytes: [UInt8] = []
        try BrazeExportWriter().encode(profile, into: &bytes, notes: &notes)
        return (bytes, notes)
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = JSONParser()
        return try bytes.withUnsafeBytes { try parser.parse($0) }
    }

    @Test func documentExampleIsByteIdentical() throws {
        let path = Golden.url("readers/braze-export/doc-example.ndjson").path
        let records = try Self.records(path)
        #expect(records.count == 1)
        for record in records {
            let (bytes, notes) = try Self.roundTrip(record.value)
            #expect(IOTestSupport.same(bytes, record.bytes))
            #expect(try Self.parse(bytes) == record.value)
            #expect(notes.unmapped.isEmpty && notes.warnings.isEmpty)
        }
    }

    /// The document's example as a pretty-printed whole response: the same values and key order.
    @Test func wholeResponseReads() throws {
        let path = Golden.url("readers/braze-export/response-envelope.ndjson").path
        let reader = FrameReader(source: try InputFile.open(path), container: nil, maxRecordBytes: 1 << 20)
        #expect(try reader.detectContainer() == .usersEnvelope)
        #expect(Format.implied(by: .usersEnvelope) == .brazeExport)
        var parser = JSONParser()
        var values: [JSONValue] = []
        while let frame = try reader.next() { values.append(try parser.parse(frame.bytes)) }
        #expect(values.count == 2)
        #expect(reader.counters.invalidUserIds == 2)
        #expect(reader.counters.messages == ["success": 1])
        let compact = try Self.records(Golden.url("readers/braze-export/doc-example.ndjson").path)
        #expect(values.first == compact.first?.value)
        for value in values { #expect(try Self.parse(try Self.roundTrip(value).bytes) == value) }
    }

    /// The generated samples (the document's example first): byte-identical without the
    /// validator, and through it only the fields it rewrites or leaves out differ.
    @Test func samplesRoundTrip() throws {
        let records = try Self.records(ETLBinary.repository.appendingPathComponent("samples/braze-export-users.ndjson.gz").path)
        #expect(records.count == 101)
        var changed = 0
        for record in records {
            #expect(IOTestSupport.same(try Self.roundTrip(record.value).bytes, record.bytes))

            let (bytes, notes) = try Self.roundTrip(record.value, validate: true)
            guard case .object(let before) = record.value, case .object(let after) = try Self.parse(bytes) else {
                Issue.record("not an object")
                continue
            }
            let touched = Set(notes.checks.filter { $0.outcome != .ok }.map(\.field.rawValue))
            let differing = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
            #expect(differing.isSubset(of: touched), "\(differing) changed but the validator reports \(touched)")
            #expect(after.keys.filter { before[$0] != nil } == before.keys.filter { after[$0] != nil })
            if !differing.isEmpty { changed += 1 }
        }
        // The document's example (`created_at`, `time_zone`) and the messy records.
        #expect(changed > 0 && changed < 10)
    }

    @Test func messyExceptions() throws {
        let single = try Self.parse(Array(#"{"user_aliases":{"alias_name":"a","alias_label":"b"},"braze_id":"x","purchases":null,"first_name":null}"#.utf8))
        let out = try Self.roundTrip(single).bytes
        #expect(String(decoding: out, as: UTF8.self) == #"{"user_aliases":[{"alias_name":"a","alias_label":"b"}],"braze_id":"x"}"#)
        let reordered = try Self.parse(Array(#"{"braze_id":"x","new_field":1,"created_at":"2020-01-01T00:00:00Z"}"#.utf8))
        #expect(String(decoding: try Self.roundTrip(reordered).bytes, as: UTF8.self)
            == #"{"created_at":"2020-01-01T00:00:00Z","braze_id":"x","new_field":1}"#)
    }

    /// A profile of every kind of member through an export object and back.
    @Test func profileKeepsWhatTheExportHolds() throws {
        var p = Profile()
        p.externalId = "u-1"
        p.brazeId = "b-1"
        p.userAliases = [UserAlias(name: "a1", label: "crm"), UserAlias(name: "a2", label: "crm")]
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
        p.createdAt = "2020-07-10T15:00:00Z"
        p.emailSubscribe = "opted_in"
        p.pushSubscribe = "subscribed"
        p.customAttributes = ["plan": "pro", "score": 3]
        let apps: JSONValue = [
            .object(["name": "A", "first_used": "2020-02-02T19:56:19.142Z", "last_used": "2021-01-01T00:00:00Z"]),
            .object(["name": "B", "first_used": "2020-03-01T00:00:00Z", "last_used": "2021-11-11T00:25:19.201Z"]),
        ]
        // Extras in the document's order: the writer puts them there.
        p.vendorExtras = ["braze": .object(["total_revenue": 65, "email_unsubscribed_at": "2021-01-01T00:00:00Z", "apps": apps])]
        p.firstSessionAt = "2020-02-02T19:56:19.142Z"
        p.lastSessionAt = "2021-11-11T00:25:19.201Z"

        var notes = Notes()
        var bytes: [UInt8] = []
        try BrazeExportWriter().encode(p, into: &bytes, notes: &notes)
        #expect(notes.isEmpty)
        let back = try BrazeExportReader().read(try Self.parse(bytes), notes: &notes)
        #expect(back == p)
        #expect(notes.isEmpty)
    }

    /// What an export object cannot hold is counted, never written; custom data takes the
    /// names the braze-attributes writer gives it.
    @Test func otherVendorsData() throws {
        var p = Profile()
        p.externalId = "u-1"
        p.amplitudeId = 12
        p.deviceId = "dev"
        p.username = "jdoe"
        p.cohorts = ["c1"]
        p.computations = ["computed-n": "3"]
        p.customAttributes = ["amplitude_id": "clash", "gone": nil]
        p.firstSessionAt = "2020-01-01T00:00:00Z"
        p.customAttributeOps = [CustomAttributeOp(key: "n", kind: .inc, value: 1)]
        p.vendorExtras = [
            "amplitude": .object(["server_zone": "EU"]),
            "braze": .object(["_update_existing_only": false, "first_name": "X", "subscription_groups": [], "apps": []]),
        ]
        var notes = Notes()
        var bytes: [UInt8] = []
        try BrazeExportWriter().encode(p, into: &bytes, notes: &notes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"external_id":"u-1","custom_attributes":{"amplitude_id":12,"amplitude_device_id":"dev","aam_username":"jdoe","amplitude_cohorts":["c1"],"computed-n":3,"custom_amplitude_id":"clash"},"apps":[],"subscription_groups":[]}"#)
        #expect(notes.unmapped == [
            "vendor_extras.amplitude.server_zone", "vendor_extras.braze._update_existing_only",
            "vendor_extras.braze.first_name", "first_session_at", "custom_attribute_ops",
        ])
        #expect(notes.warnings.map { "\($0.code.rawValue):\($0.field)" } == ["attribute_renamed:amplitude_id", "null_value:gone"])
    }

    @Test func noIdentifierIsRejected() {
        var p = Profile()
        p.email = "only@example.com"
        p.deviceId = "dev"
        var notes = Notes()
        var bytes: [UInt8] = []
        #expect(throws: Reject(.noIdentifier, "no external_id, braze_id or user alias: an export user object always has one")) {
            try BrazeExportWriter().encode(p, into: &bytes, notes: &notes)
        }
    }

    /// Session dates compare as instants, not as text: offsets, Braze's `UTC` form, epochs and
    /// a fraction against none.
    @Test func sessionDatesAreInstants() {
        var notes = Notes()
        let apps: JSONValue = [
            .object(["first_used": "2020-02-02 19:56:19.142 UTC", "last_used": "2021-11-11T00:25:19Z"]),
            .object(["first_used": "2020-02-02T20:56:19.100+01:00", "last_used": "2021-11-11T00:25:19.201Z"]),
            .object(["first_used": "2020-02-02T19:56:19Z", "last_used": 1_636_590_319_999]),
        ]
        let s = BrazeAppSessions(apps: apps, notes: &notes)
        #expect(s.firstUsed == "2020-02-02T19:56:19Z")
        #expect(s.lastUsed == "1636590319999")
        #expect(notes.warnings.isEmpty)
    }

    @Test func detection() throws {
        let doc = try Self.records(Golden.url("readers/braze-export/doc-example.ndjson").path)[0].value
        #expect(Format.detect(from: doc) == .brazeExport)
        let notExport = [
            #"{"external_id":"x"}"#,
            #"{"external_id":"x","custom_attributes":{"a":1},"created_at":"2020-01-01"}"#,
            #"{"external_id":"x","apps":[],"vendor_extras":{}}"#,
            #"{"user_alias":{"alias_name":"a","alias_label":"b"},"purchases":[],"_update_existing_only":false}"#,
            #"{"apps":[]}"#,
        ]
        for text in notExport { #expect(Format.detect(from: try Self.parse(Array(text.utf8))) == nil, "\(text)") }
        #expect(Format.detect(from: try Self.parse(Array(#"{"braze_id":"b","random_bucket":1}"#.utf8))) == .brazeExport)
    }
}
