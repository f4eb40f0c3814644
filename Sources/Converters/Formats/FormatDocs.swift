import JSON
/// The mapping reference, made from the formats' own tables: `etl formats --fields` prints the
/// text form and docs/MAPPING.md's tables are the Markdown form (a test keeps them equal).
public enum FormatDocs {
    public static func text(_ formats: [Format] = Format.allCases) -> String {
        var out = ""
        for f in formats {
            out += "\(f.rawValue): \(f.summary)\n"
            let rows = f.fields
            let keyWidth = min(40, rows.map(\.displayKey.count).max() ?? 0)
            for row in rows {
                let key = row.displayKey.padding(toLength: max(keyWidth, row.displayKey.count), withPad: " ", startingAt: 0)
                let member = row.profileName.padding(toLength: 20, withPad: " ", startingAt: 0)
                let way = row.direction.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                out += "  \(key)  \(member)  \(way)  \(row.note)".trimmingTrailingSpaces() + "\n"
            }
            out += "\n"
        }
        return out
    }

    public static func markdown(_ formats: [Format] = Format.allCases) -> String {
        var out = ""
        for (i, f) in formats.enumerated() where !f.fields.isEmpty {
            out += "**`\(f.rawValue)`**: \(f.summary.replacingPipes())"
            if let same = formats[..<i].first(where: { $0.fields.map(\.key) == f.fields.map(\.key) }) {
                out += ". The same rows as `\(same.rawValue)`.\n\n"
                continue
            }
            out += "\n\n"
            out += "| key | profile | way | note |\n| --- | --- | --- | --- |\n"
            for row in f.fields {
                out += "| `\(row.displayKey.replacingPipes())` | `\(row.profileName)` | \(row.direction.rawValue) | \(row.note.replacingPipes()) |\n"
            }
            out += "\n"
        }
        return out
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

    fileprivate func replacingPipes() -> String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
