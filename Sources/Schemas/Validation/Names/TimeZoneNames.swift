import JSON
/// The time zone names, parsed once from the generated `TimeZoneTable`.
struct TimeZoneNames: Sendable {
    static let shared = TimeZoneNames()

    /// IANA names as written in the tz database: zones and backward-compatible links.
    let iana: Set<String>
    /// ASCII-lower-cased IANA and Rails names to the name to write. An IANA name wins over a
    /// Rails name that folds to the same key (`UTC`, `Singapore`): a valid name is kept.
    let folded: [String: String]

    init() {
        var iana = Set<String>()
        var folded: [String: String] = [:]
        for line in TimeZoneTable.names.split(separator: "\n") {
            let name = String(line)
            iana.insert(name)
            folded[FieldText.asciiLowercased(name)] = name
        }
        for line in TimeZoneTable.rails.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { preconditionFailure("bad Rails zone line: \(line)") }
            let key = FieldText.asciiLowercased(String(line[..<eq]))
            if folded[key] == nil { folded[key] = String(line[line.index(after: eq)...]) }
        }
        self.iana = iana
        self.folded = folded
    }
}
