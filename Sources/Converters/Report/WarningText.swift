import JSON
import Schemas

/// How a warning's offending value is shown: its text (a string's characters, any other value
/// as compact JSON), cut to `limit` characters with "…" after a cut, so that one huge value
/// cannot flood stderr, a rejects message or the `--warnings` file.
enum WarningText {
    static let limit = 80

    /// The value's text, cut: the `--warnings` file's `value`.
    static func value(_ v: JSONValue) -> String {
        let text: String
        if case .string(let s) = v {
            text = s
        } else {
            var bytes: [UInt8] = []
            JSONWriter.write(v, to: &bytes)
            text = String(decoding: bytes, as: UTF8.self)
        }
        // Cheap test first: at most `limit` UTF-8 bytes is at most `limit` characters.
        guard text.utf8.count > limit, text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    /// The `--warnings` file's `value`: a string cut to `limit` characters; any other value as
    /// itself when its JSON is that short, else its JSON text, cut, as a string.
    static func fileValue(_ v: JSONValue) -> JSONValue {
        if case .string = v { return .string(value(v)) }
        let text = value(v)
        return text.hasSuffix("…") ? .string(text) : v
    }

    /// The value for a one-line message, cut: a string quoted with control characters escaped
    /// (`"a\nb"`), as a JSON string is; any other value as its JSON text (`["a","b"]`, `null`),
    /// whose strings are escaped alike.
    static func quoted(_ v: JSONValue) -> String {
        guard case .string = v else { return value(v) }
        var bytes: [UInt8] = []
        JSONWriter.writeString(value(v), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `invalid_email (email: "ann@@example.com")`, or `code (field)` when no value is known.
    static func describe(_ w: Notes.Warning) -> String {
        guard let v = w.value else { return "\(w.code.rawValue) (\(w.field))" }
        return "\(w.code.rawValue) (\(w.field): \(quoted(v)))"
    }
}
