import Converters
import JSON
import Foundation
import Testing

/// The decoder against files made by the system gzip (Tests/GoldenFiles/gzip).
@Suite struct GzipDecoderTests {
    typealias T = IOTestSupport

    /// Ways to feed the same compressed bytes: (source chunk sizes, caller's read size).
    static let feedings: [(name: String, chunks: [Int], readSize: Int)] = [
        ("whole", [], 64 * 1024),
        ("byte by byte", [1], 1),
        ("byte in, big out", [1], 64 * 1024),
        ("random 1", T.randomChunkSizes(upTo: 37, seed: 1), 7),
        ("random 2", T.randomChunkSizes(upTo: 300, seed: 2), 113),
        ("random 3", T.randomChunkSizes(upTo: 5, seed: 3), 4096),
    ]

    struct Outcome {
        var way: String
        var bytes: [UInt8]
        var fault: InputFault?
        var members: Int
        var read: Int64
    }

    /// Decodes `compressed` in every feeding.
    func decodeEveryWay(_ compressed: [UInt8], inputBufferSize: Int = 256 * 1024) throws -> [Outcome] {
        try Self.feedings.map { feeding in
            let decoder = try GzipDecoder(MemorySource(compressed, chunkSizes: feeding.chunks), inputBufferSize: inputBufferSize)
            let (bytes, fault) = T.drain(decoder, readSize: feeding.readSize)
            return Outcome(way: feeding.name, bytes: bytes, fault: fault, members: decoder.members, read: decoder.compressedBytesRead)
        }
    }

    @Test(arguments: [
        ("single.gz", ["a.txt"], 1),
        ("multi.gz", ["a.txt", "b.txt"], 2),
        ("empty-member.gz", [], 1),
        ("multi-with-empty.gz", ["a.txt", "b.txt"], 3),
        ("fname.gz", ["a.txt"], 1),
    ])
    func decodesGoodFiles(file: String, parts: [String], members: Int) throws {
        let compressed = try T.fixture(file)
        let expected = try parts.flatMap { try T.fixture($0) }
        for result in try decodeEveryWay(compressed) {
            #expect(result.fault == nil, "\(result.way)")
            #expect(T.same(result.bytes, expected), "\(result.way)")
            #expect(result.members == members, "\(result.way)")
            #expect(result.read == Int64(compressed.count), "\(result.way)")
        }
    }

    @Test func smallInputBufferStillDecodes() throws {
        // A 16-byte input buffer makes every header, trailer and member boundary straddle reads.
        let expected = try T.fixture("a.txt") + T.fixture("b.txt")
        for result in try decodeEveryWay(try T.fixture("multi-with-empty.gz"), inputBufferSize: 16) {
            #expect(result.fault == nil, "\(result.way)")
            #expect(T.same(result.bytes, expected), "\(result.way)")
            #expect(result.members == 3, "\(result.way)")
        }
    }

    @Test(arguments: [
        // file, code, offset, message fragment, content delivered before the fault
        ("truncated-middle.gz", InputFault.Code.truncatedGzip, Int64(192), "ends inside a member", nil as String?),
        ("truncated-trailer.gz", .truncatedGzip, 382, "ends inside a member", nil),
        ("header-only.gz", .truncatedGzip, 10, "ends inside a member", ""),
        ("trailing-magic-byte.gz", .truncatedGzip, 447, "inside a member header", "a.txt+b.txt"),
        // zlib reads the 4 CRC bytes, then compares: the offset is just past them.
        ("bad-crc.gz", .corruptGzip, 381, "incorrect data check", nil),
        ("bad-length.gz", .corruptGzip, 385, "incorrect length check", nil),
        ("corrupt-data.gz", .corruptGzip, 11, "invalid block type", ""),
        ("not-gzip.txt", .corruptGzip, 0, "not in gzip format", ""),
        ("trailing-garbage.gz", .trailingGarbage, 385, "trailing garbage", "a.txt"),
        ("trailing-zeros.gz", .trailingGarbage, 385, "trailing zero bytes", "a.txt"),
    ])
    func faults(file: String, code: InputFault.Code, offset: Int64, message: String, before: String?) throws {
        let good = try T.fixture("a.txt")
        let parts = before.map { $0.isEmpty ? [] : $0.split(separator: "+").map(String.init) }
        let expected = try parts.map { try $0.flatMap { try T.fixture($0) } }
        for result in try decodeEveryWay(try T.fixture(file)) {
            // The fault is the same however the bytes arrive.
            let fault = try #require(result.fault, "\(result.way)")
            #expect(fault.code == code, "\(result.way)")
            #expect(fault.offset == offset, "\(result.way)")
            #expect(fault.message.contains(message), "\(result.way): \(fault.message)")
            if let expected {
                // The fault comes after whole members: all of them came out first.
                #expect(T.same(result.bytes, expected), "\(result.way)")
            } else {
                // Inside a member, how much came out before the fault depends on how zlib was
                // fed; it is always a prefix of the good content.
                #expect(good.starts(with: result.bytes), "\(result.way)")
            }
        }
    }

    /// Found by the gzip fuzz target: the message named zero bytes when a read happened to end
    /// before the first non-zero one.
    @Test func trailingBytesAreNamedAlikeHoweverTheyArrive() throws {
        let single = try T.fixture("single.gz")
        for (tail, message) in [([0, 0, 0x41], "trailing zero bytes"), ([0x41, 0], "trailing garbage"), ([0], "trailing zero bytes")] as [([UInt8], String)] {
            for result in try decodeEveryWay(single + tail) {
                let fault = try #require(result.fault, "\(result.way)")
                #expect(fault.code == .trailingGarbage && fault.message.hasPrefix(message), "\(result.way): \(fault.message)")
            }
        }
    }

    @Test func emptyInputIsTruncated() throws {
        for result in try decodeEveryWay([]) {
            #expect(result.fault == InputFault(.truncatedGzip, "empty gzip stream", offset: 0, inCompressedFile: true))
            #expect(result.bytes.isEmpty)
        }
    }

    @Test func faultIsFinal() throws {
        let decoder = try GzipDecoder(MemorySource(try T.fixture("trailing-garbage.gz")))
        let first = T.drain(decoder).fault
        #expect(first?.code == .trailingGarbage)
        let again = T.drain(decoder)
        #expect(again.bytes.isEmpty)
        #expect(again.fault == first)
    }

    @Test func endOfStreamRepeats() throws {
        let decoder = try GzipDecoder(MemorySource(try T.fixture("single.gz")))
        #expect(T.same(T.drain(decoder).bytes, try T.fixture("a.txt")))
        #expect(T.drain(decoder).bytes.isEmpty)
        #expect(T.drain(decoder).fault == nil)
    }

    @Test func largeFileFromSystemGzip() throws {
        guard T.hasSystemGzip else { return }
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 3 MB plus a bit: many 256 KiB input buffers and 32 KiB windows.
        let plain = T.sampleText(count: 3_000_123, seed: 42)
        let plainURL = folder.appendingPathComponent("plain")
        let gzURL = folder.appendingPathComponent("plain.gz")
        try Data(plain).write(to: plainURL)
        #expect(try T.runGzip(["-c", "-6"], input: plainURL, output: gzURL) == 0)
        let compressed = Array(try Data(contentsOf: gzURL))
        for chunks in [[], T.randomChunkSizes(upTo: 70_000, seed: 9)] {
            let decoder = try GzipDecoder(MemorySource(compressed, chunkSizes: chunks))
            let (bytes, fault) = T.drain(decoder, readSize: 100_003)
            #expect(fault == nil)
            #expect(T.same(bytes, plain))
            #expect(decoder.members == 1)
        }
    }
}
