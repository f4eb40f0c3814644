import Foundation
import JSON
import Schemas

/// Braze app names -> app ids (`--braze-app-ids FILE`). A Braze export names a push token's
/// app (`"app": "MovieCanon"`) while `/users/track` wants the app's API identifier (`app_id`),
/// which only the workspace's settings show: without this table such tokens cannot be written.
///
/// The file is one JSON object of strings, `{"MovieCanon": "5f3b2c1a-..."}`: app names may hold
/// any character, which JSON quotes without a convention of its own.
public struct BrazeAppIds: Sendable, Equatable {
    public private(set) var ids: [String: String]

    public init(_ ids: [String: String]) { self.ids = ids }

    public func appId(forName name: String) -> String? { ids[name] }

    /// Why a table file was refused; each message names the file.
    public enum LoadError: Error, Equatable {
        case unreadable(path: String, reason: String)
        case invalid(path: String, reason: String)

        public var message: String {
            switch self {
            case .unreadable(let path, let reason): "--braze-app-ids \(path): cannot read it: \(reason)"
            case .invalid(let path, let reason): "--braze-app-ids \(path): \(reason); expected one JSON object of app name -> app id strings"
            }
        }
    }

    /// At most this many bytes: an app table is a few lines, anything larger is the wrong file.
    public static let maxFileBytes = 1 << 20

    public static func load(path: String) throws(LoadError) -> BrazeAppIds {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard data.count <= maxFileBytes else { throw .invalid(path: path, reason: "over \(maxFileBytes) bytes") }
        var parser = JSONParser()
        // Typed throws do not pass through withUnsafeBytes: carry the result out by hand.
        let parsed = [UInt8](data).withUnsafeBytes { bytes -> Result<JSONValue, JSONParseError> in
            do throws(JSONParseError) { return .success(try parser.parse(bytes)) } catch { return .failure(error) }
        }
        let value: JSONValue
        switch parsed {
        case .success(let v): value = v
        case .failure(let error): throw .invalid(path: path, reason: "not JSON (\(error.message) at byte \(error.offset))")
        }
        guard case .object(let object) = value else { throw .invalid(path: path, reason: "not a JSON object") }
        var ids: [String: String] = [:]
        for (name, id) in object.entries {
            guard case .string(let text) = id, !FieldText.trimmed(text).isEmpty else {
                throw .invalid(path: path, reason: "the app id of \"\(name)\" is not a non-empty string")
            }
            ids[name] = text
        }
        return BrazeAppIds(ids)
    }
}
