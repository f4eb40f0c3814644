import Converters
import JSON
import Schemas

/// Deterministic, realistic sample records of one format, for the benchmark and for tests.
///
/// The same format, seed and record number always give the same record, on every machine: the
/// random numbers come from a SplitMix64 seeded with the seed and the record number, so record
/// `i` does not depend on how many came before. A few percent of records are messy the way real
/// dumps are (bad e-mails, arrays over Braze's limits, users without an id, wrong JSON types);
/// some of those are rejected by a conversion, which is the point.
public struct RecordGenerator {
    public let format: Format
    public let seed: UInt64
    var random = SplitMix64(seed: 0)

    public init(format: Format, seed: UInt64) {
        self.format = format
        self.seed = seed
    }

    /// Record number `i` (0-based).
    public mutating func record(_ i: Int) -> JSONValue {
        random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: i))
        switch format {
        case .amplitude: return amplitude(i)
        case .brazeExport: return brazeExport(i)
        case .brazeAttributes, .brazeTrack: return brazeAttributes(i)
        case .aam: return aam(i)
        case .profile: return profile(i)
        }
    }

    /// Writes records 0..<records to `sink` in `layout` and finishes the sink (for braze-track,
    /// in request bodies of 75).
    public static func write(
        format: Format, records: Int, seed: UInt64, layout: ContainerWriter.Layout, to sink: any ByteSink
    ) throws(OutputFailure) {
        var generator = RecordGenerator(format: format, seed: seed)
        var writer = ContainerWriter(layout: layout, sink: sink)
        // braze-track records are whole /users/track bodies: `records` attributes objects, at
        // most `Limits.maxBatchSize` (75) to a body, as the format's writer makes them.
        let perValue = format == .brazeTrack ? Limits.maxBatchSize : 1
        var i = 0
        while i < records {
            let end = min(i + perValue, records)
            let values = (i..<end).map { generator.record($0) }
            let value: JSONValue = format == .brazeTrack ? .object(["attributes": .array(values)]) : values[0]
            writer.value { JSONWriter.write(value, to: &$0) }
            try writer.flushIfNeeded()
            i = end
        }
        try writer.finish()
    }

    // MARK: Random helpers

    /// A whole number in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(random.next() % UInt64(max(n, 1))) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(random.next() >> 11) * 0x1p-53 < p }

    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    /// `n` distinct elements of `choices` (n <= choices.count), in random order.
    mutating func sample<T>(_ choices: [T], _ n: Int) -> [T] {
        var pool = choices
        var out: [T] = []
        for _ in 0..<min(n, pool.count) { out.append(pool.remove(at: below(pool.count))) }
        return out
    }

    mutating func hex(_ n: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: n)
        var bits = random.next()
        for k in 0..<n {
            if k % 16 == 15 { bits = random.next() }
            bytes[k] = digits[Int(bits & 15)]
            bits >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func uuid() -> String { "\(hex(8))-\(hex(4))-\(hex(4))-\(hex(4))-\(hex(12))" }

    /// `width` decimal digits, zero-padded.
    func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    mutating func day(_ years: ClosedRange<Int>) -> String {
        "\(years.lowerBound + below(years.count))-\(padded(1 + below(12), 2))-\(padded(1 + below(28), 2))"
    }

    mutating func instant(_ years: ClosedRange<Int>) -> String {
        "\(day(years))T\(padded(below(24), 2)):\(padded(below(60), 2)):\(padded(below(60), 2)).\(padded(below(1000), 3))Z"
    }

    /// A price-like decimal with two places.
    mutating func money(_ maximum: Int) -> JSONValue {
        .number(JSONNumber(uncheckedText: "\(below(maximum)).\(padded(below(100), 2))"))
    }
}

extension JSONValue {
    static func int(_ n: Int) -> JSONValue { .number(JSONNumber(n)) }
    static func strings(_ s: [String]) -> JSONValue { .array(s.map { .string($0) }) }
}

extension RecordGenerator {
    /// Writes records to `path` (published atomically; nil: standard output), gzipped at
    /// `level` when `gzip`.
    public static func write(
        format: Format, records: Int, seed: UInt64, layout: ContainerWriter.Layout,
        path: String?, gzip: Bool, level: Int32 = 6
    ) throws(OutputFailure) {
        let output = try OutputFile(path: path, gzip: gzip, level: level)
        do {
            try write(format: format, records: records, seed: seed, layout: layout, to: output.sink)
            try output.commit()
        } catch {
            output.abort()
            throw error
        }
    }
}
