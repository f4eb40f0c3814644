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

    @Test func everyReadableOrWritableFormatHasATable() {
        for f in Format.allCases where f.canRead || f.canWrite { #expect(!f.fields.isEmpty, "\(f.rawValue)") }
    }
}
