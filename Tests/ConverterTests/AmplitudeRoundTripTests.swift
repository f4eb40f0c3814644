import JSON
import Schemas
import Testing

@testable import Converters

/// amplitude -> profile -> amplitude gives the record back, and profile -> amplitude -> profile
/// keeps every field Amplitude holds, in both shapes. The reader and writer meet here without
/// the field rules (`etl convert` also normalises values, phones to E.164,
/// `first_used: "2020-01-13"` to `2020-01-13T00:00:00Z`).
///
/// The named exceptions, each applied to the source in `expected`:
/// 1. `userData` members the reader maps that are `null` or empty (`"amp_props": null`,
///    `"cohort_ids": []`, `"user_id": null`) are not written: a writer never writes an absent value.
/// 2. A property spelled by an alias is written under its row's name (`firstName` -> `first_name`,
///    `timezone` -> `time_zone`, `birthday` -> `dob`).
/// 3. Standard properties come first, in the rows' order; in the main shape `computed-*`
///    properties come after the custom ones.
/// Across shapes (a main-shape record written as OpenAPI and the reverse) the profile is kept
/// (computations are kept without the `computed-` prefix, which the main shape adds back).
@Suite struct AmplitudeRoundTripTests {
    static let cases = ["documents", "main-shape", "messy", "openapi-shape"]

    struct Source {
        var record: Int
        var value: JSONValue
        var profile: Profile
    }

    /// The records of a reader case that read cleanly: no duplicate key, warning, normalised
    /// or unmapped value (the others do not come back as they were, by design).
    static func validRecords(_ name: String) throws -> [Source] {
        var sources: [Source] = []
        try GoldenRecords.each(try Golden.bytes("readers/amplitude/\(name).ndjson")) { frame, parsed in
            guard case .success(let p) = parsed, p.duplicates.isEmpty else { return }
            var notes = Notes()
            guard let profile = try? AmplitudeReader().read(p.value, notes: &notes), notes.isEmpty else { return }
            sources.append(Source(record: frame.number, value: p.value, profile: profile))
        }
        return sources
    }

    /// A record's own shape: OpenAPI when it has `user_properties` or `computed_properties`.
    static func shape(of value: JSONValue) -> AmplitudeShape {
        let user = value.object?["userData"]?.object
        return user?["user_properties"] != nil || user?["computed_properties"] != nil ? .openapi : .main
    }

    static func write(_ p: Profile, _ shape: AmplitudeShape, _ notes: inout Notes) throws -> JSONValue {
        var bytes: [UInt8] = []
        try AmplitudeWriter(shape: shape).encode(p, into: &bytes, notes: &notes)
        var value: JSONValue?
        try GoldenRecords.each(bytes) { _, parsed in value = try parsed.get().value }
        return try #require(value)
    }

    static func read(_ value: JSONValue) throws -> Profile {
        var notes = Notes()
        let p = try AmplitudeReader().read(value, notes: &notes)
        #expect(notes.isEmpty, "reading back: \(notes)")
        return p
    }

    @Test(arguments: cases)
    func amplitudeToAmplitude(_ name: String) throws {
        let sources = try Self.validRecords(name)
        #expect(!sources.isEmpty)
        for s in sources {
            let shape = Self.shape(of: s.value)
            var notes = Notes()
            let written = try Self.write(s.profile, shape, &notes)
            #expect(notes.isEmpty, "\(name) record \(s.record)")
            #expect(written == Self.expected(s.value), "\(name) record \(s.record), \(shape) shape")
        }
    }

    @Test(arguments: cases)
    func otherShapeKeepsTheProfile(_ name: String) throws {
        for s in try Self.validRecords(name) {
            let other: AmplitudeShape = Self.shape(of: s.value) == .main ? .openapi : .main
            var notes = Notes()
            let back = try Self.read(try Self.write(s.profile, other, &notes))
            #expect(back == s.profile, "\(name) record \(s.record) as \(other)")
        }
    }

    /// Every profile of the writer golden and of the amplitude reader goldens.
    static func profiles() throws -> [Profile] {
        var files = ["writers/profiles.ndjson"]
        files += cases.map { "readers/amplitude/\($0).profiles.ndjson" }
        var result: [Profile] = []
        for file in files {
            try GoldenRecords.each(try Golden.bytes(file)) { _, parsed in
                var value = try parsed.get().value
                if let inner = value.object?["profile"] { value = inner } else if value.object?["record"] != nil { return }
                var notes = Notes()
                result.append(try ProfileFormatReader().read(value, notes: &notes))
            }
        }
        return result
    }

    @Test(arguments: AmplitudeShape.allCases)
    func profileToAmplitudeToProfile(_ shape: AmplitudeShape) throws {
        let profiles = try Self.profiles()
        #expect(profiles.count > 20)
        for p in profiles {
            var notes = Notes()
            let written: JSONValue
            do {
                written = try Self.write(p, shape, &notes)
            } catch let reject as Reject {
                #expect(reject.code == .noIdentifier && p.externalId == nil && p.deviceId == nil)
                continue
            }
            let q = try Self.read(written)
            let label = "\(p.externalId ?? p.deviceId ?? "?") as \(shape)"
            // Identifiers and standard properties: the fields the reader fills.
            let held: [ProfileField] = [.externalId, .deviceId, .amplitudeId]
                + AmplitudeFields.rows.filter { $0.reads && $0.key.hasPrefix("amp_props.") && !$0.key.contains("*") }.compactMap(\.member)
            for member in held { #expect(member.value(in: q) == member.value(in: p), "\(member.rawValue): \(label)") }
            #expect(q.cohorts == p.cohorts, "\(label)")
            #expect(q.recommendations == p.recommendations, "\(label)")
            #expect(q.computations == p.computations, "\(label)")
            var extras = JSONObject()
            for (key, value) in p.vendorExtras["amplitude"]?.object?.entries ?? JSONObject().entries
            where !AmplitudeWriter.readKeys.contains(key) {
                extras.appendNew(key, value)
            }
            #expect(q.vendorExtras == (extras.isEmpty ? [:] : ["amplitude": .object(extras)]), "\(label)")
            #expect(q.customAttributes == Self.customProperties(p, notes), "\(label)")
            #expect(p.customAttributeOps.isEmpty != notes.unmapped.contains("custom_attribute_ops"), "\(label)")
        }
    }

    /// Custom attributes as they read back: other vendors' fields as properties (write-only
    /// rows), then the profile's own, renamed or dropped as the write's warnings say.
    static func customProperties(_ p: Profile, _ notes: Notes) -> JSONObject {
        var o = JSONObject()
        for row in AmplitudeFields.rows where row.direction == .write && row.key.hasPrefix("amp_props.") {
            if let member = row.member, let v = member.value(in: p) { o.appendNew(String(row.key.dropFirst("amp_props.".count)), v) }
        }
        for (key, value) in p.customAttributes.entries {
            if notes.warnings.contains(where: { $0.code == .attributeDropped && $0.field == key }) { continue }
            let renamed = notes.warnings.contains(where: { $0.code == .attributeRenamed && $0.field == key })
            o.appendNew(renamed ? "custom_" + key : key, value)
        }
        return o
    }

    /// Computation keys as a shape writes them.
    static func computations(_ c: JSONObject, _ shape: AmplitudeShape) -> JSONObject {
        switch shape {
        case .main:
            var o = JSONObject()
            for (key, value) in c.entries { o.set("computed-" + key, value) }
            return o
        case .openapi:
            return c
        }
    }

    static let mappedKeys: Set<String> = [
        "user_id", "device_id", "amplitude_id", "amp_props", "user_properties", "computed_properties", "cohort_ids",
        "recommendations",
    ]

    /// The source with the named exceptions applied.
    static func expected(_ input: JSONValue) -> JSONValue {
        guard let user = input.object?["userData"]?.object else { return input }
        var out = JSONObject()
        for (key, value) in user.entries {
            if mappedKeys.contains(key) && (value.isNull || value == .array([]) || value == .object([:])) { continue }  // 1
            if key == "amp_props" || key == "user_properties", let props = value.object {
                out.appendNew(key, .object(properties(props)))
            } else {
                out.appendNew(key, value)
            }
        }
        return .object(["userData": .object(out)])
    }

    static func properties(_ props: JSONObject) -> JSONObject {
        var standard: [(index: Int, key: String, value: JSONValue)] = []
        var custom = JSONObject()
        var computed = JSONObject()
        let rowKeys = AmplitudeFields.rows.map(\.key)
        for (key, value) in props.entries {
            if let row = AmplitudeFields.properties.row(forKey: key), let i = rowKeys.firstIndex(of: row.key) {
                standard.append((i, String(row.key.dropFirst("amp_props.".count)), value))  // 2
            } else if key.hasPrefix("computed-") {
                computed.appendNew(key, value)
            } else {
                custom.appendNew(key, value)
            }
        }
        var o = JSONObject()
        for s in standard.sorted(by: { $0.index < $1.index }) { o.appendNew(s.key, s.value) }  // 3
        for (k, v) in custom.entries { o.appendNew(k, v) }
        for (k, v) in computed.entries { o.appendNew(k, v) }
        return o
    }
}
