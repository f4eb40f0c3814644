import JSON
import Schemas

/// Reads one record's JSON value into the canonical profile.
public protocol FormatReader: Sendable {
    func read(_ value: JSONValue, notes: inout Notes) throws(Reject) -> Profile

    /// Reads the record straight from its bytes, without a `JSONValue` tree, when that gives
    /// exactly what parsing and `read(_:notes:)` give; nil when the record needs the tree
    /// (the caller then clears `notes` and reads it so). Default: always nil.
    func readStreaming(_ bytes: UnsafeRawBufferPointer, parser: inout JSONParser, notes: inout Notes) -> Profile?
}

extension FormatReader {
    public func readStreaming(_ bytes: UnsafeRawBufferPointer, parser: inout JSONParser, notes: inout Notes) -> Profile? {
        nil
    }
}

extension Reject {
    /// `wrong_format`: an object with none of the keys the input format defines, named with
    /// the keys it does have so the message shows whose record it is.
    static func wrongFormat(_ what: String, expected: String, keys: some Sequence<String>) -> Reject {
        let all = Array(keys)
        var found = all.prefix(4).map { WarningText.quoted(.string($0)) }.joined(separator: ", ")
        if all.count > 4 { found += " and \(all.count - 4) more" }
        return Reject(.wrongFormat, "not \(what) (no \(expected)); keys: \(all.isEmpty ? "none" : found)")
    }
}
