import Converters
import Foundation
@testable import Sync
import Testing

/// The job file: every key, its defaults, and each kind of error with the key and line it
/// names (exit 78 through the binary).
@Suite struct SyncJobTests {
    static let full = """
        name = "amplitude-to-braze"
        state = "state"
        [source]
        paths = ["in/*.ndjson.gz", "/abs/x.gz"]
        from = "amplitude"
        [target]
        kind = "braze"
        format = "braze-track"
        endpoint = "https://rest.iad-01.braze.com"
        api_key_env = "BRAZE_API_KEY"
        requests_per_second = 10
        batch_size = 50
        [delta]
        removed_attributes = "keep"
        [run]
        max_reject_ratio = 0.05
        deadline = "1h30m"
        keep_runs = 7
        """

    @Test func everyKeyIsRead() throws {
        let job = try SyncJob.parse(Self.full, file: "/etc/etl/job.toml")
        #expect(job.name == "amplitude-to-braze")
        #expect(job.state == "/etc/etl/state")
        #expect(job.sourcePaths == ["/etc/etl/in/*.ndjson.gz", "/abs/x.gz"])
        #expect(job.from == .amplitude)
        #expect(job.target.kind == .braze)
        #expect(job.target.format == .records(.brazeTrack))
        #expect(job.target.endpoint == "https://rest.iad-01.braze.com")
        #expect(job.target.apiKeyEnv == "BRAZE_API_KEY")
        #expect(job.target.requestsPerSecond == 10)
        #expect(job.target.batchSize == 50)
        #expect(job.removedAttributes == .keep)
        #expect(job.maxRejectRatio == 0.05)
        #expect(job.deadline == .seconds(5400))
        #expect(job.keepRuns == 7)
    }

    @Test func defaults() throws {
        let job = try SyncJob.parse("""
            name = "n"
            state = "/s"
            [source]
            paths = ["/in/*"]
            [target]
            kind = "amplitude"
            endpoint = "http://127.0.0.1:8080"
            api_key_env = "AMP_KEY"
            """, file: "/j.toml")
        #expect(job.from == nil)
        #expect(job.target.format == .identify)
        #expect(job.target.batchSize == 100)
        #expect(job.target.requestsPerSecond == 10)
        #expect(job.removedAttributes == .null)
        #expect(job.maxRejectRatio == 1)
        #expect(job.deadline == nil)
        #expect(job.keepRuns == 30)
    }

    static let base = """
        name = "n"
        state = "/s"
        [source]
        paths = ["/in/*"]
        [target]
        kind = "file"
        format = "braze-attributes"
        output = "/out"
        """

    /// One line changed or added, and the message expected (file:line: key ...).
    static let errors: [(String, String)] = [
        ("name = \"n\"\nstate = \"/s\"\n[source\n", "j.toml:3:"),
        (base + "\nfoo = 1", "j.toml:9: unknown key [target] foo"),
        (base.replacingOccurrences(of: "name = \"n\"", with: "nam = \"n\""), "unknown key nam"),
        (base.replacingOccurrences(of: "name = \"n\"\n", with: ""), "j.toml: name is required"),
        (base.replacingOccurrences(of: "name = \"n\"", with: "name = \"a b\""), "j.toml:1: name: must be"),
        (base.replacingOccurrences(of: "name = \"n\"", with: "name = 5"), "j.toml:1: name must be a string, not an integer"),
        (base.replacingOccurrences(of: "state = \"/s\"\n", with: ""), "state is required"),
        (base.replacingOccurrences(of: "paths = [\"/in/*\"]", with: "paths = \"/in/*\""), "j.toml:4: [source] paths must be an array"),
        (base.replacingOccurrences(of: "paths = [\"/in/*\"]", with: "paths = []"), "j.toml:4: [source] paths: needs at least one"),
        (base + "\n[source]\n", "not valid TOML"),
        (base.replacingOccurrences(of: "[source]", with: "[source]\nfrom = \"csv\""), "j.toml:4: [source] from: \"csv\" is not a format"),
        (base.replacingOccurrences(of: "kind = \"file\"", with: "kind = \"s3\""), "j.toml:6: [target] kind: must be file, braze or amplitude"),
        (base.replacingOccurrences(of: "format = \"braze-attributes\"", with: "format = \"xml\""), "j.toml:7: [target] format:"),
        (base.replacingOccurrences(of: "format = \"braze-attributes\"\n", with: ""), "[target] format (kind = file) is required"),
        (base.replacingOccurrences(of: "output = \"/out\"", with: "output = \"/out\"\nendpoint = \"https://x\""), "j.toml:9: [target] endpoint: applies to kind = braze or amplitude"),
        (base + "\nbatch_size = 76", "j.toml:9: [target] batch_size: must be 1 to 75"),
        (base + "\nbatch_size = \"75\"", "j.toml:9: [target] batch_size must be an integer, not a string"),
        (base + "\n[delta]\nremoved_attributes = \"unset\"", "j.toml:10: [delta] removed_attributes: must be \"null\" or \"keep\""),
        (base + "\n[run]\nmax_reject_ratio = 1.5", "j.toml:10: [run] max_reject_ratio: must be 0 to 1"),
        (base + "\n[run]\ndeadline = \"soon\"", "j.toml:10: [run] deadline: \"soon\" is not a duration"),
        (base + "\n[run]\ndeadline = \"30m1h\"", "[run] deadline"),
        (base + "\n[run]\nkeep_runs = 0", "j.toml:10: [run] keep_runs: must be 1 or more"),
        (base + "\n[run]\nretries = 3", "j.toml:10: unknown key [run] retries"),
        (base.replacingOccurrences(of: "[target]\nkind = \"file\"\nformat = \"braze-attributes\"\noutput = \"/out\"",
                                   with: "[target]\nkind = \"braze\"\nendpoint = \"https://x.example\""),
         "[target] api_key_env is required"),
        (base.replacingOccurrences(of: "[target]\nkind = \"file\"\nformat = \"braze-attributes\"\noutput = \"/out\"",
                                   with: "[target]\nkind = \"braze\"\nendpoint = \"ftp://x\"\napi_key_env = \"K\""),
         "j.toml:7: [target] endpoint: \"ftp://x\" is not an http(s) URL"),
        (base.replacingOccurrences(of: "[target]\nkind = \"file\"\nformat = \"braze-attributes\"\noutput = \"/out\"",
                                   with: "[target]\nkind = \"amplitude\"\nformat = \"braze-track\"\nendpoint = \"https://x\"\napi_key_env = \"K\""),
         "j.toml:7: [target] format: kind = amplitude sends identify objects"),
        (base.replacingOccurrences(of: "[target]\nkind = \"file\"\nformat = \"braze-attributes\"\noutput = \"/out\"",
                                   with: "[target]\nkind = \"braze\"\nendpoint = \"https://x\"\napi_key_env = \"K\"\nrequests_per_second = 0"),
         "j.toml:9: [target] requests_per_second: must be above 0"),
        (base.replacingOccurrences(of: "[target]\nkind = \"file\"\nformat = \"braze-attributes\"\noutput = \"/out\"",
                                   with: "[target]\nkind = \"braze\"\nendpoint = \"https://x\"\napi_key_env = \"K\"\noutput = \"/o\""),
         "j.toml:9: [target] output: applies to kind = file only"),
        ("name = \"n\"\nstate = \"/s\"\nsource = 3\n", "j.toml:3: source must be a table"),
    ]

    @Test(arguments: 0..<errors.count)
    func eachErrorNamesTheKeyAndLine(_ index: Int) {
        let (text, expected) = Self.errors[index]
        do {
            _ = try SyncJob.parse(text, file: "j.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func durations() {
        let cases: [(String, Int64?)] = [("50m", 3000), ("90s", 90), ("2h", 7200), ("1h30m", 5400), ("1h2m3s", 3723),
                                         ("", nil), ("m", nil), ("5", nil), ("0s", nil), ("1m1m", nil), ("3d", nil)]
        for (text, seconds) in cases {
            #expect(JobDuration.parse(text) == seconds.map { Duration.seconds($0) }, "\(text)")
        }
    }

    @Test func invalidJobExits78ThroughTheBinary() throws {
        let folder = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try (Self.base + "\nbatch_size = 0\n").write(to: folder.appendingPathComponent("job.toml"), atomically: true, encoding: .utf8)
        for command in ["plan", "run", "status", "reset"] {
            let run = try ETLBinary.run(["sync", command, "--job", "job.toml"], in: folder)
            #expect(run.status == 78, "\(command)")
            #expect(String(decoding: run.stderr, as: UTF8.self).contains("job.toml:9: [target] batch_size: must be 1 to 75"))
        }
        let missing = try ETLBinary.run(["sync", "run", "nowhere.toml"], in: folder)
        #expect(missing.status == 78)
        #expect(String(decoding: missing.stderr, as: UTF8.self).contains("nowhere.toml: cannot read the job file"))
        let usage = try ETLBinary.run(["sync", "run"], in: folder)
        #expect(usage.status == 64)
        let shard = try ETLBinary.run(["sync", "plan", "job.toml", "--shard", "2/2"], in: folder)
        #expect(shard.status == 64)
    }
}
