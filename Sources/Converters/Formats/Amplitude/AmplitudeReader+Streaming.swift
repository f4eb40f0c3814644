import JSON
import Schemas

/// The hot path of an Amplitude source: the record's bytes read straight into the profile.
/// `{"userData": ...}`, `userData` and its properties object are never built as `JSONValue`
/// objects (a tree is built, walked and thrown away for every record otherwise); only the
/// values of their members are. Each member goes through the same functions as the tree
/// reader's, in the same order, so the profile and notes are the same.
///
/// Whatever the stream can't settle exactly as the tree does goes back to the tree reader
/// (nil): a repeated key anywhere, keys beside `userData` (they are noted before it), a
/// `userData` that is not an object, a recommendation not led by its `rec_id` (see
/// `streamRecommendations`), and any error (the tree parse reports it).
extension AmplitudeReader {
    public func readStreaming(_ bytes: UnsafeRawBufferPointer, parser: inout JSONParser, notes: inout Notes) -> Profile? {
        var profile = Profile()
        var extras = JSONObject()
        var complete = false
        do throws(JSONParseError) {
            try parser.withCursor(bytes) { c throws(JSONParseError) in
                c.skipWhitespace()
                var sawUser = false
                try c.streamObject { c, key throws(JSONParseError) in
                    guard key == "userData", c.at(UInt8(ascii: "{")) else { throw JSONParser.Cursor.streamedDuplicate }
                    sawUser = true
                    try c.streamObject { c, key throws(JSONParseError) in
                        switch key {
                        case "amp_props" where c.at(UInt8(ascii: "{")), "user_properties" where c.at(UInt8(ascii: "{")):
                            // As `readProperties`; the count is not known ahead, so room for a
                            // typical record's properties.
                            let fresh = profile.customAttributes.isEmpty
                            if fresh { profile.customAttributes.reserveCapacity(32) }
                            try c.streamObject { c, name throws(JSONParseError) in
                                readProperty(name, try c.value(), fresh: fresh, into: &profile, &notes)
                            }
                        case "cohort_ids" where c.at(UInt8(ascii: "[")):
                            // As `cohorts`.
                            var cohorts: [String] = []
                            try c.streamArray { c throws(JSONParseError) in
                                if let text = FieldValue.text(try c.value(), "cohorts", &notes) { cohorts.append(text) }
                            }
                            profile.cohorts = cohorts
                        case "recommendations" where c.at(UInt8(ascii: "[")):
                            profile.recommendations = try Self.streamRecommendations(&c, &notes)
                        default:
                            readUserField(key, try c.value(), into: &profile, extras: &extras, &notes)
                        }
                    }
                }
                complete = sawUser && c.atEnd() && c.duplicateKeys.isEmpty
            }
        } catch {
            return nil
        }
        guard complete else { return nil }
        if !extras.isEmpty { profile.vendorExtras["amplitude"] = .object(extras) }
        return profile
    }

    /// As `recommendations`, for the usual shape: objects whose first key is a `rec_id` string
    /// that is not blank. Anything else throws, and the record is read as a tree: the tree
    /// reader notes a bad recommendation with its whole object, which a stream doesn't have.
    static func streamRecommendations(_ c: inout JSONParser.Cursor, _ notes: inout Notes) throws(JSONParseError) -> [Recommendation] {
        var result: [Recommendation] = []
        try c.streamArray { c throws(JSONParseError) in
            guard c.at(UInt8(ascii: "{")) else { throw JSONParser.Cursor.streamedDuplicate }
            // Not an optional: `&rec!` would copy the whole recommendation in and out per member.
            var rec = Recommendation(recId: "")
            var hasId = false
            try c.streamObject { c, key throws(JSONParseError) in
                if hasId {
                    readRecommendationField(key, try c.value(), into: &rec, &notes)
                } else {
                    guard key == "rec_id", case .string(let id) = try c.value(), !FieldText.trimmed(id).isEmpty else {
                        throw JSONParser.Cursor.streamedDuplicate
                    }
                    rec.recId = id
                    hasId = true
                }
            }
            guard hasId else { throw JSONParser.Cursor.streamedDuplicate }
            result.append(rec)
        }
        return result
    }
}
