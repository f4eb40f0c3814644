import JSON
import Schemas

/// The record formats `etl` knows: a table from name to reader and writer, so that nothing
/// else switches on format names (pandoc's `Readers.hs`).
public enum Format: String, CaseIterable, Sendable {
    case amplitude
    case brazeExport = "braze-export"
    case brazeAttributes = "braze-attributes"
    case brazeTrack = "braze-track"
    case aam
    case profile

    public var summary: String {
        switch self {
        case .amplitude: "Amplitude User Profile API response, {\"userData\": {...}}"
        case .brazeExport: "Braze /users/export/ids user object (users[] item)"
        case .brazeAttributes: "Braze /users/track user attributes object"
        case .brazeTrack: "Braze /users/track request body, {\"attributes\": [<= 75 objects]}"
        case .aam: "Adobe Audience Manager user object (operators of an AAM account)"
        case .profile: "etl's canonical profile as JSON, for debugging and golden tests"
        }
    }

    /// The reader of this format; every format has one.
    public func makeReader() -> any FormatReader {
        switch self {
        case .amplitude: AmplitudeReader()
        case .aam: AAMReader()
        case .brazeExport: BrazeExportReader()
        // A track body's `attributes` array is unwrapped by the framer: its records are
        // attributes objects either way.
        case .brazeAttributes, .brazeTrack: BrazeAttributesReader()
        case .profile: ProfileFormatReader()
        }
    }

    /// The writer of this format; every format has one.
    public func makeWriter(_ options: WriterOptions) -> any FormatWriter {
        switch self {
        case .amplitude: AmplitudeWriter(shape: options.amplitudeShape)
        case .brazeAttributes: BrazeAttributesWriter(limits: options.limits, appIds: options.brazeAppIds)
        case .brazeTrack: BrazeTrackWriter(limits: options.limits, appIds: options.brazeAppIds)
        case .aam: AAMWriter()
        case .brazeExport: BrazeExportWriter()
        case .profile: ProfileFormatWriter()
        }
    }

    /// The format's mapping table: what `etl formats --fields` prints and the README shows.
    public var fields: [FieldRow] {
        switch self {
        case .amplitude: AmplitudeFields.rows
        case .brazeExport: BrazeExportFields.rows
        case .brazeAttributes, .brazeTrack: BrazeAttributesFields.rows
        case .aam: AAMFields.rows
        case .profile: ProfileFields.rows
        }
    }

    /// The format an input's container implies, if any: a Braze export response holds
    /// export users, a track body holds attributes objects.
    static func implied(by container: Container) -> Format? {
        switch container {
        case .usersEnvelope: .brazeExport
        case .attributesEnvelope: .brazeAttributes
        case .ndjson, .json, .concat, .xml: nil
        }
    }

    /// Guesses the format from one record; nil when the shape does not say.
    static func detect(from record: JSONValue) -> Format? {
        guard case .object(let o) = record else { return nil }
        if o["userData"] != nil { return .amplitude }
        if BrazeExportFields.looksLikeExportUser(o) { return .brazeExport }
        return nil
    }
}
