import SampleData
import JSON
import Schemas
import Converters
import Foundation
import Testing

@Suite struct GzipEncoderTests {
    typealias T = IOTestSupport

    /// Sizes around the 1 MiB hand-over buffers, from nothing to a few MB.
    static let sizes = [0, 1, 1000, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 12345]

    /// Compresses `plain` with our encoder, writing it in random pieces.
    func encode(_ plain: [UInt8], level: Int = 6, seed: UInt64 = 1, bufferSize: Int = 1 << 20, buffers: Int = 4, threads: Int = 2) throws -> [UInt8] {
        let sink = T.CollectingSink()
        let encoder = try GzipEncoder(sink, level: level, bufferSize: bufferSize, buffers: buffers, threads: threads)
        var random = SplitMix64(seed: seed)
        try plain.withUnsafeBytes { (all: UnsafeRawBufferPointer) in
            var at = 0
            while at < all.count {
                let n = min(all.count - at, Int.random(in: 1...150_000, using: &random))
                try encoder.write(UnsafeRawBufferPointer(rebasing: all[at..<(at + n)]))
                at += n
            }
        }
        try encoder.finish()
        #expect(sink.finished)
        #expect(encoder.bytesIn == Int64(plain.count))
        #expect(encoder.bytesOut == Int64(sink.bytes.count))
        return sink.bytes
    }

    /// Decodes, expecting one gzip member per `bufferSize` bytes of plain text (one at least).
    func decode(_ compressed: [UInt8], bufferSize: Int = 1 << 20) throws -> [UInt8] {
        let decoder = try GzipDecoder(MemorySource(compressed, chunkSizes: [65_537]))
        let (bytes, fault) = T.drain(decoder)
        #expect(fault == nil)
        #expect(decoder.members == max(1, (bytes.count + bufferSize - 1) / bufferSize))
        return bytes
    }

    @Test(arguments: [1, 6, 9], sizes)
    func roundTrip(level: Int, size: Int) throws {
        let plain = T.sampleText(count: size, seed: UInt64(size))
        #expect(T.same(try decode(try encode(plain, level: level)), plain))
    }

    @Test func roundTripWithSmallBuffers() throws {
        // 4 KiB buffers, only 3 of them for 2 threads: the writer waits constantly, and the
        // threads finish out of order and wait for their turn to write.
        let plain = T.sampleText(count: 500_000, seed: 7)
        let compressed = try encode(plain, bufferSize: 4096, buffers: 3)
        #expect(T.same(try decode(compressed, bufferSize: 4096), plain))
        // And the bytes do not depend on write splits, buffer counts or threads.
        #expect(compressed == (try encode(plain, seed: 99, bufferSize: 4096, buffers: 8, threads: 1)))
        #expect(compressed == (try encode(plain, seed: 98, bufferSize: 4096, buffers: 6, threads: 3)))
    }

    @Test func incompressibleInput() throws {
        var random = SplitMix64(seed: 5)
        let plain = (0..<2_500_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(T.same(try decode(try encode(plain, level: 1)), plain))
    }

    @Test(arguments: sizes)
    func systemGzipReadsOurOutput(size: Int) throws {
        guard T.hasSystemGzip else { return }
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = T.sampleText(count: size, seed: UInt64(size) + 1)
        let gz = folder.appendingPathComponent("ours.gz")
        let out = folder.appendingPathComponent("out")
        try Data(try encode(plain, level: 6)).write(to: gz)
        #expect(try T.runGzip(["-dc"], input: gz, output: out) == 0)
        #expect(T.same(Array(try Data(contentsOf: out)), plain))
    }

    @Test func emptyInputIsAValidMember() throws {
        let compressed = try encode([])
        #expect(compressed.starts(with: [0x1f, 0x8b, 8]))
        #expect(compressed.count == 20)
        #expect(try decode(compressed).isEmpty)
    }

    @Test(arguments: [0, 10, -1])
    func rejectsLevelsOutsideOneToNine(level: Int) {
        #expect(throws: OutputFailure.self) { try GzipEncoder(T.CollectingSink(), level: level) }
    }

    @Test func sinkFailureIsThrownAndStays() throws {
        // Incompressible data, so the sink sees bytes early and fails while writes go on.
        let sink = T.FailingSink(failingAfter: 100_000)
        let encoder = try GzipEncoder(sink, level: 1, bufferSize: 64 * 1024, buffers: 2)
        var random = SplitMix64(seed: 11)
        let block = (0..<64 * 1024).map { _ in UInt8.random(in: 0...255, using: &random) }
        var thrown: OutputFailure?
        for _ in 0..<200 where thrown == nil {
            do {
                try block.withUnsafeBytes { (b) in try encoder.write(b) }
            } catch {
                thrown = error as? OutputFailure ?? OutputFailure("unexpected: \(error)")
            }
        }
        if thrown == nil {
            #expect(throws: T.FailingSink.failure) { try encoder.finish() }
        } else {
            #expect(thrown == T.FailingSink.failure)
            #expect(throws: T.FailingSink.failure) {
                try block.withUnsafeBytes { (b) in try encoder.write(b) }
            }
            #expect(throws: T.FailingSink.failure) { try encoder.finish() }
        }
        #expect(sink.accepted <= 100_000)
    }

    @Test func failureAtTheTrailerIsThrownByFinish() throws {
        // Everything fits in the first buffer, so only finish makes the sink fail.
        let encoder = try GzipEncoder(T.FailingSink(failingAfter: 10), level: 6)
        try [UInt8](repeating: 65, count: 1000).withUnsafeBytes { (b) in try encoder.write(b) }
        #expect(throws: T.FailingSink.failure) { try encoder.finish() }
        #expect(throws: T.FailingSink.failure) { try encoder.finish() }
    }

    @Test func cancelStopsWithoutATrailer() throws {
        let sink = T.CollectingSink()
        let encoder = try GzipEncoder(sink, level: 6, bufferSize: 4096, buffers: 2)
        let plain = T.sampleText(count: 100_000, seed: 3)
        try plain.withUnsafeBytes { (b) in try encoder.write(b) }
        encoder.cancel()
        #expect(!sink.finished)
        let (_, fault) = T.drain(try GzipDecoder(MemorySource(sink.bytes)))
        #expect(fault?.code == .truncatedGzip)
        #expect(throws: OutputFailure.self) {
            try plain.withUnsafeBytes { (b) in try encoder.write(b) }
        }
    }

    @Test func droppingAnUnfinishedEncoderStopsWithoutATrailer() throws {
        // deinit cancels and waits for the thread (a race there would show under TSan, not
        // here); what a test can see is that the stream was neither finished nor ended.
        let sink = T.CollectingSink()
        var random = SplitMix64(seed: 12)
        let noise = (0..<600_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        do {
            let encoder = try GzipEncoder(sink, level: 1, bufferSize: 16 * 1024, buffers: 2)
            try noise.withUnsafeBytes { try encoder.write($0) }
        }
        #expect(!sink.finished)
        #expect(!sink.bytes.isEmpty)
        let (bytes, fault) = T.drain(try GzipDecoder(MemorySource(sink.bytes)))
        #expect(fault?.code == .truncatedGzip)
        #expect(noise.starts(with: bytes))
    }

    @Test func writeAfterFinishFails() throws {
        let encoder = try GzipEncoder(T.CollectingSink())
        try encoder.finish()
        try encoder.finish()
        #expect(throws: OutputFailure.self) {
            try [UInt8](repeating: 1, count: 3).withUnsafeBytes { (b) in try encoder.write(b) }
        }
    }
}
