import Foundation
import Testing

/// Golden files: compared byte for byte. With `ETL_RECORD=1` in the environment a missing or
/// different file is written anew and the test fails, so a person reviews the diff; CI never
/// sets it.
enum Golden {
    /// `Tests/GoldenFiles`, from this file's place in `Tests/ConverterTests/Support/`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GoldenFiles")

    static var recording: Bool { ProcessInfo.processInfo.environment["ETL_RECORD"] == "1" }

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relative)))
    }

    /// Compares `actual` with the golden file, recording it when asked.
    static func check(_ actual: [UInt8], _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = url(relative)
        let expected = try? Data(contentsOf: file)
        if expected.map({ [UInt8]($0) }) == actual { return }
        if recording {
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual).write(to: file)
            Issue.record("recorded \(relative): review the diff and run again", sourceLocation: sourceLocation)
            return
        }
        guard let expected else {
            Issue.record("missing golden file \(relative); run with ETL_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        Issue.record(
            "\(relative) differs at \(firstDifference([UInt8](expected), actual)):\n--- expected\n\(excerpt([UInt8](expected), actual))",
            sourceLocation: sourceLocation)
    }

    static func check(_ actual: String, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(Array(actual.utf8), relative, sourceLocation: sourceLocation)
    }

    private static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        var line = 1
        for i in 0..<min(a.count, b.count) {
            if a[i] != b[i] { return "line \(line), byte \(i)" }
            if a[i] == UInt8(ascii: "\n") { line += 1 }
        }
        return "byte \(min(a.count, b.count)) (lengths \(a.count) and \(b.count))"
    }

    private static func excerpt(_ expected: [UInt8], _ actual: [UInt8]) -> String {
        let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let i = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        return "\(i < e.count ? String(e[i].prefix(600)) : "<end>")\n--- actual\n\(i < a.count ? String(a[i].prefix(600)) : "<end>")"
    }

    /// The timing part of the summary depends on the machine.
    static func normalisedStderr(_ bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let pattern = try? NSRegularExpression(pattern: #" in [0-9.]+ s \([^)]*\)"#)
        let range = NSRange(text.startIndex..., in: text)
        let out = pattern?.stringByReplacingMatches(in: text, range: range, withTemplate: " in <time>") ?? text
        return Array(out.utf8)
    }

    /// A report's time, timings and run id depend on the run, not on the input.
    static func normalisedReport(_ bytes: [UInt8]) -> [UInt8] {
        var text = String(decoding: bytes, as: UTF8.self)
        let replacements = [
            (#""seconds": [0-9.]+"#, #""seconds": 0"#),
            (#""run_id": "[0-9a-f-]{36}""#, #""run_id": "<run id>""#),
            (#""(started_at|finished_at)": "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z""#, #""$1": "<time>""#),
        ]
        for (pattern, template) in replacements {
            let regex = try? NSRegularExpression(pattern: pattern)
            let range = NSRange(text.startIndex..., in: text)
            text = regex?.stringByReplacingMatches(in: text, range: range, withTemplate: template) ?? text
        }
        return Array(text.utf8)
    }
}
