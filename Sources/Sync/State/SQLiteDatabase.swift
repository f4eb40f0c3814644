import CSQLite

// The only file that touches SQLite's C API. `StateStore` sees two small Swift types, a
// connection and a prepared statement; the `sqlite3` handles stay here.
//
// Hardening, beside the calls: every connection gets a busy timeout (a `status` reading while
// a run writes waits rather than failing), foreign-key and trusted-schema settings are fixed
// here, and text and blobs are bound with SQLITE_TRANSIENT so SQLite copies them before the
// Swift buffer goes away.

/// A failed SQLite call: its result code, SQLite's message and the statement it ran.
public struct SQLiteError: Error, Equatable, CustomStringConvertible {
    public var code: Int32
    public var message: String

    /// The primary result code names a damaged file (not a database, or corrupt pages).
    public var isDamage: Bool {
        let primary = code & 0xFF
        return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB
    }

    public var description: String { message }
}

/// SQLite's "copy this buffer now" destructor.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One connection to a database file.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    let path: String

    /// Opens (creating when `create`) the database at `path`.
    init(path: String, create: Bool, readOnly: Bool = false) throws(SQLiteError) {
        self.path = path
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        handle = db
        guard rc == SQLITE_OK else {
            let text = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            handle = nil
            throw SQLiteError(code: rc, message: "\(path): \(text)")
        }
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 10_000)
        // Views and triggers in a file cannot call functions with side effects.
        try execute("PRAGMA trusted_schema = OFF")
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements that return no rows the caller needs.
    func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_free(message)
            throw SQLiteError(code: rc, message: text)
        }
    }

    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw error(rc) }
        return SQLiteStatement(statement, database: self)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes64(handle)) }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// The error of the last call on this connection.
    func error(_ rc: Int32) -> SQLiteError {
        let extended = sqlite3_extended_errcode(handle)
        return SQLiteError(code: extended != 0 ? extended : rc, message: String(cString: sqlite3_errmsg(handle)))
    }

    static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}

/// A prepared statement, reused: bind, step through rows, reset.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private unowned let database: SQLiteDatabase

    fileprivate init(_ statement: OpaquePointer, database: SQLiteDatabase) {
        self.statement = statement
        self.database = database
    }

    deinit { sqlite3_finalize(statement) }

    /// Binds parameters from 1 in order, after clearing what the last use left.
    @discardableResult
    func bind(_ values: SQLiteValue...) throws(SQLiteError) -> SQLiteStatement {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (i, value) in values.enumerated() { try bind(value, at: Int32(i + 1)) }
        return self
    }

    func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(statement, index)
        case .int(let n): rc = sqlite3_bind_int64(statement, index, n)
        case .double(let d): rc = sqlite3_bind_double(statement, index, d)
        case .text(let s): rc = sqlite3_bind_text(statement, index, s, -1, transient)
        case .blob(let bytes):
            rc = bytes.withUnsafeBytes { raw in
                // A zero-length blob needs a non-nil pointer to stay a blob, not NULL.
                sqlite3_bind_blob64(statement, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), sqlite3_uint64(raw.count), transient)
            }
        }
        guard rc == SQLITE_OK else { throw database.error(rc) }
    }

    /// Binds a blob straight from a buffer (copied by SQLite).
    func bindBlob(_ bytes: UnsafeRawBufferPointer, at index: Int32) throws(SQLiteError) {
        let rc = sqlite3_bind_blob64(statement, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), sqlite3_uint64(bytes.count), transient)
        guard rc == SQLITE_OK else { throw database.error(rc) }
    }

    /// Steps once: true when a row is ready to read, false when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.error(rc)
            sqlite3_reset(statement)
            throw error
        }
    }

    /// Steps to the end, for statements that return no rows.
    func run() throws(SQLiteError) {
        while try step() {}
        sqlite3_reset(statement)
    }

    /// Releases the statement's read snapshot and locks without waiting for its end.
    func reset() { sqlite3_reset(statement) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(statement, column) else { return nil }
        let n = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    func blob(_ column: Int32) -> [UInt8] {
        withBlob(column) { Array($0) }
    }

    /// The column's bytes, valid only during `body`.
    func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let p = sqlite3_column_blob(statement, column)
        let n = Int(sqlite3_column_bytes(statement, column))
        return body(UnsafeRawBufferPointer(start: p, count: p == nil ? 0 : n))
    }
}

/// A value bound to a statement parameter.
enum SQLiteValue {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])

    static func int(_ n: Int) -> SQLiteValue { .int(Int64(n)) }
    static func optionalText(_ s: String?) -> SQLiteValue { s.map { .text($0) } ?? .null }
}
