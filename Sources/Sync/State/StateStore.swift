import Foundation

/// The job's state database, `<state>/state.db` (SQLite, WAL mode): the runs, the inputs
/// taken, each user's acknowledged attribute digests, and the plans with their batches and
/// items. Every SQL statement of `etl sync` is in this type and its extensions; the C API is
/// behind `SQLiteDatabase`.
final class StateStore {
    let db: SQLiteDatabase
    let folder: String
    let path: String

    /// The schema this build writes. Each migration takes a database from its index to the
    /// next version; an old state folder is brought forward on open.
    static let migrations: [String] = [
        // 0 -> 1
        """
        CREATE TABLE runs(
            id INTEGER PRIMARY KEY, run_id TEXT NOT NULL UNIQUE, command TEXT NOT NULL,
            started TEXT NOT NULL, ended TEXT, exit_status INTEGER, summary TEXT);
        CREATE TABLE inputs(
            id INTEGER PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, digest TEXT NOT NULL,
            plan_id INTEGER NOT NULL, taken TEXT NOT NULL, UNIQUE(size, digest));
        CREATE TABLE attribute_names(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE users(key TEXT PRIMARY KEY, state BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE plans(
            id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, created TEXT NOT NULL,
            status TEXT NOT NULL CHECK(status IN ('pending', 'done', 'forgotten')),
            counts TEXT NOT NULL, publish_path TEXT);
        CREATE TABLE batches(
            id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL,
            status TEXT NOT NULL CHECK(status IN ('planned', 'sent', 'acknowledged', 'rejected')),
            items INTEGER NOT NULL);
        CREATE INDEX batches_plan ON batches(plan_id, status);
        CREATE TABLE items(
            id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL, key TEXT NOT NULL, batch_id INTEGER,
            status TEXT NOT NULL CHECK(status IN ('planned', 'pending', 'acknowledged', 'rejected')),
            is_new INTEGER NOT NULL, attributes INTEGER NOT NULL, removed INTEGER NOT NULL,
            body BLOB NOT NULL, state BLOB NOT NULL, message TEXT, UNIQUE(plan_id, key));
        CREATE INDEX items_batch ON items(batch_id);
        """,
    ]
    static var schemaVersion: Int { migrations.count }

    static func databasePath(_ folder: String) -> String { folder + "/state.db" }

    /// Opens the state in `folder`, making a new one (folder and database) when there is none.
    /// A database that exists but is damaged or half-written is an error, never replaced.
    init(folder: String) throws(SyncFailure) {
        self.folder = folder
        path = Self.databasePath(folder)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .state("\(folder): cannot create the state folder: \((error as NSError).localizedDescription)")
        }
        if !FileManager.default.fileExists(atPath: path) { try Self.create(path) }
        try Self.checkHeader(path)
        do {
            db = try SQLiteDatabase(path: path, create: false)
        } catch {
            throw Self.failure(error, path)
        }
        try sql { () throws(SQLiteError) in
            try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -16000; PRAGMA temp_store = FILE")
            try migrate()
        }
    }

    /// Writes a new database under a temporary name and renames it into place, so a crash
    /// while creating leaves no half-made `state.db` for the next run to doubt.
    private static func create(_ path: String) throws(SyncFailure) {
        let temporary = path + ".new-\(getpid())"
        _ = unlink(temporary)
        do {
            let db = try SQLiteDatabase(path: temporary, create: true)
            // Incremental auto-vacuum (set before any table): the pages of a finished plan's
            // items go back to the file system at the end of a run, not only to the free list.
            try db.execute("PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = DELETE; BEGIN; CREATE TABLE schema_version(version INTEGER NOT NULL); INSERT INTO schema_version VALUES(0); COMMIT")
        } catch {
            _ = unlink(temporary)
            throw .state("\(path): cannot create the state database: \(error.message)")
        }
        guard rename(temporary, path) == 0 else {
            _ = unlink(temporary)
            throw .state("\(path): cannot create the state database: \(String(cString: strerror(errno)))")
        }
    }

    /// The file's own header says how long it is: a shorter file was cut off (copied or
    /// written half-way), which SQLite would notice only when it reads a missing page.
    private static func checkHeader(_ path: String) throws(SyncFailure) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .state("\(path): cannot read the state database")
        }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw .damagedState("\(path) is not an SQLite database (\(size) bytes, no SQLite header)")
        }
        func be32(_ at: Int) -> Int { header[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var pageSize = Int(header[16]) << 8 | Int(header[17])
        if pageSize == 1 { pageSize = 65536 }
        let pages = be32(28)
        // The page count is valid only when written by the same change as the counter. With a
        // write-ahead log beside it, a checkpoint may have stopped half-way: SQLite finishes
        // it from the log, so the length proves nothing then.
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        if walSize == 0, be32(24) == be32(92), pages > 0, size < pages * pageSize {
            throw .damagedState("\(path) is half-written: \(size) bytes where its header says \(pages * pageSize)")
        }
    }

    private func migrate() throws(SQLiteError) {
        let read = try db.prepare("SELECT version FROM schema_version")
        guard try read.step() else { throw SQLiteError(code: 11, message: "schema_version is empty") }
        let version = Int(read.int(0))
        read.reset()
        if version > Self.schemaVersion {
            throw SQLiteError(code: 0, message: "the state has schema version \(version), newer than this etl's \(Self.schemaVersion): use a newer etl")
        }
        guard version < Self.schemaVersion else { return }
        try db.execute("BEGIN IMMEDIATE")
        do {
            for v in version..<Self.schemaVersion { try db.execute(Self.migrations[v]) }
            try db.execute("UPDATE schema_version SET version = \(Self.schemaVersion)")
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    /// Runs SQLite work, turning its errors into the sync's: a damaged file says so.
    func sql<T>(_ body: () throws(SQLiteError) -> T) throws(SyncFailure) -> T {
        do {
            return try body()
        } catch {
            throw Self.failure(error, path)
        }
    }

    static func failure(_ error: SQLiteError, _ path: String) -> SyncFailure {
        error.isDamage ? .damagedState("\(path) is damaged: \(error.message)") : .state("\(path): \(error.message)")
    }

    func begin() throws(SyncFailure) { try sql { () throws(SQLiteError) in try db.execute("BEGIN IMMEDIATE") } }
    func commit() throws(SyncFailure) { try sql { () throws(SQLiteError) in try db.execute("COMMIT") } }
    func rollback() { if db.inTransaction { try? db.execute("ROLLBACK") } }

    /// In one transaction: committed when `body` returns, rolled back when it throws.
    func transaction<T>(_ body: () throws(SyncFailure) -> T) throws(SyncFailure) -> T {
        try begin()
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            rollback()
            throw error
        }
    }

    /// Gives the free pages back to the file system (outside a transaction).
    func releaseFreePages() {
        try? db.execute("PRAGMA incremental_vacuum")
    }

    /// `PRAGMA integrity_check`: "ok", or SQLite's first findings.
    func integrityCheck() throws(SyncFailure) -> [String] {
        try sql { () throws(SQLiteError) in
            let s = try db.prepare("PRAGMA integrity_check(20)")
            var lines: [String] = []
            while try s.step() { lines.append(s.text(0) ?? "") }
            return lines
        }
    }

    /// Bytes of the database and its write-ahead log.
    var sizeOnDisk: Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int64) ?? 0)
        }
    }
}
