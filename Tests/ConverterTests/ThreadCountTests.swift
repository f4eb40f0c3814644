import Foundation
import Testing

/// `ETL_THREADS` sets how many threads convert records and compress gzip output; what a run
/// writes must not depend on it: the same output bytes (gzip members included), rejects,
/// warnings and counts with one thread, three (more than this machine's cores) or the default.
@Suite struct ThreadCountTests {
    @Test func outputDoesNotDependOnTheNumberOfThreads() throws {
        let folder = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // ~3 MB: a dozen batches of 256 records and several 1 MB gzip members.
        let gen = try ETLBinary.run(["generate", "--format", "amplitude", "--records", "2500", "--seed", "11", "-o", "in.ndjson"], in: folder)
        #expect(gen.status == 0)
        var files: [String: [Data]] = [:]
        for threads in ["1", "3", "default", "0"] {
            // "0" is not a count: the default is used.
            let env = threads == "default" ? [:] : ["ETL_THREADS": threads]
            let run = try ETLBinary.run(
                ["convert", "in.ndjson", "--from", "amplitude", "--to", "braze-attributes", "--gzip", "-q",
                 "-o", "out-\(threads).ndjson.gz", "--rejects", "rejects-\(threads).ndjson", "--warnings", "warnings-\(threads).ndjson"],
                in: folder, environment: env)
            #expect(run.status == 3, "ETL_THREADS=\(threads): \(String(decoding: run.stderr, as: UTF8.self))")
            for kind in ["out", "rejects", "warnings"] {
                let name = kind == "out" ? "out-\(threads).ndjson.gz" : "\(kind)-\(threads).ndjson"
                files[kind, default: []].append(try Data(contentsOf: folder.appendingPathComponent(name)))
            }
        }
        for (kind, versions) in files {
            #expect(versions[0].count > 1000, "\(kind) holds records")
            #expect(Set(versions).count == 1, "\(kind) differs between thread counts")
        }
    }
}
