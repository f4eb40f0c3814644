import Foundation
import Testing

/// Planning and the file target over the two sample nights: night 1 sends everyone, night 2
/// exactly what changed, a re-run nothing.
@Suite struct SyncPlanTests {
    @Test func nightOneSendsEveryUser() throws {
        let w = try SyncWorkspace()
        defer { w.remove() }
        try w.drop(1)
        let run = try w.sync(["run", "job.toml"])
        #expect(run.status == 3, "\(w.report(run))")  // the generated dump has records without any identifier
        let plan = try w.lastPlan()
        let lines = try w.allLines()
        #expect(w.published().count == 1)
        #expect(lines.count == plan["items"] as? Int)
        #expect(plan["users_new"] as? Int == lines.count)
        #expect(plan["users_changed"] as? Int == 0)
        #expect(plan["users_unchanged"] as? Int == 0)
        // Every published object carries its identifier and all its attributes.
        let first = try #require(lines.first)
        #expect(first.hasPrefix(#"{"external_id":"user-000000000","first_name":"#))
        let reportData = try Data(contentsOf: w.folder.appendingPathComponent("state/runs").appendingPathComponent(
            try FileManager.default.contentsOfDirectory(atPath: w.folder.appendingPathComponent("state/runs").path).sorted()[0])
            .appendingPathComponent("report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: reportData) as? [String: Any])
        let records = try #require(report["records"] as? [String: Int])
        #expect(records["written"] == lines.count)
        #expect((records["read"] ?? 0) == (records["written"] ?? 0) + (records["rejected"] ?? 0))
        #expect(report["exit_status"] as? Int == 3)
        #expect(report["command"] as? String == "sync run")
    }

    @Test func nightTwoSendsExactlyTheChanges() throws {
        let w = try SyncWorkspace()
        defer { w.remove() }
        try w.drop(1)
        try w.sync(["run", "job.toml", "-q"])
        try w.drop(2)
        let run = try w.sync(["run", "job.toml"])
        #expect(run.status == 3, "\(w.report(run))")
        let files = w.published()
        try #require(files.count == 2)
        Golden.check(try SyncWorkspace.gunzip(files[1]), "sync/night-2.braze-attributes.ndjson")
        let plan = try w.lastPlan()
        // The sample script's edits: 60 new users; sessions of index % 4 == 1, plan of % 25 == 3,
        // referrer and utm_campaign removed from % 20 == 7 (each as null), 1% of users absent.
        #expect(plan["users_new"] as? Int == 60)
        #expect(plan["attributes_removed"] as? Int == 100)
        let lines = try w.lines(files[1])
        #expect(lines.contains(#"{"external_id":"user-000000007","referrer":null,"utm_campaign":null}"#))
        #expect(lines.contains { $0.hasPrefix(#"{"external_id":"user-000000001","sessions":"#) && $0.hasSuffix("}") && $0.filter { $0 == "," }.count == 1 })
        #expect(!lines.contains { $0.contains("user-000000099") })  // absent from night 2: left alone
        #expect(!lines.contains { $0.contains(#""external_id":"user-000000000""#) })  // unchanged

        // Run again: nothing new, nothing sent.
        let again = try w.sync(["run", "job.toml"])
        #expect(again.status == 0)
        #expect(w.published().count == 2)
        #expect(w.report(again).contains("no new input"))
        // A renamed copy of a night is not taken twice.
        try w.drop(2, as: "night-2-copy.ndjson.gz")
        let copy = try w.sync(["run", "job.toml"])
        #expect(copy.status == 0)
        #expect(w.report(copy).contains("night-2-copy.ndjson.gz: the same bytes were taken as"))
        #expect(w.published().count == 2)
        // A changed file is taken: one user's sessions changed, one item.
        var text = String(decoding: try SyncWorkspace.gunzip(w.folder.appendingPathComponent("drop/night-2.ndjson.gz")), as: UTF8.self)
        let marker = #""user_id":"user-000000010""#
        let line = try #require(text.split(separator: "\n").first { $0.contains(marker) })
        let changed = line.replacingOccurrences(of: #""sessions":"#, with: #""sessions":1"#)
        text = text.replacingOccurrences(of: String(line), with: changed)
        try FileManager.default.removeItem(at: w.folder.appendingPathComponent("drop/night-2.ndjson.gz"))
        try text.write(to: w.folder.appendingPathComponent("drop/night-2.ndjson.gz"), atomically: true, encoding: .utf8)
        let edited = try w.sync(["run", "job.toml"])
        #expect(edited.status == 3)
        let third = try w.lines(try #require(w.published().last))
        #expect(third.count == 1)
        #expect(third.first?.hasPrefix(#"{"external_id":"user-000000010","sessions":1"#) == true)
    }

    @Test func removedAttributesKeptWhenAsked() throws {
        let w = try SyncWorkspace(removed: "keep")
        defer { w.remove() }
        try w.drop(1)
        try w.sync(["run", "job.toml", "-q"])
        try w.drop(2)
        try w.sync(["run", "job.toml", "-q"])
        let lines = try w.lines(try #require(w.published().last))
        #expect(!lines.contains { $0.contains("null") })
        #expect(!lines.contains { $0.contains("user-000000007") })  // only a removal: nothing to send
        #expect(try w.lastPlan()["attributes_removed"] as? Int == 0)
    }

    @Test func identifyItemsSetAndUnset() throws {
        let w = try SyncWorkspace(format: "identify")
        defer { w.remove() }
        try w.drop(1)
        try w.sync(["run", "job.toml", "-q"])
        try w.drop(2)
        try w.sync(["run", "job.toml", "-q"])
        let lines = try w.lines(try #require(w.published().last))
        let removal = lines.first { $0.contains(#""user_id":"user-000000007""#) }
        #expect(removal?.hasSuffix(#""user_properties":{"$unset":{"referrer":"-","utm_campaign":"-"}}}"#) == true, "\(removal ?? "none")")
        let change = lines.first { $0.contains(#""user_id":"user-000000001""#) }
        #expect(change?.contains(#""user_properties":{"$set":{"sessions":"#) == true, "\(change ?? "none")")
    }

    @Test func brazeTrackBodiesHoldBatchSizeObjects() throws {
        let w = try SyncWorkspace(format: "braze-track")
        defer { w.remove() }
        try w.drop(1)
        try w.sync(["run", "job.toml", "-q"])
        let lines = try w.allLines()
        let plan = try w.lastPlan()
        #expect(lines.count == plan["batches"] as? Int)
        var objects = 0
        for line in lines {
            let body = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let attributes = try #require(body["attributes"] as? [[String: Any]])
            #expect(attributes.count <= 75)
            objects += attributes.count
        }
        #expect(objects == plan["items"] as? Int)
    }

    @Test func planThenRunDeliversThePlan() throws {
        let w = try SyncWorkspace()
        defer { w.remove() }
        try w.drop(1)
        let plan = try w.sync(["plan", "job.toml"])
        #expect(plan.status == 3)
        #expect(w.published().isEmpty)
        let status = try w.sync(["status", "job.toml", "--json"])
        #expect(status.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout)) as? [String: Any])
        #expect(json["pending"] is [String: Any])
        #expect((json["database"] as? [String: Any])?["integrity"] as? String == "ok")
        // A second plan while one is pending plans nothing new.
        try w.drop(2)
        let second = try w.sync(["plan", "job.toml"])
        #expect(second.status == 0)
        #expect(w.report(second).contains("is pending"))
        // Dry run: shows, records and sends nothing.
        let dry = try w.sync(["run", "--dry-run", "job.toml"])
        #expect(dry.status == 0)
        #expect(w.published().isEmpty)
        // reset forgets the pending plan: night 1 and 2 are planned again, together.
        #expect(try w.sync(["reset", "job.toml"]).status == 0)
        let run = try w.sync(["run", "job.toml"])
        #expect(run.status == 3)
        #expect(w.published().count == 1)
        // The two nights in one plan: a user in both is one item, the later record wins.
        let p = try w.lastPlan()
        #expect((p["duplicate_records"] as? Int ?? 0) > 900)
        let text = try w.lines(w.published()[0])
        #expect(text.filter { $0.contains(#""external_id":"user-000000001","#) }.count == 1)
        // reset --full: the next run sends everyone again.
        #expect(try w.sync(["reset", "--full", "job.toml"]).status == 0)
        try w.sync(["run", "job.toml", "-q"])
        #expect(try w.lastPlan()["users_changed"] as? Int == 0)
        #expect((try w.lastPlan()["users_new"] as? Int ?? 0) > 1000)
    }

    @Test func rejectRatioOverTheLimitPlansNothing() throws {
        let w = try SyncWorkspace(extra: "[run]\nmax_reject_ratio = 0.001")
        defer { w.remove() }
        try w.drop(1)
        let run = try w.sync(["run", "job.toml"])
        #expect(run.status == 65)
        #expect(w.report(run).contains("over max_reject_ratio"))
        #expect(w.published().isEmpty)
        let status = try w.sync(["status", "job.toml"])
        #expect(String(decoding: status.stdout, as: UTF8.self).contains("inputs taken: 0"))
    }

    @Test func keepRunsPrunesOldReports() throws {
        let w = try SyncWorkspace(extra: "[run]\nkeep_runs = 2")
        defer { w.remove() }
        for _ in 0..<4 { try w.sync(["run", "job.toml", "-q"]) }
        let runs = try FileManager.default.contentsOfDirectory(atPath: w.folder.appendingPathComponent("state/runs").path)
        #expect(runs.count == 2)
        #expect(runs.sorted().last?.hasSuffix("-000004") == true)
    }

    /// kind amplitude aimed at a port where nothing listens: the key is required (78), the run
    /// ends at its deadline with the plan pending (69), and `--dry-run` and `plan` need no target.
    @Test func httpKindsWithAnUnreachableTarget() throws {
        let w = try SyncWorkspace()
        defer { w.remove() }
        try """
            name = "amp"
            state = "state"
            [source]
            paths = ["drop/*.ndjson.gz"]
            from = "amplitude"
            [target]
            kind = "amplitude"
            endpoint = "http://127.0.0.1:9"
            api_key_env = "ETL_TEST_AMP_KEY"
            [run]
            deadline = "5s"
            """.write(to: w.folder.appendingPathComponent("amp.toml"), atomically: true, encoding: .utf8)
        try w.drop(1)
        let noKey = try w.sync(["run", "amp.toml"])
        #expect(noKey.status == 78)
        #expect(w.report(noKey).contains("ETL_TEST_AMP_KEY is not set"))
        let env = ["ETL_TEST_AMP_KEY": "secret-key-value"]
        let dry = try w.sync(["run", "--dry-run", "amp.toml"], environment: env)
        #expect(dry.status == 3)
        #expect(w.report(dry).contains("new, 0 changed"))
        let plan = try w.sync(["plan", "amp.toml"], environment: env)
        #expect(plan.status == 3)
        #expect(!w.report(plan).contains("secret-key-value"))
        let run = try w.sync(["run", "amp.toml"], environment: env)
        #expect(run.status == 69, "\(w.report(run))")
        #expect(w.report(run).contains("resuming the plan"))
        #expect(!w.report(run).contains("secret-key-value"))
    }
}
