import Foundation
import SampleData
import Schemas
import Testing

@testable import Sync

/// The state's promises: a killed run resumes to the same result, one run at a time, a
/// damaged database is an error, shards add up to the whole.
@Suite struct SyncStateTests {
    /// kill -9 at random moments of `sync run` (planning, publishing, acknowledging), then
    /// run to the end: what was published equals an uninterrupted run's, night after night.
    @Test func killedRunsResumeToTheSameResult() throws {
        let whole = try SyncWorkspace()
        let killed = try SyncWorkspace()
        defer { whole.remove(); killed.remove() }
        var random = SplitMix64(seed: 2026)
        for night in [1, 2] {
            try whole.drop(night)
            try whole.sync(["run", "job.toml", "-q"])
            try killed.drop(night)
            for _ in 0..<5 {
                let process = Process()
                process.executableURL = ETLBinary.url
                process.arguments = ["sync", "run", "job.toml", "-q"]
                process.currentDirectoryURL = killed.folder
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(UInt32.random(in: 20_000...2_500_000, using: &random))
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            let finish = try killed.sync(["run", "job.toml"])
            #expect(finish.status == 0 || finish.status == 3, "\(killed.report(finish))")
        }
        #expect(try killed.allLines() == whole.allLines())
        #expect(killed.hidden().isEmpty, "\(killed.hidden())")
        let status = try killed.sync(["status", "job.toml"])
        #expect(status.status == 0)
        #expect(String(decoding: status.stdout, as: UTF8.self).contains("integrity ok"))
    }

    @Test func aSecondRunExits75() throws {
        let w = try SyncWorkspace()
        defer { w.remove() }
        try w.drop(1)
        // This process holds the lock, as a run would.
        let state = w.folder.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let fd = open(state.appendingPathComponent("lock").path, O_RDWR | O_CREAT, 0o644)
        try #require(fd >= 0)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let text = "pid=\(getpid())\nhost=testhost\nstarted=2026-11-30T02:00:00Z\n"
        _ = text.withCString { write(fd, $0, strlen($0)) }
        let second = try w.sync(["run", "job.toml"])
        #expect(second.status == 75)
        #expect(w.report(second).contains("pid \(getpid()) on testhost since 2026-11-30T02:00:00Z"))
        let status = try w.sync(["status", "job.toml", "--json"])
        #expect(String(decoding: status.stdout, as: UTF8.self).contains("\"host\": \"testhost\""))
        // --wait: the lock is released half a second later, and the run goes on.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
            flock(fd, LOCK_UN)
            close(fd)
        }
        let waited = try w.sync(["run", "job.toml", "--wait", "20", "-q"])
        #expect(waited.status == 3)
        #expect(w.published().count == 1)

        // Two runs started together: one works, the other exits 75 at once.
        try w.drop(2)
        let runs = (0..<2).map { _ in
            let p = Process()
            p.executableURL = ETLBinary.url
            p.arguments = ["sync", "run", "job.toml", "-q"]
            p.currentDirectoryURL = w.folder
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in runs { try p.run() }
        for p in runs { p.waitUntilExit() }
        let statuses = runs.map(\.terminationStatus).sorted()
        #expect(statuses == [3, 75], "\(statuses)")
    }

    @Test func aDamagedDatabaseIsAnErrorNeverAReset() throws {
        let w = try SyncWorkspace()
        defer { w.remove() }
        try w.drop(1)
        try w.sync(["run", "job.toml", "-q"])
        let db = w.folder.appendingPathComponent("state/state.db")
        let good = try Data(contentsOf: db)
        // Half-written: cut in the middle.
        try good.prefix(good.count / 2).write(to: db)
        let half = try w.sync(["run", "job.toml"])
        #expect(half.status == 1)
        #expect(w.report(half).contains("is half-written"))
        #expect(w.report(half).contains("never reset silently"))
        #expect(try Data(contentsOf: db).count == good.count / 2)  // left as it was
        #expect(try w.sync(["status", "job.toml"]).status == 1)
        // Not a database at all.
        try Data(repeating: 0x41, count: 8192).write(to: db)
        let garbage = try w.sync(["plan", "job.toml"])
        #expect(garbage.status == 1)
        #expect(w.report(garbage).contains("is not an SQLite database"))
        // Pages overwritten in the middle: integrity_check finds it, status says so.
        var damaged = good
        for i in stride(from: 4096 * 3, to: min(good.count, 4096 * 6), by: 1) { damaged[i] = 0x5A }
        try damaged.write(to: db)
        let status = try w.sync(["status", "job.toml"])
        #expect(status.status == 1)
        // Asked for by name, reset --full moves the damaged file aside and starts over.
        let reset = try w.sync(["reset", "--full", "job.toml"])
        #expect(reset.status == 0, "\(w.report(reset))")
        let aside = try FileManager.default.contentsOfDirectory(atPath: w.folder.appendingPathComponent("state").path)
        #expect(aside.contains { $0.hasPrefix("state.db.damaged-") })
    }

    @Test func shardsTogetherEqualTheWhole() throws {
        let whole = try SyncWorkspace()
        defer { whole.remove() }
        try whole.drop(1)
        try whole.drop(2)
        try whole.sync(["run", "job.toml", "-q"])
        var union: [String] = []
        var others = 0
        for shard in ["0/2", "1/2"] {
            let run = try whole.sync(["run", "job.toml", "--shard", shard, "-q"])
            #expect(run.status == 3)
            let state = whole.folder.appendingPathComponent("state/shard-\(shard.replacingOccurrences(of: "/", with: "-of-"))")
            #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent("state.db").path))
            union += try whole.lines(try #require(whole.published().last))
            let runs = try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("runs").path).sorted()
            let data = try Data(contentsOf: state.appendingPathComponent("runs/\(runs[0])/report.json"))
            let report = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            others += (report?["plan"] as? [String: Any])?["other_shard_records"] as? Int ?? 0
        }
        let all = try whole.lines(whole.published()[0])
        #expect(union.count == all.count)
        #expect(Set(union) == Set(all))
        #expect(others > 0)
    }

    @Test func inputDigestIsSHA256() throws {
        let url = SyncWorkspace.samples.appendingPathComponent("night-1.ndjson.gz")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let (size, digest) = try InputDigest.of(file: url.path)
        #expect(out.hasPrefix(digest + " "))
        #expect(size == (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int64))
        var empty = InputDigest()
        #expect(empty.finish() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func attributeStateRoundTripsAndDiffs() throws {
        var old = AttributeState()
        old.ids = [1, 3, 200, 70_000]
        old.digests = [10, 30, 2000, 7]
        let blob = old.blob
        let back = blob.withUnsafeBytes { AttributeState(blob: $0) }
        #expect(back == old)
        // 3 changed, 200 same, 5 new; 1 and 70000 removed.
        let diff = AttributeDiff(old: old, ids: [200, 3, 5], digests: [2000, 31, 50], keepRemoved: false)
        #expect(diff.changed == [1, 2])
        #expect(diff.removed == [1, 70_000])
        #expect(diff.next.ids == [3, 5, 200])
        let kept = AttributeDiff(old: old, ids: [200, 3, 5], digests: [2000, 31, 50], keepRemoved: true)
        #expect(kept.next.ids == [1, 3, 5, 200, 70_000])
        #expect(kept.next.digests == [10, 31, 50, 2000, 7])
        #expect([UInt8]([0x80]).withUnsafeBytes { AttributeState(blob: $0) } == nil)
    }
}
