import ArgumentParser
import JSON
import Schemas

/// Braze's limits, as options because Braze's documents disagree between versions.
struct LimitOptions: ParsableArguments {
    @Option(help: "Most values in a custom attribute array; the oldest are dropped past it (1-500).")
    var arrayLimit = 25

    @Option(help: "Most bytes of a nested object custom attribute, serialised.")
    var maxObjectBytes = 50 * 1024

    @Option(help: "Attribute objects per braze-track request body (1-75).")
    var batchSize = 75

    @Option(help: "Most bytes in one input record; larger records are rejected.")
    var maxRecordBytes = 16 * 1024 * 1024

    func validate() throws {
        guard (1...Limits.maxArrayLimit).contains(arrayLimit) else {
            throw ValidationError("--array-limit must be 1 to \(Limits.maxArrayLimit)")
        }
        guard (1...Limits.maxBatchSize).contains(batchSize) else {
            throw ValidationError("--batch-size must be 1 to \(Limits.maxBatchSize)")
        }
        guard maxObjectBytes > 0 else { throw ValidationError("--max-object-bytes must be positive") }
        guard maxRecordBytes >= 1024 else { throw ValidationError("--max-record-bytes must be at least 1024") }
    }

    var limits: Limits {
        var l = Limits()
        l.arrayLimit = arrayLimit
        l.maxObjectBytes = maxObjectBytes
        l.batchSize = batchSize
        l.maxRecordBytes = maxRecordBytes
        return l
    }
}
