import JSON
import Schemas

/// One row of a format's mapping table: a key of the vendor's record, the profile member it
/// holds, which way the row works, and a note for what a plain copy does not say. Readers and
/// writers walk their format's rows for plain fields; `etl formats --fields` prints the same
/// rows, and docs/MAPPING.md's tables are generated from that output, so the
/// documentation is the table the code runs on.
public struct FieldRow: Sendable {
    public enum Direction: String, Sendable {
        case both = "read, write"
        case read = "read"
        case write = "write"
    }

    /// The vendor's key; a dotted path (`apps[].first_used`) for rows that are not a top-level key.
    public let key: String
    /// nil: the row has no canonical home (kept in `vendor_extras`, or described by the note).
    let member: ProfileField?
    public let direction: Direction
    /// Other spellings read as this row (`firstName` for `first_name`).
    public let aliases: [String]
    public let note: String

    init(_ key: String, _ member: ProfileField?, _ direction: Direction = .both, aliases: [String] = [], note: String = "") {
        self.key = key
        self.member = member
        self.direction = direction
        self.aliases = aliases
        self.note = note
    }

    /// The key with the other spellings read as it: `first_name / firstName`.
    public var displayKey: String { ([key] + aliases).joined(separator: " / ") }

    /// The profile member's name in the `profile` format, or `-`.
    public var profileName: String { member?.rawValue ?? "-" }
    public var reads: Bool { direction != .write }
    public var writes: Bool { direction != .read }
}

/// A format's rows with a fast lookup from a record key to the row that reads it.
struct FieldTable: Sendable {
    let rows: [FieldRow]
    private let readKeys: TaggedKeys
    private let readRows: [Int]

    /// `prefix`: rows under it (`amp_props.`) are looked up by the rest of their key; other
    /// rows are not looked up.
    init(_ rows: [FieldRow], under prefix: String = "") {
        self.rows = rows
        var keys: [String] = []
        var index: [Int] = []
        for (i, row) in rows.enumerated() where row.reads && row.key.hasPrefix(prefix) {
            let local = String(row.key.dropFirst(prefix.count))
            // Dotted paths and `*` rows are read by code of their own; the table documents them.
            guard !local.contains(".") && !local.contains("[") && !local.contains("*") else { continue }
            for key in [local] + row.aliases {
                keys.append(key)
                index.append(i)
            }
        }
        readKeys = TaggedKeys(keys)
        readRows = index
    }

    /// The row reading this top-level key, if any.
    func row(forKey key: String) -> FieldRow? {
        readKeys.index(of: key, tag: KeyTag(key)).map { rows[readRows[$0]] }
    }

    /// Rows a writer writes as plain copies, in output order.
    var written: [FieldRow] {
        rows.filter { $0.writes && $0.member != nil && !$0.key.contains(".") && !$0.key.contains("*") }
    }
}
