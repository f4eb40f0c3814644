import JSON
import Schemas

/// Why one record could not be converted at all. It goes to the rejects file with its bytes;
/// the run goes on. A struct rather than an enum so that `--strict` can reject a record under
/// the code of the warning that stopped it (`invalid_phone`).
public struct RejectCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let invalidJSON = RejectCode(rawValue: "invalid_json")
    public static let invalidUTF8 = RejectCode(rawValue: "invalid_utf8")
    public static let nestingTooDeep = RejectCode(rawValue: "nesting_too_deep")
    public static let recordTooLarge = RejectCode(rawValue: "record_too_large")
    /// An XML record element that breaks the JSON mapping (`XMLMapping`).
    public static let invalidXML = RejectCode(rawValue: "invalid_xml")
    /// Valid JSON, but not shaped as a record of the input format must be (not an object,
    /// `userData` not an object, a profile member of the wrong type).
    public static let wrongShape = RejectCode(rawValue: "wrong_shape")
    /// An object in which the input format's reader finds no key of its own: another
    /// format's record, or an error body. Never written as an almost empty record.
    public static let wrongFormat = RejectCode(rawValue: "wrong_format")
    /// Nothing a Braze attributes object can be identified by.
    public static let noIdentifier = RejectCode(rawValue: "no_identifier")
    /// Nothing an Audience Manager user can be named by.
    public static let noUsername = RejectCode(rawValue: "no_username")
    /// `--strict`: the record would have been written with this warning.
    public static func strict(_ warning: WarningCode) -> RejectCode { RejectCode(rawValue: warning.rawValue) }
}

public struct Reject: Error, Equatable, Sendable {
    public var code: RejectCode
    public var message: String
    public init(_ code: RejectCode, _ message: String) {
        self.code = code
        self.message = message
    }
}
