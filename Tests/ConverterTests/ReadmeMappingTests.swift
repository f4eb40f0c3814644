import Foundation
import Testing

@testable import Converters
import JSON

/// The mapping tables in docs/MAPPING.md (moved there from the README, which links to them) are
/// the output of `etl formats --markdown`, never hand-written.
@Suite struct ReadmeMappingTests {
    static let begin = "<!-- mapping:begin -->\n"
    static let end = "<!-- mapping:end -->"

    @Test func readmeShowsTheFormatTables() throws {
        let url = ETLBinary.repository.appendingPathComponent("docs/MAPPING.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(readme.range(of: Self.begin))
        let stop = try #require(readme.range(of: Self.end, range: start.upperBound..<readme.endIndex))
        let expected = FormatDocs.markdown()
        let actual = String(readme[start.upperBound..<stop.lowerBound])
        if actual != expected, Golden.recording {
            try (readme[..<start.upperBound] + expected + readme[stop.lowerBound...]).write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(actual == expected, "docs/MAPPING.md tables differ from `etl formats --markdown`; run ETL_RECORD=1 swift test")
    }

    /// Each format has rows, no row twice (a key may hold two members: AAM's `username`), and
    /// a place in the Markdown the README holds.
    @Test(arguments: Format.allCases)
    func everyFormatHasATable(_ format: Format) {
        let rows = format.fields.map { "\($0.key) -> \($0.profileName)" }
        #expect(!rows.isEmpty)
        #expect(Set(rows).count == rows.count, "a row twice")
        #expect(FormatDocs.markdown().contains("**`\(format.rawValue)`**"))
    }
}
