import JSON
import Schemas

/// Writes Amplitude User Profile API responses, `{"userData": {...}}`: the
/// main shape of the Amplitude profile API document (`amp_props`), or with `--amplitude-shape openapi` the shape of
/// the Amplitude profile OpenAPI document (`user_properties`, `computed_properties`, `amplitude_id`). Keys follow the
/// documents' order; what the reader kept in `vendor_extras.amplitude` goes back at the end.
public struct AmplitudeWriter: FormatWriter {
    public let shape: AmplitudeShape

    public init(shape: AmplitudeShape = .main) { self.shape = shape }

    public func encode(_ profile: Profile, into value: inout [UInt8], notes: inout Notes) throws(Reject) {
        JSONWriter.write(.object(["userData": .object(try userData(profile, &notes))]), to: &value)
    }

    /// The `userData` object of one profile (the `etl sync` identify items are made from it).
    public func userData(_ p: Profile, _ notes: inout Notes) throws(Reject) -> JSONObject {
        // The API looks a user up by user_id or device_id: a record with neither is no one.
        guard p.externalId != nil || p.deviceId != nil else {
            throw Reject(.noIdentifier, "no external_id or device_id: Amplitude needs a user_id or a device_id")
        }
        var props = AmplitudePropertyObject()
        props.standard(p)
        props.custom(p.customAttributes, &notes)

        var o = JSONObject()
        o.reserveCapacity(8)
        switch shape {
        case .main:
            props.computations(p.computations, &notes)
            // the Amplitude profile API document answers with `recommendations` first.
            if !p.recommendations.isEmpty { o.appendNew("recommendations", recommendations(p.recommendations, &notes)) }
            writeIdentifiers(p, into: &o)
            if let id = p.amplitudeId { o.appendNew("amplitude_id", .number(JSONNumber(id))) }
            if !props.object.isEmpty { o.appendNew("amp_props", .object(props.object)) }
            if !p.cohorts.isEmpty { o.appendNew("cohort_ids", .array(p.cohorts.map { .string($0) })) }
        case .openapi:
            writeIdentifiers(p, into: &o)
            if !props.object.isEmpty { o.appendNew("user_properties", .object(props.object)) }
            if !p.computations.isEmpty {
                o.appendNew("computed_properties", .object(p.computations))
            }
            if !p.cohorts.isEmpty { o.appendNew("cohort_ids", .array(p.cohorts.map { .string($0) })) }
            if !p.recommendations.isEmpty { o.appendNew("recommendations", recommendations(p.recommendations, &notes)) }
            if let id = p.amplitudeId { o.appendNew("amplitude_id", .number(JSONNumber(id))) }
        }
        writeVendorExtras(p, into: &o, &notes)
        if !p.customAttributeOps.isEmpty { notes.unmap("custom_attribute_ops") }
        return o
    }

    private func writeIdentifiers(_ p: Profile, into o: inout JSONObject) {
        if let id = p.externalId { o.appendNew("user_id", .string(id)) }
        if let id = p.deviceId { o.appendNew("device_id", .string(id)) }
    }

    /// `userData` keys the reader gives a meaning of their own: an extra under one of these
    /// names (possible only from `profile` input) would come back as something else.
    static let readKeys = TaggedKeys([
        "user_id", "device_id", "amplitude_id", "amp_props", "user_properties", "computed_properties",
        "cohort_ids", "recommendations",
    ])

    /// `vendor_extras.amplitude` back into `userData`; other vendors' extras have no place.
    private func writeVendorExtras(_ p: Profile, into o: inout JSONObject, _ notes: inout Notes) {
        for (vendor, extras) in p.vendorExtras.entries {
            guard vendor == "amplitude", case .object(let fields) = extras else {
                if case .object(let fields) = extras {
                    for key in fields.keys { notes.unmap("vendor_extras.\(vendor).\(key)") }
                } else {
                    notes.unmap("vendor_extras.\(vendor)")
                }
                continue
            }
            for (key, value) in fields.entries {
                if Self.readKeys.contains(key) || o.index(of: key) != nil {
                    notes.unmap("vendor_extras.amplitude.\(key)")
                } else {
                    o.appendNew(key, value)
                }
            }
        }
    }

    /// Recommendation keys the reader maps to fields: an extra under one of them would come
    /// back as that field.
    static let recommendationKeys = TaggedKeys([
        "rec_id", "child_rec_id", "items", "child_ids", "is_control", "recommendation_source",
        "recommendation_type", "last_updated",
    ])

    /// the Amplitude profile API document's objects (`items`, `recommendation_source`) or the Amplitude profile OpenAPI document's
    /// (`child_ids`, `recommendation_type`), then the recommendation's other keys.
    private func recommendations(_ recs: [Recommendation], _ notes: inout Notes) -> JSONValue {
        let openapi = shape == .openapi
        return .array(recs.map { r in
            var o = openapi ? r.mappedObject(itemsKey: "child_ids", sourceKey: "recommendation_type") : r.mappedObject()
            for (key, value) in r.extras.entries {
                if Self.recommendationKeys.contains(key) {
                    notes.unmap("recommendations.\(key)")
                } else {
                    o.appendNew(key, value)
                }
            }
            return .object(o)
        })
    }
}
