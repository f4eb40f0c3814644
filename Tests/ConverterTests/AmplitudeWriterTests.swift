import JSON
import Schemas
import Testing

@testable import Converters

/// The `amplitude` writer's own cases: the OpenAPI shape's golden (the main shape's is in
/// `MappingGoldenTests`), the identifier rule and the keys it renames so that a record reads
/// back as it was written.
@Suite struct AmplitudeWriterTests {
    /// `writers/profiles.ndjson` -> `writers/amplitude-openapi.out` and `.notes.ndjson`.
    @Test func openapiShapeGolden() throws {
        var writer: any FormatWriter = AmplitudeWriter(shape: .openapi)
        try GoldenRecords.checkWriter(&writer, "writers/amplitude-openapi")
    }

    static func userData(_ p: Profile, _ shape: AmplitudeShape, _ notes: inout Notes) throws(Reject) -> JSONObject {
        try AmplitudeWriter(shape: shape).userData(p, &notes)
    }

    @Test(arguments: AmplitudeShape.allCases)
    func noUserIdNorDeviceIdIsRejected(_ shape: AmplitudeShape) {
        var p = Profile()
        p.email = "a@example.com"
        p.brazeId = "b-1"
        var notes = Notes()
        #expect(throws: Reject(.noIdentifier, "no external_id or device_id: Amplitude needs a user_id or a device_id")) {
            try Self.userData(p, shape, &notes)
        }
    }

    @Test(arguments: AmplitudeShape.allCases)
    func deviceIdAloneIdentifies(_ shape: AmplitudeShape) throws {
        var p = Profile()
        p.deviceId = "d-1"
        var notes = Notes()
        #expect(try Self.userData(p, shape, &notes) == ["device_id": "d-1"])
        #expect(notes.isEmpty)
    }

    /// A custom property under a name the reader takes for a standard field (or its alias, or a
    /// computation) would come back as that field: it is renamed.
    @Test(arguments: AmplitudeShape.allCases)
    func customKeysTheReaderWouldTakeAreRenamed(_ shape: AmplitudeShape) throws {
        var p = Profile()
        p.externalId = "u"
        p.email = "a@example.com"
        p.brazeId = "b-1"
        // `custom_email` comes first, so `email` has no free name left.
        p.customAttributes = ["custom_email": "taken", "email": "x", "timezone": "y", "computed-z": "1", "braze_id": "other", "plan": "pro"]
        var notes = Notes()
        let o = try Self.userData(p, shape, &notes)
        let props = try #require(o[shape == .main ? "amp_props" : "user_properties"]?.object)
        #expect(props.keys == ["email", "braze_id", "custom_email", "custom_timezone", "custom_computed-z", "custom_braze_id", "plan"])
        #expect(props["custom_timezone"] == "y")
        #expect(notes.warnings.map { "\($0.code.rawValue):\($0.field)" } == [
            "attribute_dropped:email", "attribute_renamed:timezone", "attribute_renamed:computed-z", "attribute_renamed:braze_id",
        ])
    }

    @Test func computationKeysPerShape() throws {
        var p = Profile()
        p.externalId = "u"
        p.computations = ["computed-a": "1", "b": "2", "computed-c": "3", "c": "4", "computed-": "5"]
        var notes = Notes()
        let main = try Self.userData(p, .main, &notes)
        // Canonical keys have no prefix (the reader takes it off): the main shape always adds one.
        #expect(main["amp_props"]?.object?.keys == ["computed-computed-a", "computed-b", "computed-computed-c", "computed-c", "computed-computed-"])
        #expect(notes.isEmpty)
        notes = Notes()
        let openapi = try Self.userData(p, .openapi, &notes)
        #expect(openapi["computed_properties"]?.object?.keys == ["computed-a", "b", "computed-c", "c", "computed-"])
        #expect(notes.isEmpty)
    }

    /// `vendor_extras.amplitude` goes back into `userData`, except under a key the reader maps;
    /// other vendors' extras and Braze operations are unmapped, per field.
    @Test func extrasAndOperations() throws {
        var p = Profile()
        p.externalId = "u"
        p.vendorExtras = [
            "amplitude": .object(["server_zone": "EU", "cohort_ids": ["x"], "flag": nil]),
            "braze": .object(["custom_events": [], "total_revenue": 1]),
            "aam": "odd",
        ]
        p.customAttributeOps = [CustomAttributeOp(key: "n", kind: .inc, value: 1)]
        var notes = Notes()
        let o = try Self.userData(p, .main, &notes)
        #expect(o == ["user_id": "u", "server_zone": "EU", "flag": nil])
        #expect(notes.unmapped == [
            "vendor_extras.amplitude.cohort_ids", "vendor_extras.braze.custom_events", "vendor_extras.braze.total_revenue",
            "vendor_extras.aam", "custom_attribute_ops",
        ])
    }

    @Test func recommendationsPerShape() throws {
        var p = Profile()
        p.externalId = "u"
        var r = Recommendation(recId: "r")
        r.childRecId = "r2"
        r.items = ["a"]
        r.isControl = true
        r.recommendationSource = "model"
        r.lastUpdated = 1
        r.extras = ["title": "T", "child_ids": ["b"]]
        p.recommendations = [r]
        var notes = Notes()
        let main = try Self.userData(p, .main, &notes)
        #expect(main["recommendations"] == [.object([
            "rec_id": "r", "child_rec_id": "r2", "items": ["a"], "is_control": true, "recommendation_source": "model",
            "last_updated": 1, "title": "T",
        ])])
        #expect(notes.unmapped == ["recommendations.child_ids"])
        notes = Notes()
        let openapi = try Self.userData(p, .openapi, &notes)
        #expect(openapi["recommendations"] == [.object([
            "rec_id": "r", "child_rec_id": "r2", "child_ids": ["a"], "is_control": true, "recommendation_type": "model",
            "last_updated": 1, "title": "T",
        ])])
    }

    @Test func formatTableWritesAmplitude() {
        var options = WriterOptions()
        options.amplitudeShape = .openapi
        #expect((Format.amplitude.makeWriter(options) as? AmplitudeWriter)?.shape == .openapi)
        #expect((Format.amplitude.makeWriter(WriterOptions()) as? AmplitudeWriter)?.shape == .main)
    }
}
