import JSON
import Schemas

/// Reads one record's JSON value into the canonical profile.
public protocol FormatReader: Sendable {
    func read(_ value: JSONValue, notes: inout Notes) throws(Reject) -> Profile
}
