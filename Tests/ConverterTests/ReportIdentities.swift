import Foundation
import JSON
import Schemas
import Testing

@testable import Converters

/// Every identity between a report's numbers: records, per input and in total; rejects by
/// code; per-field outcomes against the `normalised` and `warnings` tables (one definition of
/// normalised and invalid per field); the output's values against the records written and
/// whether it was published; the rejects file against the rejected count. Returns what fails.
enum ReportIdentities {
    /// Warning codes that leave a standard field's value out: each is one `invalid` of the field.
    static let invalidCodes: Set<String> = [
        "invalid_type", "empty_value", "invalid_email", "invalid_phone", "invalid_country", "invalid_language",
        "invalid_time_zone", "invalid_date", "invalid_gender", "invalid_subscription", "invalid_status",
    ]

    static func check(_ report: JSONObject, rejectsLines: Int? = nil, batchSize: Int = 75) -> [String] {
        var failures: [String] = []
        func int(_ v: JSONValue?) -> Int { v?.numberValue?.int64.map(Int.init) ?? -1 }
        func expect(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { failures.append(what()) } }

        let records = report["records"]?.object ?? JSONObject()
        let read = int(records["read"]), rejected = int(records["rejected"])
        let written = int(records["written"] ?? records["passed"])
        expect(read >= 0 && read == written + rejected, "records: read \(read) != written \(written) + rejected \(rejected)")
        expect(report["accounting_ok"] == .bool(true), "accounting_ok is not true")

        let inputs = report["inputs"]?.array ?? []
        var sums = (records: 0, written: 0, rejected: 0, bytes: 0)
        for case .object(let input) in inputs {
            let r = int(input["records"]), w = int(input["written"] ?? input["passed"]), j = int(input["rejected"])
            expect(r == w + j, "input \(input["path"]?.string ?? "?"): records \(r) != \(w) + \(j)")
            sums.records += r
            sums.written += w
            sums.rejected += j
            sums.bytes += int(input["bytes"])
        }
        expect(sums.records == read && sums.written == written && sums.rejected == rejected, "inputs do not add up to records: \(sums)")
        expect(int(report["bytes_in"]) == sums.bytes, "bytes_in \(int(report["bytes_in"])) != inputs' bytes \(sums.bytes)")

        let byCode = report["rejected"]?.object ?? JSONObject()
        let codeTotal = byCode.entries.reduce(0) { $0 + int($1.1) }
        expect(codeTotal == rejected, "rejected by code add up to \(codeTotal), not \(rejected)")
        if let rejectsLines { expect(rejectsLines == rejected, "rejects file has \(rejectsLines) lines, \(rejected) rejected") }

        let fields = report["fields"]?.object ?? JSONObject()
        let normalised = report["normalised"]?.object ?? JSONObject()
        let warnings = report["warnings"]?.object ?? JSONObject()
        for field in CheckedField.allCases.map(\.rawValue) {
            let counts = fields[field]?.object
            let n = int(counts?["normalised"]), bad = int(counts?["invalid"])
            let listed = normalised[field].map { int($0) } ?? 0
            expect(listed == max(n, 0), "\(field): normalised \(listed), fields.\(field).normalised \(n)")
            var invalid = 0
            for (code, table) in warnings.entries where invalidCodes.contains(code) {
                invalid += table.object?[field].map { int($0) } ?? 0
            }
            expect(invalid == max(bad, 0), "\(field): \(invalid) invalid warnings, fields.\(field).invalid \(bad)")
        }

        let status = int(report["exit_status"])
        if case .object(let output)? = report["output"] {
            let published = output["published"] == .bool(true)
            expect(published == (status == 0 || status == 3), "published \(published) with exit status \(status)")
            let values = int(output["values"])
            if published {
                let expected = report["to"]?.string == "braze-track" ? (written + batchSize - 1) / batchSize : written
                expect(values == expected, "output values \(values), expected \(expected) for \(written) written")
                expect(int(output["bytes"]) > 0 || written == 0, "published output of no bytes")
            } else if output["path"]?.string != "-" {
                expect(values == 0 && int(output["bytes"]) == 0, "unpublished output counts \(values) values")
            }
        }
        if status == 0 || status == 3 { expect((status == 3) == (rejected > 0), "exit status \(status) with \(rejected) rejected") }
        if case .object(let file)? = report["rejects_file"] { expect(file["published"] == .bool(true), "rejects file not published") }

        expect((report["run_id"]?.string ?? "").count == 36, "no run_id")
        expect(report["version"]?.string == ETLVersion.number, "version")
        let started = report["started_at"]?.string ?? "", finished = report["finished_at"]?.string ?? ""
        expect(started.count == 24 && finished.count == 24 && started <= finished, "times \(started) .. \(finished)")
        return failures
    }
}
