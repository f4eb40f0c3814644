import Converters
import Foundation
import JSON

/// kind = file: a plan is published as one gzipped NDJSON file, `<output>/<name>-<run id>.ndjson.gz`,
/// atomically (as `convert` publishes), then acknowledged in one transaction.
///
/// Exactly once across crashes: the path is recorded in the plan (and its batches marked
/// sent) before the file is written. A run that finds a plan with a recorded path that exists
/// was killed after publishing: it only acknowledges. A recorded path that does not exist was
/// never published: the plan is published again under the new run's name.
struct FilePublisher {
    let store: StateStore
    let job: SyncJob

    struct Outcome {
        var path: String?
        var items = 0
        var republished = false
    }

    func publish(_ plan: StateStore.PlanRow, runID: String) throws(SyncFailure) -> Outcome {
        var outcome = Outcome()
        guard let folder = job.target.output else { throw .usage("kind = file needs [target] output") }
        if let earlier = plan.publishPath, FileManager.default.fileExists(atPath: earlier) {
            outcome.path = earlier
            outcome.republished = true
        } else {
            if let earlier = plan.publishPath {
                // An interrupted run's temporary file, under the name it was going to publish.
                let name = (earlier as NSString).lastPathComponent
                TemporaryFiles.removeStale(in: (earlier as NSString).deletingLastPathComponent, stem: name)
            }
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw .output("\(folder): cannot create the output folder: \((error as NSError).localizedDescription)")
                }
            } else if !isFolder.boolValue {
                throw .output("\(folder): [target] output must be a folder")
            }
            let path = "\(folder)/\(job.name)-\(runID).ndjson.gz"
            try store.transaction { () throws(SyncFailure) in
                try store.setPublishPath(plan.id, path)
                try store.sql { () throws(SQLiteError) in
                    try store.db.prepare("UPDATE batches SET status = 'sent' WHERE plan_id = ? AND status = 'planned'").bind(.int(plan.id)).run()
                }
            }
            outcome.items = try write(plan.id, to: path)
            outcome.path = path
        }
        try acknowledge(plan.id)
        return outcome
    }

    /// Writes every item in batch order; `braze-track` items go 75 (batch_size) to a body.
    private func write(_ planID: Int64, to path: String) throws(SyncFailure) -> Int {
        let file: OutputFile
        do throws(OutputFailure) {
            file = try OutputFile(path: path, gzip: true, level: 6)
        } catch {
            throw .output(error.message)
        }
        let track = job.target.format == .records(.brazeTrack)
        var buffer: [UInt8] = []
        var written = 0
        do {
            let rows = try store.sql { () throws(SQLiteError) -> SQLiteStatement in
                let s = try store.db.prepare("SELECT batch_id, body FROM items WHERE plan_id = ? ORDER BY batch_id, id")
                try s.bind(.int(planID))
                return s
            }
            var batch: Int64 = -1
            while try store.sql({ () throws(SQLiteError) -> Bool in try rows.step() }) {
                let id = rows.int(0)
                if track {
                    if id != batch {
                        if batch >= 0 { buffer.append(contentsOf: "]}\n".utf8) }
                        buffer.append(contentsOf: #"{"attributes":["#.utf8)
                        batch = id
                    } else {
                        buffer.append(UInt8(ascii: ","))
                    }
                    rows.withBlob(1) { buffer.append(contentsOf: $0) }
                } else {
                    rows.withBlob(1) { buffer.append(contentsOf: $0) }
                    buffer.append(UInt8(ascii: "\n"))
                }
                written += 1
                if buffer.count >= 1 << 20 {
                    try file.sink.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            rows.reset()
            if track && batch >= 0 { buffer.append(contentsOf: "]}\n".utf8) }
            try file.sink.write(buffer)
            try file.commit()
        } catch let failure as SyncFailure {
            file.abort()
            throw failure
        } catch let failure as OutputFailure {
            file.abort()
            throw .output(failure.message)
        } catch {
            file.abort()
            throw .output("\(path): \(error)")
        }
        return written
    }

    /// Every item acknowledged: the users' state takes the plan's, in one transaction.
    private func acknowledge(_ planID: Int64) throws(SyncFailure) {
        try store.transaction { () throws(SyncFailure) in
            try store.sql { () throws(SQLiteError) in
                try store.db.prepare("""
                    INSERT INTO users(key, state) SELECT key, state FROM items WHERE plan_id = ? AND status IN ('planned', 'pending')
                    ON CONFLICT(key) DO UPDATE SET state = excluded.state
                    """).bind(.int(planID)).run()
                try store.db.prepare("UPDATE items SET status = 'acknowledged' WHERE plan_id = ?").bind(.int(planID)).run()
                try store.db.prepare("UPDATE batches SET status = 'acknowledged' WHERE plan_id = ?").bind(.int(planID)).run()
            }
            try store.finishPlanIfDone(planID)
        }
    }
}
