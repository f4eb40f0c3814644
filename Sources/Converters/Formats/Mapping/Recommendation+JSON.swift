import JSON
import Schemas

/// A recommendation's members written once for every writer: the `profile` and `amplitude`
/// writers write the object, the Braze writers keep its items only and count the rest.
extension Recommendation {
    /// The mapped members as an object, in the Amplitude User Profile API's order: `rec_id`, `child_rec_id`, the
    /// items, `is_control`, the source, `last_updated`. The OpenAPI shape names the items
    /// `child_ids` and the source `recommendation_type`. `extras` are the caller's to add.
    func mappedObject(itemsKey: String = "items", sourceKey: String = "recommendation_source") -> JSONObject {
        var o: JSONObject = ["rec_id": .string(recId)]
        if let c = childRecId { o.appendNew("child_rec_id", .string(c)) }
        o.appendNew(itemsKey, .array(items))
        if let c = isControl { o.appendNew("is_control", .bool(c)) }
        if let s = recommendationSource { o.appendNew(sourceKey, .string(s)) }
        if let u = lastUpdated { o.appendNew("last_updated", u) }
        return o
    }

    /// Counts every member but the id and the items as unmapped: a Braze custom attribute
    /// `rec_<rec_id>` holds the items only.
    func unmapAllButItems(_ notes: inout Notes) {
        if childRecId != nil { notes.unmap("recommendations.child_rec_id") }
        if isControl != nil { notes.unmap("recommendations.is_control") }
        if recommendationSource != nil { notes.unmap("recommendations.recommendation_source") }
        if lastUpdated != nil { notes.unmap("recommendations.last_updated") }
        for key in extras.keys { notes.unmap("recommendations.\(key)") }
    }
}
