import JSON
/// A table of three-letter lower-case ASCII words (month, weekday and zone names) held in one
/// static string, so that looking a word up neither allocates nor builds strings.
struct Words3: Sendable {
    private let table: StaticString

    init(_ table: StaticString) { self.table = table }

    /// The position of a word packed by `DateCursor.word3()`, or nil.
    func index(of packed: UInt32) -> Int? {
        table.withUTF8Buffer { b in
            var i = 0
            while i + 3 <= b.count {
                if UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) == packed { return i / 3 }
                i += 3
            }
            return nil
        }
    }
}
