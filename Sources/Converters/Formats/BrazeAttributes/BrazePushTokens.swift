import JSON
import Schemas

/// `push_tokens` for a `/users/track` attributes object. The track document's token is
/// `{"app_id", "token", "device_id"}`; a Braze export's is `{"app", "platform", "token",
/// "device_id", "notifications_enabled"}`, naming the app rather than identifying it, and Braze
/// refuses it. Track-shaped tokens are written as they are; export-shaped ones only with the
/// app's id from `--braze-app-ids`, else left out and counted as unmapped `push_tokens`.
struct BrazePushTokens {
    let appIds: BrazeAppIds?

    /// The tokens to write, or nil when none can be. Notes count each token left out under
    /// `push_tokens`, and each export-only member of a converted token under
    /// `push_tokens.<key>` (`platform`, `notifications_enabled`).
    func writable(_ value: JSONValue, _ notes: inout Notes) -> JSONValue? {
        guard case .array(let items) = value else {
            notes.unmap("push_tokens")
            return nil
        }
        var tokens: [JSONValue] = []
        for item in items {
            if let token = converted(item, &notes) {
                tokens.append(token)
            } else {
                notes.unmap("push_tokens")
            }
        }
        return tokens.isEmpty ? nil : .array(tokens)
    }

    /// Whether at least one token would be written (an anonymous token import needs one).
    func hasWritable(_ value: JSONValue?) -> Bool {
        guard let value else { return false }
        var scratch = Notes()
        return writable(value, &scratch) != nil
    }

    private func converted(_ item: JSONValue, _ notes: inout Notes) -> JSONValue? {
        guard case .object(let o) = item, case .string(let token)? = o["token"] else { return nil }
        if o["app_id"] != nil { return item }
        guard case .string(let app)? = o["app"], let appId = appIds?.appId(forName: app) else { return nil }
        var out: JSONObject = ["app_id": .string(appId), "token": .string(token)]
        if case .string(let device)? = o["device_id"] { out.appendNew("device_id", .string(device)) }
        for key in o.keys where key != "app" && key != "token" && key != "device_id" {
            notes.unmap("push_tokens.\(key)")
        }
        return .object(out)
    }
}
