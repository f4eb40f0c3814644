/// The users of the batches in flight, so that no user goes out in a second request before the
/// first one is answered.
struct InFlightUsers {
    private var users: Set<String> = []
    private var batches: [Int64: [String]] = [:]

    var count: Int { batches.count }

    func conflicts(with keys: [String]) -> Bool {
        !users.isEmpty && keys.contains { users.contains($0) }
    }

    mutating func insert(_ id: Int64, users keys: [String]) {
        batches[id, default: []].append(contentsOf: keys)
        users.formUnion(keys)
    }

    mutating func remove(_ id: Int64) {
        guard let keys = batches.removeValue(forKey: id) else { return }
        users.subtract(keys)
    }
}
