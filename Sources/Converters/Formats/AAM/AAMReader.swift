import JSON
import Schemas

/// Reads Audience Manager user objects of `/api/v1/users` (AAM user API document). AAM users are the
/// operators of an Audience Manager account (people who log in to it), not end customers.
/// Known keys go through `AAMFields`; every other key is kept in `vendor_extras.aam` so that
/// an aam -> aam conversion loses nothing.
public struct AAMReader: FormatReader {
    public init() {}

    public func read(_ value: JSONValue, notes: inout Notes) throws(Reject) -> Profile {
        guard case .object(let user) = value else {
            throw Reject(.wrongShape, "expected an Audience Manager user object, found \(value.typeName)")
        }
        var profile = Profile()
        var extras = JSONObject()
        var known = false
        for (key, v) in user.entries {
            if let field = AAMFields.table.row(forKey: key)?.member {
                field.read(v, into: &profile, &notes)
                // `email` is spelled alike in every vendor's records: it says nothing about
                // whose record this is (a Braze export user has one too).
                if field != .email || key != "email" { known = true }
            } else {
                extras.appendNew(key, v)
            }
        }
        // An object with none of the user keys is another format's record (or an error body),
        // not a user with nothing but extras.
        guard known else {
            throw Reject.wrongFormat("an Audience Manager user", expected: "username, userId, pid, firstName, ...", keys: user.keys)
        }
        // The mapping (README, Mapping): username is also external_id "when no other id exists". The profile's other
        // external ids (braze_id, amplitude_id, device_id, aliases) cannot come from an AAM
        // record, and userId/pid are AAM's own numbers, so the username always carries over.
        if profile.externalId == nil { profile.externalId = profile.username }
        if !extras.isEmpty { profile.vendorExtras["aam"] = .object(extras) }
        return profile
    }
}
