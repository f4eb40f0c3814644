import JSON
import Schemas

/// What a writer is told by the command line.
public struct WriterOptions: Sendable {
    public var limits = Limits()
    /// `--amplitude-shape`: which of the two documented response shapes `amplitude` writes.
    public var amplitudeShape = AmplitudeShape.main
    /// `--braze-app-ids`: Braze app name -> app id, for export-shaped push tokens.
    public var brazeAppIds: BrazeAppIds?

    public init(limits: Limits = Limits()) { self.limits = limits }
}

/// The two shapes of an Amplitude User Profile API response: the Amplitude profile API document's (`amp_props`) and
/// the OpenAPI document's (`user_properties`, `computed_properties`).
public enum AmplitudeShape: String, CaseIterable, Sendable {
    case main, openapi
}
