/// An ordered JSON object. Key order is the order of first appearance; setting an existing key
/// replaces its value in place (so a duplicate key in the source keeps the first position and
/// the later value, as most JSON libraries do).
public struct JSONObject: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String] = []
    public private(set) var values: [JSONValue] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (k, v) in elements { self[k] = v }
    }

    /// Wraps keys the caller has already made unique (a parser that resolved duplicates), with
    /// one value each; skips the per-key lookup of `set`.
    public init(uncheckedUniqueKeys keys: [String], values: [JSONValue]) {
        precondition(keys.count == values.count, "one value per key")
        self.keys = keys
        self.values = values
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public func index(of key: String) -> Int? {
        // Records hold a few dozen keys at most: a linear scan beats hashing here.
        keys.firstIndex(of: key)
    }

    public subscript(key: String) -> JSONValue? {
        get { index(of: key).map { values[$0] } }
        set {
            if let i = index(of: key) {
                if let newValue { values[i] = newValue } else { remove(at: i) }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Adds or replaces; returns true when the key was already present.
    @discardableResult
    public mutating func set(_ key: String, _ value: JSONValue) -> Bool {
        if let i = index(of: key) {
            values[i] = value
            return true
        }
        keys.append(key)
        values.append(value)
        return false
    }

    /// Appends without looking for an existing key; the caller knows the key is new.
    public mutating func appendNew(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
    }

    public mutating func remove(at index: Int) {
        keys.remove(at: index)
        values.remove(at: index)
    }

    public mutating func reserveCapacity(_ n: Int) {
        keys.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    public var entries: Zip2Sequence<[String], [JSONValue]> { zip(keys, values) }
}
