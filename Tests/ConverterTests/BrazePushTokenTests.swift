import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// Braze export push tokens name their app; `/users/track` needs its id (`--braze-app-ids`).
@Suite struct BrazePushTokenTests {
    static let input = "writers/push-tokens/profiles.ndjson"

    static func appIds() throws -> BrazeAppIds {
        try BrazeAppIds.load(path: Golden.url("writers/push-tokens/app-ids.json").path)
    }

    @Test(arguments: [Format.brazeAttributes, .brazeTrack])
    func withoutAppIdsExportTokensAreLeftOutAndCounted(_ format: Format) throws {
        var writer = format.makeWriter(WriterOptions())
        try GoldenRecords.checkWriter(&writer, "writers/push-tokens/\(format.rawValue)", input: Self.input)
    }

    @Test(arguments: [Format.brazeAttributes, .brazeTrack])
    func withAppIdsExportTokensGetTheirAppId(_ format: Format) throws {
        var options = WriterOptions()
        options.brazeAppIds = try Self.appIds()
        var writer = format.makeWriter(options)
        try GoldenRecords.checkWriter(&writer, "writers/push-tokens/\(format.rawValue)-app-ids", input: Self.input)
    }

    @Test func theTableFile() throws {
        #expect(try Self.appIds() == BrazeAppIds(["MovieCanon": "5f3b2c1a-0000-4000-8000-00000000c0de"]))
        let folder = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(String, String)] = [
            ("[\"a\"]", "not a JSON object"),
            ("{\"a\": 1}", "the app id of \"a\" is not a non-empty string"),
            ("{\"a\": \" \"}", "the app id of \"a\" is not a non-empty string"),
            ("{\"a\": ", "not JSON"),
        ]
        for (i, (text, reason)) in cases.enumerated() {
            let path = folder.appendingPathComponent("ids\(i).json").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            #expect {
                _ = try BrazeAppIds.load(path: path)
            } throws: { error in
                guard case .invalid(let p, let r)? = error as? BrazeAppIds.LoadError else { return false }
                return p == path && r.hasPrefix(reason)
            }
        }
        let missing = folder.appendingPathComponent("missing.json").path
        #expect(throws: BrazeAppIds.LoadError.self) { _ = try BrazeAppIds.load(path: missing) }
    }
}
