import Foundation
import Testing

/// What the README's man page and completion commands rely on: swift-argument-parser's
/// `generate-manual` plugin renders `etl --experimental-dump-help`, and
/// `--generate-completion-script` writes each shell's script. Both come from the same command
/// definitions, so a new option shows up in both without anyone editing them.
@Suite struct ShellIntegrationTests {
    static let subcommands = ["convert", "validate", "formats", "generate"]

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScript(_ shell: String) throws {
        let run = try ETLBinary.run(["--generate-completion-script", shell], in: ETLBinary.repository)
        #expect(run.status == 0)
        let script = String(decoding: run.stdout, as: UTF8.self)
        for name in Self.subcommands + ["input-container", "braze-app-ids", "default-region"] {
            #expect(script.contains(name), "\(shell) completion lacks \(name)")
        }
    }

    /// The manual generator's input: every subcommand with its abstract and options.
    @Test func helpDumpForTheManPage() throws {
        let run = try ETLBinary.run(["--experimental-dump-help"], in: ETLBinary.repository)
        #expect(run.status == 0)
        let dump = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout)) as? [String: Any])
        let command = try #require(dump["command"] as? [String: Any])
        #expect(command["commandName"] as? String == "etl")
        let subcommands = try #require(command["subcommands"] as? [[String: Any]])
        let names = subcommands.compactMap { $0["commandName"] as? String }
        #expect(Set(Self.subcommands).isSubset(of: Set(names)))
        for sub in subcommands where Self.subcommands.contains(sub["commandName"] as? String ?? "") {
            #expect(!((sub["abstract"] as? String) ?? "").isEmpty)
            let arguments = (sub["arguments"] as? [[String: Any]]) ?? []
            #expect(arguments.allSatisfy { ($0["abstract"] as? String)?.isEmpty == false || ($0["shouldDisplay"] as? Bool) == false })
        }
    }
}
