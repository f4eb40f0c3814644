import Schemas

/// Why one record could not be converted at all. It goes to the rejects file with its bytes;
/// the run goes on.
public enum RejectCode: String, Sendable, CaseIterable {
    case invalidJSON = "invalid_json"
    case invalidUTF8 = "invalid_utf8"
    case nestingTooDeep = "nesting_too_deep"
    case recordTooLarge = "record_too_large"
    /// Valid JSON, but not a record of the input format (`userData` missing, not an object).
    case wrongShape = "wrong_shape"
    /// Nothing a Braze attributes object can be identified by.
    case noIdentifier = "no_identifier"
    /// Nothing an Audience Manager user can be named by.
    case noUsername = "no_username"
}

public struct Reject: Error, Equatable, Sendable {
    public var code: RejectCode
    public var message: String
    public init(_ code: RejectCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// Reads one record's JSON value into the canonical profile.
public protocol ProfileReader: Sendable {
    func read(_ value: JSONValue, notes: inout Notes) throws(Reject) -> Profile
}

/// Writes profiles as records of one format. A writer may hold records back (a `/users/track`
/// body collects 75) and hands finished output values to the container.
public protocol ProfileWriter {
    /// Converts one profile; throws when the format cannot hold this record at all.
    mutating func write(_ profile: Profile, to out: inout ContainerWriter, notes: inout Notes) throws(Reject)
    /// Emits whatever is held back.
    mutating func finish(to out: inout ContainerWriter)
}
