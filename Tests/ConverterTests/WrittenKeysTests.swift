import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// The Amplitude and Braze attributes writers place their keys by hand (in the documents'
/// order) rather than by walking their `FieldRow` tables, so this pins the two together: with
/// the free-form members taken out of the writer goldens' profiles, every key written is a row
/// of the format's table, and every plain row the writer has is written by some profile.
@Suite struct WrittenKeysTests {
    /// `writers/profiles.ndjson` without custom attributes, computations, recommendations,
    /// operations and vendor extras, whose keys are the data's own.
    static func profiles() throws -> [Profile] {
        var profiles: [Profile] = []
        try GoldenRecords.each(try Golden.bytes("writers/profiles.ndjson")) { _, value in
            var notes = Notes()
            var p = try ProfileFormatReader().read(try value.get().value, notes: &notes)
            p.customAttributes = JSONObject()
            p.computations = JSONObject()
            p.recommendations = []
            p.customAttributeOps = []
            p.vendorExtras = JSONObject()
            profiles.append(p)
        }
        return profiles
    }

    /// The keys each profile is written with, as objects (nil: rejected).
    static func written(_ format: Format, _ options: WriterOptions = WriterOptions()) throws -> [JSONObject] {
        let writer = format.makeWriter(options)
        return try profiles().compactMap { p in
            var bytes: [UInt8] = []
            var notes = Notes()
            do throws(Reject) { try writer.encode(p, into: &bytes, notes: &notes) } catch { return nil }
            return try #require(try parse(bytes).get().object)
        }
    }

    /// A row's key when it is one plain key (no pattern, no path).
    static func plain(_ key: String) -> Bool {
        !key.isEmpty && key != "-" && !key.contains("*") && !key.contains("<") && !key.contains("{")
    }

    @Test(arguments: [AmplitudeShape.main, .openapi])
    func amplitudeKeysAreRows(_ shape: AmplitudeShape) throws {
        var options = WriterOptions()
        options.amplitudeShape = shape
        let rows = AmplitudeFields.rows.filter { $0.writes && Self.plain($0.key) }
        let topRows = Set(rows.map(\.key).filter { !$0.contains(".") })
        let propertyRows = Set(rows.map(\.key).filter { $0.hasPrefix(AmplitudeFields.propertyPrefix) }
            .map { String($0.dropFirst(AmplitudeFields.propertyPrefix.count)) })
        let propertiesKey = shape == .main ? "amp_props" : "user_properties"
        var seenTop: Set<String> = [], seenProperties: Set<String> = []
        let objects = try Self.written(.amplitude, options)
        #expect(!objects.isEmpty)
        for object in objects {
            let userData = try #require(object["userData"]?.object)
            for key in userData.keys where key != propertiesKey {
                #expect(topRows.contains(key), "userData.\(key) is in no row")
                seenTop.insert(key)
            }
            for key in userData[propertiesKey]?.object?.keys ?? [] {
                #expect(propertyRows.contains(key), "\(propertiesKey).\(key) is in no row")
                seenProperties.insert(key)
            }
        }
        // Rows of free-form members (recommendations, computed properties) were emptied above.
        #expect(topRows.subtracting(["recommendations", "computed_properties"]).subtracting(seenTop).isEmpty,
                "rows never written: \(topRows.subtracting(seenTop).sorted())")
        #expect(propertyRows.subtracting(seenProperties).isEmpty,
                "property rows never written: \(propertyRows.subtracting(seenProperties).sorted())")
    }

    @Test func brazeAttributesKeysAreRows() throws {
        let rows = Set(BrazeAttributesFields.rows.filter { $0.writes && Self.plain($0.key) }.map(\.key))
        var seen: Set<String> = []
        let objects = try Self.written(.brazeAttributes)
        #expect(!objects.isEmpty)
        for object in objects {
            for key in object.keys {
                #expect(rows.contains(key), "\(key) is in no row")
                seen.insert(key)
            }
        }
        // Vendor extras were emptied above; `_update_existing_only` is written for an alias anyway.
        let extras = Set(BrazeAttributesFields.rows.filter { $0.member == .vendorExtras }.map(\.key))
        let unseen = rows.subtracting(seen).subtracting(extras)
        #expect(unseen.isEmpty, "rows never written: \(unseen.sorted())")
    }
}
