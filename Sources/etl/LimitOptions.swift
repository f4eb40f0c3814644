import ArgumentParser
import Converters
import JSON
import Schemas

/// Braze's limits, as options because Braze's documents disagree between versions. Each is
/// optional so that one given for a target that does not use it is a usage error, not ignored.
struct LimitOptions: ParsableArguments {
    @Option(help: "Most values in a custom attribute array; the oldest are dropped past it (1-500, default 25). With --to braze-attributes or braze-track.")
    var arrayLimit: Int?

    @Option(help: "Most bytes of a nested object custom attribute, serialised (default 51200). With --to braze-attributes or braze-track.")
    var maxObjectBytes: Int?

    @Option(help: "Attribute objects per braze-track request body (1-75, default 75). With --to braze-track.")
    var batchSize: Int?

    @Option(help: "Most bytes in one input record; larger records are rejected (default 16 MiB).")
    var maxRecordBytes = 16 * 1024 * 1024

    func validate() throws {
        if let arrayLimit, !(1...Limits.maxArrayLimit).contains(arrayLimit) {
            throw ValidationError("--array-limit must be 1 to \(Limits.maxArrayLimit)")
        }
        if let batchSize, !(1...Limits.maxBatchSize).contains(batchSize) {
            throw ValidationError("--batch-size must be 1 to \(Limits.maxBatchSize)")
        }
        if let maxObjectBytes, maxObjectBytes <= 0 { throw ValidationError("--max-object-bytes must be positive") }
        guard maxRecordBytes >= 1024 else { throw ValidationError("--max-record-bytes must be at least 1024") }
    }

    /// The Braze limits do nothing for another target: say so rather than ignore them.
    func check(to: Format?) throws {
        let braze = to == .brazeAttributes || to == .brazeTrack
        if arrayLimit != nil && !braze { throw ValidationError("--array-limit applies to --to braze-attributes or braze-track only") }
        if maxObjectBytes != nil && !braze { throw ValidationError("--max-object-bytes applies to --to braze-attributes or braze-track only") }
        if batchSize != nil && to != .brazeTrack { throw ValidationError("--batch-size applies to --to braze-track only") }
    }

    var limits: Limits {
        var l = Limits()
        if let arrayLimit { l.arrayLimit = arrayLimit }
        if let maxObjectBytes { l.maxObjectBytes = maxObjectBytes }
        if let batchSize { l.batchSize = batchSize }
        l.maxRecordBytes = maxRecordBytes
        return l
    }
}
