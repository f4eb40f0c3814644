import Foundation
import Testing

/// gzip output through libdeflate (loaded at run time when present) and through zlib
/// (`ETL_GZIP=zlib`, and the only path on a machine without libdeflate) must hold the same
/// bytes, as valid multi-member gzip that gzip(1) reads whole.
@Suite struct GzipBackendTests {
    @Test func bothCompressorsWriteTheSameContent() throws {
        let folder = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // ~3 MB of records: several 1 MB members.
        let gen = try ETLBinary.run(["generate", "--format", "amplitude", "--records", "2500", "--seed", "7", "-o", "in.ndjson"], in: folder)
        #expect(gen.status == 0)
        var plain: [String: Data] = [:]
        for backend in ["zlib", "default"] {
            let env = backend == "zlib" ? ["ETL_GZIP": "zlib"] : [:]
            let version = try ETLBinary.run(["--version"], in: folder, environment: env)
            let text = String(decoding: version.stdout, as: UTF8.self)
            if backend == "zlib" { #expect(text.contains("gzip output by zlib")) }
            let out = "out-\(backend).ndjson.gz"
            let run = try ETLBinary.run(["convert", "in.ndjson", "--from", "amplitude", "--to", "braze-attributes", "-o", out, "-q", "--rejects", "r-\(backend).ndjson"], in: folder, environment: env)
            #expect(run.status == 3 || run.status == 0)
            let unzip = Process()
            unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            unzip.arguments = ["gzip", "-dc", folder.appendingPathComponent(out).path]
            let pipe = Pipe()
            unzip.standardOutput = pipe
            try unzip.run()
            plain[backend] = pipe.fileHandleForReading.readDataToEndOfFile()
            unzip.waitUntilExit()
            #expect(unzip.terminationStatus == 0, "gzip -dc failed on \(backend) output")
        }
        #expect((plain["zlib"]?.count ?? 0) > 2_000_000)
        #expect(plain["zlib"] == plain["default"])
    }

    /// The build links only system libraries a fresh machine of this project's kind has, so the
    /// README's quick start needs no install step (libdeflate is loaded at run time instead).
    @Test func buildLinksOnlyWhatAFreshMachineHas() throws {
        let allowed: Set<String> = ["zlib", "libxml-2.0", "sqlite3"]
        let manifest = try String(contentsOf: ETLBinary.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #"pkgConfig:\s*"([^"]+)""#)
        let names = regex.matches(in: manifest, range: NSRange(manifest.startIndex..., in: manifest)).compactMap {
            Range($0.range(at: 1), in: manifest).map { String(manifest[$0]) }
        }
        #expect(!names.isEmpty)
        for name in names { #expect(allowed.contains(name), "Package.swift links \(name), which a fresh machine lacks") }
        // Module maps may link libraries without pkg-config too.
        let sources = ETLBinary.repository.appendingPathComponent("Sources")
        let allowedLinks: Set<String> = ["z", "xml2", "sqlite3"]
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.lastPathComponent == "module.modulemap" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for line in text.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("link ") {
                let lib = line.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
                #expect(allowedLinks.contains(lib), "\(url.path) links \(lib)")
            }
        }
    }
}
