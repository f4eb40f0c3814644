import Converters
import Foundation
import TOMLKit

extension SyncJob {
    /// Reads and validates a job file. Every key is known or an error; relative paths are
    /// relative to the job file's folder.
    public static func load(_ file: String) throws(SyncJobError) -> SyncJob {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw .unreadable(file: file, reason: (error as NSError).localizedDescription)
        }
        return try parse(text, file: file)
    }

    /// Validates job text; `file` names it in errors and anchors relative paths.
    public static func parse(_ text: String, file: String) throws(SyncJobError) -> SyncJob {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(file: file, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw .syntax(file: file, line: 0, column: 0, message: "\(error)")
        }
        var reader = JobReader(file: file, lines: KeyLines(text))
        return try reader.job(root)
    }
}

/// Walks the parsed tables, checking each key's presence, type and value.
private struct JobReader {
    let file: String
    let lines: KeyLines
    let folder: String

    init(file: String, lines: KeyLines) {
        self.file = file
        self.lines = lines
        let absolute = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
        folder = (absolute as NSString).deletingLastPathComponent
    }

    static let tables: [String: Set<String>] = [
        "": ["name", "state", "source", "target", "delta", "run"],
        "source": ["paths", "from"],
        "target": ["kind", "format", "output", "endpoint", "api_key_env", "requests_per_second", "batch_size"],
        "delta": ["removed_attributes"],
        "run": ["max_reject_ratio", "deadline", "keep_runs"],
    ]

    mutating func job(_ root: TOMLTable) throws(SyncJobError) -> SyncJob {
        try checkKeys(root, "")
        for table in ["source", "target", "delta", "run"] {
            if let value = root[table], value.table == nil {
                throw .wrongType(file: file, line: lines.line(of: "", table), key: table, expected: "a table ([\(table)])", found: Self.typeName(value))
            }
        }
        let source = root["source"]?.table ?? TOMLTable()
        let target = root["target"]?.table ?? TOMLTable()
        let delta = root["delta"]?.table ?? TOMLTable()
        let run = root["run"]?.table ?? TOMLTable()
        for (name, table) in [("source", source), ("target", target), ("delta", delta), ("run", run)] {
            try checkKeys(table, name)
        }

        let name = try requiredString(root, "", "name")
        guard !name.isEmpty, name.utf8.count <= 100,
            name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }),
            name.first != "."
        else {
            throw invalid("", "name", "must be 1 to 100 letters, digits, '.', '_' or '-' (it names published files), not \"\(name)\"")
        }
        let state = resolve(try requiredString(root, "", "state"))

        guard let pathsValue = source["paths"] else { throw .missing(file: file, key: "[source] paths") }
        guard let array = pathsValue.array else {
            throw wrongType("source", "paths", "an array of glob strings", pathsValue)
        }
        var paths: [String] = []
        for element in array {
            guard let s = element.string, !s.isEmpty else {
                throw wrongType("source", "paths", "an array of non-empty strings", element)
            }
            paths.append(resolve(s))
        }
        if paths.isEmpty { throw invalid("source", "paths", "needs at least one path or glob") }
        var from: Format?
        if let f = try optionalString(source, "source", "from") {
            guard let format = Format(rawValue: f) else {
                let names = Format.allCases.map(\.rawValue).joined(separator: ", ")
                throw invalid("source", "from", "\"\(f)\" is not a format etl reads (\(names))")
            }
            from = format
        }

        let targetSpec = try self.target(target)
        var job = SyncJob(name: name, file: file, state: state, sourcePaths: paths, from: from, target: targetSpec)

        if let removed = try optionalString(delta, "delta", "removed_attributes") {
            guard let value = RemovedAttributes(rawValue: removed) else {
                throw invalid("delta", "removed_attributes", "must be \"null\" or \"keep\", not \"\(removed)\"")
            }
            job.removedAttributes = value
        }
        if let ratio = try optionalNumber(run, "run", "max_reject_ratio") {
            guard (0...1).contains(ratio) else { throw invalid("run", "max_reject_ratio", "must be 0 to 1, not \(ratio)") }
            job.maxRejectRatio = ratio
        }
        if let text = try optionalString(run, "run", "deadline") {
            guard let duration = JobDuration.parse(text) else {
                throw invalid("run", "deadline", "\"\(text)\" is not a duration like \"50m\", \"1h30m\" or \"90s\"")
            }
            job.deadline = duration
        }
        if let keep = try optionalInt(run, "run", "keep_runs") {
            guard keep >= 1 else { throw invalid("run", "keep_runs", "must be 1 or more, not \(keep)") }
            job.keepRuns = keep
        }
        return job
    }

    private func target(_ t: TOMLTable) throws(SyncJobError) -> SyncTarget {
        let kindName = try requiredString(t, "target", "kind")
        guard let kind = SyncTarget.Kind(rawValue: kindName) else {
            throw invalid("target", "kind", "must be file, braze or amplitude, not \"\(kindName)\"")
        }
        let formatName = try optionalString(t, "target", "format")
        let format: TargetFormat
        switch kind {
        case .file:
            guard let formatName else { throw .missing(file: file, key: "[target] format (kind = file)") }
            guard let f = TargetFormat(name: formatName) else {
                let names = Format.allCases.map(\.rawValue) + ["identify"]
                throw invalid("target", "format", "\"\(formatName)\" is not a format etl writes (\(names.joined(separator: ", ")))")
            }
            format = f
        case .braze:
            guard formatName == nil || formatName == "braze-track" else {
                throw invalid("target", "format", "kind = braze sends braze-track bodies, not \"\(formatName ?? "")\"")
            }
            format = .records(.brazeTrack)
        case .amplitude:
            guard formatName == nil || formatName == "identify" else {
                throw invalid("target", "format", "kind = amplitude sends identify objects, not \"\(formatName ?? "")\"")
            }
            format = .identify
        }
        let maxBatch = SyncTarget.maxBatchSize(kind: kind, format: format)
        var spec = SyncTarget(kind: kind, format: format, batchSize: SyncTarget.defaultBatchSize(kind: kind, format: format))
        if let size = try optionalInt(t, "target", "batch_size") {
            guard (1...maxBatch).contains(size) else {
                throw invalid("target", "batch_size", "must be 1 to \(maxBatch) for kind = \(kind.rawValue), not \(size)")
            }
            spec.batchSize = size
        }
        let http = kind != .file
        for key in ["endpoint", "api_key_env", "requests_per_second"] where !http && t[key] != nil {
            throw invalid("target", key, "applies to kind = braze or amplitude, not kind = file")
        }
        if http && t["output"] != nil { throw invalid("target", "output", "applies to kind = file only") }
        if kind == .file {
            spec.output = resolve(try requiredString(t, "target", "output"))
        } else {
            let endpoint = try requiredString(t, "target", "endpoint")
            guard let url = URL(string: endpoint), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw invalid("target", "endpoint", "\"\(endpoint)\" is not an http(s) URL")
            }
            // The key must not cross a network in clear: plain http only to this machine.
            if scheme == "http", !Self.isLoopback(url.host ?? "") {
                throw invalid("target", "endpoint", "\"\(endpoint)\" must use https (plain http only to 127.0.0.1, ::1 or localhost)")
            }
            spec.endpoint = endpoint
            let env = try requiredString(t, "target", "api_key_env")
            guard !env.isEmpty, env.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }) else {
                throw invalid("target", "api_key_env", "must name an environment variable (letters, digits, '_'), not \"\(env)\"")
            }
            spec.apiKeyEnv = env
            if let rps = try optionalNumber(t, "target", "requests_per_second") {
                guard rps > 0, rps <= 10_000 else {
                    throw invalid("target", "requests_per_second", "must be above 0 and at most 10000, not \(rps)")
                }
                spec.requestsPerSecond = rps
            }
        }
        return spec
    }

    /// 127.0.0.0/8, ::1 and localhost (as the sender checks it again before a request).
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) }) else { return false }
        let octets = parts.compactMap { UInt8($0) }
        return octets.count == 4 && octets[0] == 127
    }

    // MARK: keys and values

    private func checkKeys(_ table: TOMLTable, _ name: String) throws(SyncJobError) {
        let known = Self.tables[name] ?? []
        for key in table.keys.sorted() where !known.contains(key) {
            let shown = name.isEmpty ? key : "[\(name)] \(key)"
            throw .unknownKey(file: file, line: lines.line(of: name, key), key: shown)
        }
    }

    private func requiredString(_ t: TOMLTable, _ table: String, _ key: String) throws(SyncJobError) -> String {
        guard let s = try optionalString(t, table, key) else {
            throw .missing(file: file, key: Self.shown(table, key))
        }
        return s
    }

    private func optionalString(_ t: TOMLTable, _ table: String, _ key: String) throws(SyncJobError) -> String? {
        guard let value = t[key] else { return nil }
        guard let s = value.string else { throw wrongType(table, key, "a string", value) }
        return s
    }

    private func optionalInt(_ t: TOMLTable, _ table: String, _ key: String) throws(SyncJobError) -> Int? {
        guard let value = t[key] else { return nil }
        guard value.type == .int, let n = value.int else { throw wrongType(table, key, "an integer", value) }
        return n
    }

    /// An integer or a float.
    private func optionalNumber(_ t: TOMLTable, _ table: String, _ key: String) throws(SyncJobError) -> Double? {
        guard let value = t[key] else { return nil }
        if value.type == .int, let n = value.int { return Double(n) }
        guard value.type == .double, let d = value.double, d.isFinite else { throw wrongType(table, key, "a number", value) }
        return d
    }

    private func wrongType(_ table: String, _ key: String, _ expected: String, _ value: TOMLValueConvertible) -> SyncJobError {
        .wrongType(file: file, line: lines.line(of: table, key), key: Self.shown(table, key), expected: expected, found: Self.typeName(value))
    }

    private func invalid(_ table: String, _ key: String, _ message: String) -> SyncJobError {
        .invalid(file: file, line: lines.line(of: table, key), key: Self.shown(table, key), message: message)
    }

    private static func shown(_ table: String, _ key: String) -> String {
        table.isEmpty ? key : "[\(table)] \(key)"
    }

    private static func typeName(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .table: "a table"
        case .array: "an array"
        case .string: "a string"
        case .int: "an integer"
        case .double: "a float"
        case .bool: "a boolean"
        default: "a date or time"
        }
    }

    private func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            return home + path.dropFirst()
        }
        return folder + "/" + path
    }
}

extension SyncTarget {
    /// Braze takes at most 75 attributes objects a `/users/track` request; an Amplitude
    /// Identify request is kept to 1000 identifications.
    static func maxBatchSize(kind: Kind, format: TargetFormat) -> Int {
        format == .identify ? 1000 : 75
    }

    static func defaultBatchSize(kind: Kind, format: TargetFormat) -> Int {
        format == .identify ? 100 : 75
    }
}

/// Where each `key =` line is, per table, found by a plain scan of the text: TOMLKit gives
/// positions for syntax errors only. Keys set in inline tables or with dotted names are not
/// found; their errors name the key without a line.
struct KeyLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table = ""
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                table = name
                lines[table + "."] = lines[table + "."] ?? n + 1
                continue
            }
            guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            var key = line[..<eq].trimmingCharacters(in: .whitespaces)
            if key.count >= 2, key.first == "\"", key.last == "\"" { key = String(key.dropFirst().dropLast()) }
            let full = table + "." + key
            if lines[full] == nil { lines[full] = n + 1 }
        }
    }

    /// The line of `key` in `table` ("" is the top level), or of the table header when `key`
    /// names a table.
    func line(of table: String, _ key: String) -> Int? {
        lines[table + "." + key] ?? (table.isEmpty ? lines[key + "."] : nil)
    }
}
