import JSON
/// Counts by name with a bound on distinct names, so that a run over millions of records with
/// per-record keys (custom attribute names) still uses constant memory. Past `capacity`
/// distinct names, new names are counted under `(other)`.
public struct CountTable: Equatable, Sendable {
    public static let otherKey = "(other)"
    public private(set) var counts: [String: Int] = [:]
    public let capacity: Int

    public init(capacity: Int = 1000) { self.capacity = capacity }

    public mutating func add(_ name: String, _ n: Int = 1) {
        // One hash for a name already counted, the common case.
        if let i = counts.index(forKey: name) {
            counts.values[i] += n
        } else if counts.count < capacity {
            counts[name] = n
        } else {
            counts[Self.otherKey, default: 0] += n
        }
    }

    public mutating func merge(_ other: CountTable) {
        for (k, v) in other.counts { add(k, v) }
    }

    public var total: Int { counts.values.reduce(0, +) }
    public var isEmpty: Bool { counts.isEmpty }

    /// Names in a stable order: by count, highest first, then by name.
    public var sorted: [(name: String, count: Int)] {
        counts.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }
}
