import FakeVendor
import Foundation
import NIOConcurrencyHelpers
import Testing

/// `etl sync run` of kinds braze and amplitude against the project's fake vendors on 127.0.0.1,
/// run as a user runs it (the README's job file, the key in an environment variable).
@Suite struct SyncDeliveryTests {
    static let key = "braze-key-7d41c0a6e2f94b3d"
    static let environment = ["BRAZE_API_KEY": key]

    /// A job of kind braze (format braze-track) or amplitude (identify) aimed at `vendor`.
    static func workspace(_ vendor: FakeVendor, kind: String = "braze", extra: String = "") throws -> SyncWorkspace {
        let workspace = try SyncWorkspace()
        let text = """
            name = "amplitude-to-\(kind)"
            state = "state"
            [source]
            paths = ["drop/*.ndjson.gz"]
            from = "amplitude"
            [target]
            kind = "\(kind)"
            format = "\(kind == "braze" ? "braze-track" : "identify")"
            endpoint = "\(vendor.endpoint)"
            api_key_env = "BRAZE_API_KEY"
            requests_per_second = 200
            batch_size = \(kind == "braze" ? 75 : 100)
            [delta]
            removed_attributes = "null"
            [run]
            max_reject_ratio = 0.05
            \(extra)
            """
        try text.write(to: workspace.folder.appendingPathComponent("job.toml"), atomically: true, encoding: .utf8)
        return workspace
    }

    /// `etl sync ...` on a thread of its own: waiting for the program must not hold one of the
    /// few threads the test process's async code runs on (the fake vendors do not need them,
    /// but other suites' async tests do).
    static func sync(_ w: SyncWorkspace, _ arguments: [String], environment: [String: String] = [:]) async throws -> ETLBinary.Run {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try w.sync(arguments, environment: environment) })
            }
        }
    }

    /// Users in requests the vendor answered 2xx, with how often each came.
    static func acknowledged(_ vendor: FakeVendor) -> [String: Int] {
        var counts: [String: Int] = [:]
        for request in vendor.requests where (200..<300).contains(request.status) {
            for user in request.users { counts[user, default: 0] += 1 }
        }
        return counts
    }

    /// Every file under the workspace and every output, as text, for the key search.
    static func everything(_ workspace: SyncWorkspace, _ runs: [ETLBinary.Run]) throws -> [(String, Data)] {
        var found: [(String, Data)] = runs.flatMap { [("stdout", Data($0.stdout)), ("stderr", Data($0.stderr))] }
        let walker = FileManager.default.enumerator(at: workspace.folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if let data = try? Data(contentsOf: url) { found.append((url.path, data)) }
        }
        return found
    }

    /// The README's Braze job (`samples/sync/braze-job.toml`), aimed at this test's vendor.
    static func readmeWorkspace(_ vendor: FakeVendor) throws -> SyncWorkspace {
        let workspace = try SyncWorkspace()
        let sample = try String(contentsOf: SyncWorkspace.samples.appendingPathComponent("braze-job.toml"), encoding: .utf8)
        #expect(sample.contains("http://127.0.0.1:18555"))
        try sample.replacingOccurrences(of: "http://127.0.0.1:18555", with: vendor.endpoint)
            .write(to: workspace.folder.appendingPathComponent("job.toml"), atomically: true, encoding: .utf8)
        return workspace
    }

    @Test func readmeBrazeJobDeliversOnceAndTheSecondRunSendsNothing() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: Self.key))
        defer { Task { try? await vendor.stop() } }
        let w = try Self.readmeWorkspace(vendor)
        defer { w.remove() }
        try w.drop(1)
        let first = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(first.status == 3, "\(w.report(first))")  // 15 records without an identifier
        let night1 = Self.acknowledged(vendor)
        #expect(night1.count == 985 && night1.values.allSatisfy { $0 == 1 })
        #expect(vendor.requests.count == 14)
        #expect(vendor.requests.allSatisfy { $0.path == "/users/track" && $0.header("authorization") == "Bearer \(Self.key)" })
        #expect(vendor.overlappingUsers.isEmpty)

        let second = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(second.status == 0, "\(w.report(second))")
        #expect(vendor.requests.count == 14)

        // Night 2: only the changed and new users, each once.
        try w.drop(2)
        vendor.clearRecords()
        let third = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(third.status == 3, "\(w.report(third))")
        let night2 = Self.acknowledged(vendor)
        #expect(night2.count == 388 && night2.values.allSatisfy { $0 == 1 })
        let status = try await Self.sync(w, ["status", "job.toml"])
        #expect(String(decoding: status.stdout, as: UTF8.self).contains("pending: nothing"))

        for (name, data) in try Self.everything(w, [first, second, third, status]) {
            #expect(data.range(of: Data(Self.key.utf8)) == nil, "the key is in \(name)")
        }
    }

    @Test func amplitudeJobSendsIdentifyForms() async throws {
        let vendor = try await FakeVendor(.init(kind: .amplitude, key: Self.key))
        defer { Task { try? await vendor.stop() } }
        let w = try Self.workspace(vendor, kind: "amplitude")
        defer { w.remove() }
        try w.drop(1)
        let run = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(run.status == 3, "\(w.report(run))")
        #expect(Self.acknowledged(vendor).count == 985)
        let request = try #require(vendor.requests.first)
        #expect(request.path == "/identify" && request.formKey == Self.key && request.header("authorization") == nil)
        let item = try #require(request.items?.first?.object)
        #expect(item["user_properties"]?.object?["$set"] != nil)
        for (name, data) in try Self.everything(w, [run]) {
            #expect(data.range(of: Data(Self.key.utf8)) == nil, "the key is in \(name)")
        }
    }

    @Test func unavailableTargetExits69AndTheNextRunDelivers() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: Self.key)) { _ in .fatal(503, "maintenance") }
        defer { Task { try? await vendor.stop() } }
        let w = try Self.workspace(vendor)
        defer { w.remove() }
        try w.drop(1)
        let failed = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(failed.status == 69, "\(w.report(failed))")
        let status = String(decoding: try await Self.sync(w, ["status", "job.toml"]).stdout, as: UTF8.self)
        #expect(status.contains("pending: the plan of run"), "\(status)")

        vendor.setScript { _ in .success }
        let rerun = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(rerun.status == 0, "\(w.report(rerun))")
        #expect(Self.acknowledged(vendor).count == 985)
        #expect(vendor.overlappingUsers.isEmpty)
    }

    @Test func refusedKeyExits77AndTheNextRunDelivers() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: Self.key))
        defer { Task { try? await vendor.stop() } }
        let w = try Self.workspace(vendor)
        defer { w.remove() }
        try w.drop(1)
        let refused = try await Self.sync(w, ["run", "job.toml"], environment: ["BRAZE_API_KEY": "not-the-key-0000"])
        #expect(refused.status == 77, "\(w.report(refused))")
        #expect(!w.report(refused).contains("not-the-key-0000"))
        let rerun = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(rerun.status == 0, "\(w.report(rerun))")
        #expect(Self.acknowledged(vendor).count == 985)
    }

    @Test func transientFaultsEndAcknowledgedInOneRun() async throws {
        let seen = NIOLockedValueBox<Set<String>>([])
        let vendor = try await FakeVendor(.init(kind: .braze, key: Self.key, maxItems: 40)) { request in
            let first = request.users.first ?? ""
            let fresh = seen.withLockedValue { $0.insert(first).inserted }
            guard fresh else { return .success }
            switch request.ordinal % 3 {
            case 0: return .fatal(502, "bad gateway")
            case 1: return .drop
            default: return .tooManyRequests(retryAfter: 1)
            }
        }
        defer { Task { try? await vendor.stop() } }
        let w = try Self.workspace(vendor)
        defer { w.remove() }
        try w.drop(1)
        let run = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(run.status == 3, "\(w.report(run))")  // the 15 records without identifier, nothing else
        #expect(Set(Self.acknowledged(vendor).keys).count == 985)
        #expect(vendor.requests.contains { $0.status == 413 })
        #expect(vendor.overlappingUsers.isEmpty)
    }

    @Test func perItemErrorsAreRejectedAndGoAgainWithTheNextNight() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: Self.key)) { _ in
            .itemErrors([.init(index: 3, message: "Invalid value for custom attribute")])
        }
        defer { Task { try? await vendor.stop() } }
        let w = try Self.workspace(vendor)
        defer { w.remove() }
        try w.drop(1)
        let run = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(run.status == 3, "\(w.report(run))")
        let runs = w.folder.appendingPathComponent("state/runs")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted().last)
        let rejects = try String(contentsOf: runs.appendingPathComponent(folder).appendingPathComponent("rejects.ndjson"), encoding: .utf8)
        let vendorRejects = rejects.split(separator: "\n").filter { $0.contains("Invalid value for custom attribute") }
        #expect(vendorRejects.count == 14)
        let rejectedUsers = Set(vendor.requests.filter { $0.status == 201 }.compactMap { $0.users.count > 3 ? $0.users[3] : nil })
        #expect(rejectedUsers.count == 14)

        vendor.setScript { _ in .success }
        vendor.clearRecords()
        try w.drop(2)
        let next = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(next.status == 3, "\(w.report(next))")
        #expect(rejectedUsers.isSubset(of: Set(Self.acknowledged(vendor).keys)))
    }

    @Test func dryRunSendsNothingAndPingReportsTheRun() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: Self.key))
        let monitor = try await FakeVendor(.init(kind: .braze, key: ""))
        defer { Task { try? await vendor.stop(); try? await monitor.stop() } }
        let w = try Self.workspace(vendor)
        defer { w.remove() }
        try w.drop(1)
        let dry = try await Self.sync(w, ["run", "job.toml", "--dry-run"], environment: Self.environment)
        #expect(dry.status == 3, "\(w.report(dry))")
        #expect(vendor.requestCount == 0)

        let run = try await Self.sync(w, ["run", "job.toml", "--ping", monitor.endpoint + "/hc/1234"], environment: Self.environment)
        #expect(run.status == 3)
        #expect(monitor.requests.map(\.path) == ["/hc/1234/start", "/hc/1234/3"])
        let refused = try await Self.sync(w, ["run", "job.toml", "--ping", "http://hc.example.com/x"], environment: Self.environment)
        #expect(refused.status == 64)
    }

    /// kill -9 while batches are in flight, then a run to the end: every change received at
    /// least once; what was received twice was in flight at the kill; nothing acknowledged before
    /// the kill goes again.
    @Test func killedWhileSendingResendsOnlyTheBatchesInFlight() async throws {
        let vendor = try await FakeVendor(.init(kind: .braze, key: Self.key)) { request in
            request.ordinal < 5 ? .success : .delayed(.seconds(60), .success)
        }
        defer { Task { try? await vendor.stop() } }
        let w = try Self.workspace(vendor)
        defer { w.remove() }
        try w.drop(1)
        let process = Process()
        process.executableURL = ETLBinary.url
        process.arguments = ["sync", "run", "job.toml", "-q"]
        process.currentDirectoryURL = w.folder
        process.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let clock = ContinuousClock()
        let limit = clock.now + .seconds(60)
        while vendor.requestCount < 13, clock.now < limit { try await Task.sleep(for: .milliseconds(20)) }
        // The five answers went out before the later requests started; let their commits land.
        try await Task.sleep(for: .milliseconds(500))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = vendor.requests
        #expect(before.count == 13)
        let done = Set(before.filter { $0.status == 200 }.flatMap(\.users))
        let inFlight = Set(before.filter { $0.status != 200 }.flatMap(\.users))
        #expect(done.count == 5 * 75)

        vendor.setScript { _ in .success }
        vendor.clearRecords()
        let rerun = try await Self.sync(w, ["run", "job.toml"], environment: Self.environment)
        #expect(rerun.status == 0, "\(w.report(rerun))")
        let again = Set(vendor.requests.filter { $0.status == 200 }.flatMap(\.users))
        #expect(done.union(again).count == 985)
        #expect(again.isDisjoint(with: done))
        #expect(again.intersection(done.union(inFlight)) == inFlight)
        #expect(vendor.requests.filter { $0.status == 200 }.flatMap(\.users).count == again.count)
    }
}
