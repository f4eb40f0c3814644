/// Ends a delivery at once: the vendor refused the key (401 or 403). The run exits 77; no
/// further request is started, batches in flight stay `sent` in the ledger and go again next run.
public enum DeliveryStop: Error, Sendable, Equatable, CustomStringConvertible {
    /// `message` is the vendor's, with the key masked should the vendor echo it.
    case unauthorized(status: Int, message: String)

    public var description: String {
        switch self {
        case .unauthorized(let status, let message):
            let detail = message.isEmpty ? "" : ": \(message)"
            return "the target refused the API key (HTTP \(status))\(detail)"
        }
    }
}
