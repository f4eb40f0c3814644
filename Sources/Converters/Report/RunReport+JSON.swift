import JSON
import Schemas

/// The report as JSON (`--report`) and as the human summary on stderr.
extension RunReport {
    public func json() -> JSONValue {
        var o = JSONObject()
        o.appendNew("command", .string(command))
        o.appendNew("run_id", .string(runId))
        o.appendNew("version", .string(ETLVersion.number))
        o.appendNew("started_at", .string(startedAt))
        o.appendNew("finished_at", .string(finishedAt))
        o.appendNew("exit_status", .number(JSONNumber(Int(exitStatus))))
        if let fault { o.appendNew("fault", .string(fault)) }
        o.appendNew("from", inputFormat.map { .string($0.rawValue) } ?? .null)
        o.appendNew("from_detected", .bool(fromFormat == nil))
        o.appendNew("to", toFormat.map { .string($0.rawValue) } ?? .null)
        o.appendNew("records", .object([
            "read": .number(JSONNumber(recordsRead)),
            validateOnly ? "passed" : "written": .number(JSONNumber(recordsWritten)),
            "rejected": .number(JSONNumber(recordsRejected)),
        ]))
        o.appendNew("accounting_ok", .bool(accountingHolds))
        o.appendNew("rejected", Self.json(rejectedByCode))
        var w = JSONObject()
        for code in warnings.keys.sorted() {
            if let table = warnings[code] { w.appendNew(code, Self.json(table)) }
        }
        o.appendNew("warnings", .object(w))
        if !duplicateIdentifiers.isEmpty || identifiersUntracked > 0 { o.appendNew("duplicate_identifiers", duplicatesJSON) }
        o.appendNew("normalised", Self.json(allNormalised))
        var fields = JSONObject()
        for field in fieldChecks.seen {
            var counts = JSONObject()
            for outcome in FieldOutcome.Outcome.allCases {
                counts.appendNew("\(outcome)", .number(JSONNumber(fieldChecks.count(field, outcome))))
            }
            fields.appendNew(field.rawValue, .object(counts))
        }
        o.appendNew("fields", .object(fields))
        o.appendNew("unmapped", Self.json(unmapped))
        o.appendNew("inputs", .array(inputs.map(json)))
        if !validateOnly {
            var out: JSONObject = [
                "path": output.map { .string($0) } ?? .null,
                "published": .bool(published),
                "values": .number(JSONNumber(outputValues)),
                "bytes": .number(JSONNumber(outputBytes)),
            ]
            if outputCut { out.appendNew("cut_by_reader", .bool(true)) }
            o.appendNew("output", .object(out))
        }
        o.appendNew("rejects_file", rejectsPath.map { .object(["path": .string($0), "published": .bool(rejectsPublished)]) } ?? .null)
        o.appendNew("warnings_file", warningsPath.map {
            .object(["path": .string($0), "published": .bool(warningsPublished), "records": .number(JSONNumber(warningRecords))])
        } ?? .null)
        o.appendNew("bytes_in", .number(JSONNumber(bytesIn)))
        o.appendNew("seconds", .number(JSONNumber(uncheckedText: Self.decimal(seconds, places: 3))))
        return .object(o)
    }

    /// The first repeats, each with its record and the earlier record with the same identifier.
    private var duplicatesJSON: JSONValue {
        var o = JSONObject()
        o.appendNew("listed", .array(duplicateIdentifiers.map { d in
            .object([
                "field": .string(d.field),
                "input": .string(inputs[d.input].path), "record": .number(JSONNumber(d.record)),
                "first_input": .string(inputs[d.firstInput].path), "first_record": .number(JSONNumber(d.firstRecord)),
            ])
        }))
        o.appendNew("listed_at_most", .number(JSONNumber(DuplicateIdentifiers.examplesKept)))
        if identifiersUntracked > 0 { o.appendNew("untracked", .number(JSONNumber(identifiersUntracked))) }
        return .object(o)
    }

    /// `--from`, or the format detected in every input when they agree.
    var inputFormat: Format? {
        if let fromFormat { return fromFormat }
        let detected = Set(inputs.compactMap(\.format))
        return detected.count == 1 ? detected.first : nil
    }

    private func json(_ input: InputReport) -> JSONValue {
        var o: JSONObject = [
            "path": .string(input.path),
            "format": input.format.map { .string($0.rawValue) } ?? .null,
            "container": input.container.map { .string($0.rawValue) } ?? .null,
            "gzip": .bool(input.gzip),
            "file_bytes": .number(JSONNumber(input.fileBytes)),
            "bytes": .number(JSONNumber(input.bytes)),
            "records": .number(JSONNumber(input.records)),
            validateOnly ? "passed" : "written": .number(JSONNumber(input.written)),
            "rejected": .number(JSONNumber(input.rejected)),
            "blank_lines": .number(JSONNumber(input.framing.blankLines)),
        ]
        if input.framing.envelopes > 0 {
            o.appendNew("envelopes", .number(JSONNumber(input.framing.envelopes)))
            o.appendNew("invalid_user_ids", .number(JSONNumber(input.framing.invalidUserIds)))
            o.appendNew("skipped_members", Self.json(input.framing.skippedMembers))
            o.appendNew("messages", Self.json(input.framing.messages))
        }
        return .object(o)
    }

    private static func json(_ table: CountTable) -> JSONValue { json(table.counts) }

    private static func json(_ counts: [String: Int]) -> JSONValue {
        var o = JSONObject()
        for key in counts.keys.sorted() { o.appendNew(key, .number(JSONNumber(counts[key] ?? 0))) }
        return .object(o)
    }

    static func decimal(_ x: Double, places: Int) -> String {
        let scale = (0..<places).reduce(1.0) { r, _ in r * 10 }
        let n = Int64((x * scale).rounded())
        let whole = n / Int64(scale), frac = n % Int64(scale)
        let digits = String(frac)
        return "\(whole).\(String(repeating: "0", count: places - digits.count))\(digits)"
    }

    /// The stderr summary: a few lines, most frequent codes first.
    public func summary() -> String {
        let from = inputFormat?.rawValue ?? Set(inputs.compactMap { $0.format?.rawValue }).sorted().joined(separator: "+")
        var lines: [String] = []
        var head = "etl: \(from.isEmpty ? "?" : from)"
        if validateOnly {
            head += toFormat.map { " (checked for \($0.rawValue))" } ?? ""
            head += ": \(recordsRead) read, \(recordsWritten) passed, \(recordsRejected) rejected"
        } else {
            head += " -> \(toFormat?.rawValue ?? "?"): "
            head += "\(recordsRead) read, \(recordsWritten) written, \(recordsRejected) rejected"
        }
        let mb = Double(bytesIn) / 1_000_000
        head += " in \(Self.decimal(seconds, places: 2)) s (\(Self.decimal(mb, places: 1)) MB"
        if seconds > 0.05 { head += ", \(Self.decimal(mb / seconds, places: 1)) MB/s" }
        head += ")"
        lines.append(head)
        if !rejectedByCode.isEmpty { lines.append("  rejected: " + Self.top(rejectedByCode)) }
        if !warnings.isEmpty {
            var byCode = CountTable()
            for (code, table) in warnings { byCode.add(code, table.total) }
            lines.append("  warnings: " + Self.top(byCode))
        }
        if let first = duplicateIdentifiers.first {
            var line = "  duplicate identifiers: \(inputs[first.input].path) record \(first.record) has the \(first.field) of record \(first.firstRecord)"
            if first.firstInput != first.input { line += " of \(inputs[first.firstInput].path)" }
            let more = warnings[WarningCode.duplicateIdentifier.rawValue]?.total ?? 1
            if more > 1 { line += ", and \(more - 1) more (see the report)" }
            lines.append(line)
        }
        if identifiersUntracked > 0 { lines.append("  duplicate check partial: \(identifiersUntracked) identifiers past its table's cap were not checked") }
        let allNormalised = allNormalised
        if !allNormalised.isEmpty { lines.append("  normalised: " + Self.top(allNormalised)) }
        if !unmapped.isEmpty { lines.append("  unmapped: " + Self.top(unmapped)) }
        let blank = inputs.reduce(0) { $0 + $1.framing.blankLines }
        if blank > 0 { lines.append("  blank lines skipped: \(blank)") }
        let invalidIds = inputs.reduce(0) { $0 + $1.framing.invalidUserIds }
        if invalidIds > 0 { lines.append("  invalid_user_ids in export responses: \(invalidIds)") }
        if validateOnly {
            lines += fieldLines
            if let rejectsPath, recordsRejected > 0 { lines.append("  rejects: \(rejectsPath)") }
        } else if published {
            var tail = "  output: \(output ?? "-") (\(outputValues) values)"
            if let rejectsPath, recordsRejected > 0 { tail += "; rejects: \(rejectsPath)" }
            lines.append(tail)
        } else if outputCut {
            lines.append("  output cut by its reader: standard output was closed before the end; stopped there (exit status \(exitStatus))")
        } else {
            lines.append("  nothing published (exit status \(exitStatus))")
        }
        return lines.joined(separator: "\n")
    }

    /// `  country: 280 ok, 12 normalised, 3 invalid`, one line a field.
    private var fieldLines: [String] {
        fieldChecks.seen.map { field in
            let ok = fieldChecks.count(field, .ok), n = fieldChecks.count(field, .normalised)
            let bad = fieldChecks.count(field, .invalid)
            return "  \(field.rawValue): \(ok) ok, \(n) normalised, \(bad) invalid"
        }
    }

    private static func top(_ table: CountTable, limit: Int = 6) -> String {
        let rows = table.sorted
        var parts = rows.prefix(limit).map { "\($0.name) \($0.count)" }
        if rows.count > limit { parts.append("and \(rows.count - limit) more") }
        return "\(table.total) (" + parts.joined(separator: ", ") + ")"
    }
}
