import Foundation
import SampleData
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// An input is never overwritten by its own run, however an output names it: for random
/// spellings of the input (relative, `./`, absolute, through `..`, a symbolic link, a hard
/// link) given to `-o`, `--rejects`, `--report` or `--warnings`, with the input named on the
/// command line or redirected to standard input, the run is refused (64) before anything is
/// read or created, and the input's bytes, inode and links are as they were.
@Suite struct InputProtectionPropertyTests {
    static let records = #"{"userData":{"user_id":"u1","amp_props":{"email":"a@example.com"}}}"# + "\n"
        + #"{"oops":1}"# + "\n" + #"{"userData":{"user_id":"u2"}}"# + "\n"

    @Test(arguments: 0..<32)
    func anySpellingOfAnInputIsRefused(seed: UInt64) throws {
        let work = try IOTestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let dir = work.appendingPathComponent("dir")
        let other = work.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let input = dir.appendingPathComponent("in.ndjson")
        let original = Array(Self.records.utf8)
        try Data(original).write(to: input)
        #expect(symlink("in.ndjson", dir.appendingPathComponent("link.ndjson").path) == 0)
        #expect(symlink(input.path, other.appendingPathComponent("far-link.ndjson").path) == 0)
        #expect(link(input.path, dir.appendingPathComponent("hard.ndjson").path) == 0)
        let inodeBefore = try Self.inode(input.path)

        var random = SplitMix64(seed: 0xE71 &+ seed)
        let spellings = [
            "in.ndjson", "./in.ndjson", input.path, "../dir/in.ndjson", "../other/../dir/in.ndjson",
            "link.ndjson", "./link.ndjson", "hard.ndjson", "\(dir.path)/hard.ndjson", "../other/far-link.ndjson",
        ]
        let options = ["-o", "--rejects", "--report", "--warnings"]
        let spelling = spellings[Int(random.next() % UInt64(spellings.count))]
        let option = options[Int(random.next() % UInt64(options.count))]
        let inputSpellings = ["in.ndjson", "./in.ndjson", input.path, "-"]
        let inputArgument = inputSpellings[Int(random.next() % UInt64(inputSpellings.count))]

        var args = ["convert", "--from", "amplitude", "--to", "braze-attributes", option, spelling]
        if option != "-o" { args += ["-o", "out.ndjson"] }
        if inputArgument != "-" { args.insert(inputArgument, at: 1) }
        let run = try ETLBinary.run(args, stdinFile: inputArgument == "-" ? input : nil, in: dir)
        let context = "\(args.joined(separator: " "))\(inputArgument == "-" ? " < in.ndjson" : "")"
        let stderr = String(decoding: run.stderr, as: UTF8.self)

        #expect(run.status == 64, "\(context): status \(run.status): \(stderr)")
        #expect(stderr.contains("is the same file as"), "\(context): \(stderr)")
        #expect([UInt8](try Data(contentsOf: input)) == original, "\(context): the input changed")
        #expect(try Self.inode(input.path) == inodeBefore, "\(context): the input was replaced")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("link.ndjson").path) == "in.ndjson")
        #expect([UInt8](try Data(contentsOf: dir.appendingPathComponent("hard.ndjson"))) == original)
        // Refused before anything was created: no output, no temporary file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["hard.ndjson", "in.ndjson", "link.ndjson"],
                "\(context)")
    }

    static func inode(_ path: String) throws -> UInt64 {
        var s = stat()
        guard stat(path, &s) == 0 else { throw CocoaError(.fileNoSuchFile) }
        return UInt64(s.st_ino)
    }
}
