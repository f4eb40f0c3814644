import Foundation

/// Runs, inputs taken, and the plans' rows.
extension StateStore {
    struct RunRow: Sendable {
        var runID: String
        var command: String
        var started: String
        var ended: String?
        var exitStatus: Int?
        var summary: String?
    }

    struct PlanRow: Sendable {
        var id: Int64
        var runID: String
        var created: String
        var status: String
        /// `PlanCounts` as JSON text.
        var counts: String
        var publishPath: String?
    }

    /// Records a run's start; its id sorts by time: `20261130T021500Z-000042`.
    func startRun(command: String) throws(SyncFailure) -> String {
        try transaction { () throws(SyncFailure) -> String in
            try sql { () throws(SQLiteError) in
                let next = try db.prepare("SELECT coalesce(max(id), 0) + 1 FROM runs")
                _ = try next.step()
                let n = next.int(0)
                next.reset()
                let digits = String(n)
                let runID = SyncClock.compact() + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
                try db.prepare("INSERT INTO runs(id, run_id, command, started) VALUES(?, ?, ?, ?)")
                    .bind(.int(n), .text(runID), .text(command), .text(SyncClock.timestamp())).run()
                return runID
            }
        }
    }

    func endRun(_ runID: String, exitStatus: Int32, summary: String) throws(SyncFailure) {
        try sql { () throws(SQLiteError) in
            try db.prepare("UPDATE runs SET ended = ?, exit_status = ?, summary = ? WHERE run_id = ?")
                .bind(.text(SyncClock.timestamp()), .int(Int64(exitStatus)), .text(summary), .text(runID)).run()
        }
    }

    /// Keeps the last `keep` runs' rows.
    func pruneRuns(keep: Int) throws(SyncFailure) {
        try sql { () throws(SQLiteError) in
            try db.prepare("DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?)").bind(.int(keep)).run()
        }
    }

    func recentRuns(limit: Int) throws(SyncFailure) -> [RunRow] {
        try sql { () throws(SQLiteError) in
            let s = try db.prepare("SELECT run_id, command, started, ended, exit_status, summary FROM runs ORDER BY id DESC LIMIT ?")
            try s.bind(.int(limit))
            var rows: [RunRow] = []
            while try s.step() {
                rows.append(RunRow(
                    runID: s.text(0) ?? "", command: s.text(1) ?? "", started: s.text(2) ?? "", ended: s.text(3),
                    exitStatus: s.isNull(4) ? nil : Int(s.int(4)), summary: s.text(5)
                ))
            }
            return rows
        }
    }

    // MARK: inputs

    /// The path under which an input of these bytes was taken, if one was.
    func takenInput(size: Int64, digest: String) throws(SyncFailure) -> String? {
        try sql { () throws(SQLiteError) in
            let s = try db.prepare("SELECT path FROM inputs WHERE size = ? AND digest = ?")
            try s.bind(.int(size), .text(digest))
            defer { s.reset() }
            return try s.step() ? s.text(0) : nil
        }
    }

    func recordInput(path: String, size: Int64, digest: String, planID: Int64) throws(SyncFailure) {
        try sql { () throws(SQLiteError) in
            try db.prepare("INSERT INTO inputs(path, size, digest, plan_id, taken) VALUES(?, ?, ?, ?, ?)")
                .bind(.text(path), .int(size), .text(digest), .int(planID), .text(SyncClock.timestamp())).run()
        }
    }

    func count(_ table: String) throws(SyncFailure) -> Int {
        try sql { () throws(SQLiteError) in
            let s = try db.prepare("SELECT count(*) FROM \(table)")
            _ = try s.step()
            defer { s.reset() }
            return Int(s.int(0))
        }
    }

    // MARK: plans

    func createPlan(runID: String) throws(SyncFailure) -> Int64 {
        try sql { () throws(SQLiteError) in
            try db.prepare("INSERT INTO plans(run_id, created, status, counts) VALUES(?, ?, 'pending', '{}')")
                .bind(.text(runID), .text(SyncClock.timestamp())).run()
            return db.lastInsertRowID
        }
    }

    func pendingPlan() throws(SyncFailure) -> PlanRow? {
        try sql { () throws(SQLiteError) in
            let s = try db.prepare("SELECT id, run_id, created, status, counts, publish_path FROM plans WHERE status = 'pending' ORDER BY id LIMIT 1")
            defer { s.reset() }
            guard try s.step() else { return nil }
            return PlanRow(id: s.int(0), runID: s.text(1) ?? "", created: s.text(2) ?? "", status: s.text(3) ?? "",
                           counts: s.text(4) ?? "{}", publishPath: s.text(5))
        }
    }

    func setPlanCounts(_ planID: Int64, _ counts: String) throws(SyncFailure) {
        try sql { () throws(SQLiteError) in try db.prepare("UPDATE plans SET counts = ? WHERE id = ?").bind(.text(counts), .int(planID)).run() }
    }

    func setPublishPath(_ planID: Int64, _ path: String?) throws(SyncFailure) {
        try sql { () throws(SQLiteError) in try db.prepare("UPDATE plans SET publish_path = ? WHERE id = ?").bind(.optionalText(path), .int(planID)).run() }
    }

    /// Batches of a plan by status.
    func batchCounts(_ planID: Int64) throws(SyncFailure) -> [String: Int] {
        try sql { () throws(SQLiteError) in
            let s = try db.prepare("SELECT status, count(*) FROM batches WHERE plan_id = ? GROUP BY status")
            try s.bind(.int(planID))
            var counts: [String: Int] = [:]
            while try s.step() { counts[s.text(0) ?? ""] = Int(s.int(1)) }
            return counts
        }
    }

    /// Items of a plan by status.
    func itemCounts(_ planID: Int64) throws(SyncFailure) -> [String: Int] {
        try sql { () throws(SQLiteError) in
            let s = try db.prepare("SELECT status, count(*) FROM items WHERE plan_id = ? GROUP BY status")
            try s.bind(.int(planID))
            var counts: [String: Int] = [:]
            while try s.step() { counts[s.text(0) ?? ""] = Int(s.int(1)) }
            return counts
        }
    }

    /// Ends a plan whose batches are all acknowledged or rejected: its items and batches are
    /// dropped (the users' state holds what was acknowledged; the run's rejects file what was
    /// not), its row and counts stay. Returns whether it was finished.
    @discardableResult
    func finishPlanIfDone(_ planID: Int64) throws(SyncFailure) -> Bool {
        try sql { () throws(SQLiteError) in
            let open = try db.prepare("SELECT count(*) FROM batches WHERE plan_id = ? AND status IN ('planned', 'sent')")
            try open.bind(.int(planID))
            _ = try open.step()
            let left = open.int(0)
            open.reset()
            guard left == 0 else { return false }
            try db.prepare("UPDATE plans SET status = 'done' WHERE id = ?").bind(.int(planID)).run()
            try db.prepare("DELETE FROM items WHERE plan_id = ?").bind(.int(planID)).run()
            try db.prepare("DELETE FROM batches WHERE plan_id = ?").bind(.int(planID)).run()
            return true
        }
    }

    /// `sync reset`: pending plans are forgotten (the inputs they took are taken again by the
    /// next plan); `full`: everything but the runs' history goes.
    func reset(full: Bool) throws(SyncFailure) {
        try transaction { () throws(SyncFailure) in
            try sql { () throws(SQLiteError) in
                if full {
                    try db.execute("DELETE FROM items; DELETE FROM batches; DELETE FROM plans; DELETE FROM inputs; DELETE FROM users; DELETE FROM attribute_names")
                } else {
                    try db.execute("""
                        DELETE FROM inputs WHERE plan_id IN (SELECT id FROM plans WHERE status = 'pending');
                        DELETE FROM items WHERE plan_id IN (SELECT id FROM plans WHERE status = 'pending');
                        DELETE FROM batches WHERE plan_id IN (SELECT id FROM plans WHERE status = 'pending');
                        UPDATE plans SET status = 'forgotten' WHERE status = 'pending'
                        """)
                }
            }
        }
    }
}
