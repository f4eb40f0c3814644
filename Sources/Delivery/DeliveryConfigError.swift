/// A delivery that cannot start: refused by `Sender.init`, before any request.
public enum DeliveryConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The endpoint is not an absolute http(s) URL with a host.
    case invalidEndpoint(String)
    /// Plain http to a host that is not a loopback address: the key would travel in clear.
    case insecureEndpoint(String)
    /// The key is empty or holds characters that cannot go into a header.
    case invalidKey(String)
    /// A numeric setting out of range: the setting's name and what it must be.
    case invalidSetting(String, String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let url):
            return "endpoint '\(url)' is not an http(s) URL with a host"
        case .insecureEndpoint(let url):
            return "endpoint '\(url)' must use https (plain http only to 127.0.0.1, ::1 or localhost)"
        case .invalidKey(let why):
            return "the API key \(why)"
        case .invalidSetting(let name, let rule):
            return "\(name) must be \(rule)"
        }
    }
}
