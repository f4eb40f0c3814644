import JSON
import Schemas

/// Writes whole `/users/track` request bodies, `{"attributes": [...]}`, of at most
/// `batchSize` (75) attributes objects each; the last body holds the remainder.
public struct BrazeTrackWriter: FormatWriter {
    let encoder: BrazeAttributesEncoder
    let batchSize: Int
    /// The serialised attributes objects of the body being filled, comma-separated.
    private var batch: [UInt8] = []
    private var count = 0

    public init(limits: Limits, appIds: BrazeAppIds? = nil) {
        encoder = BrazeAttributesEncoder(limits: limits, appIds: appIds)
        batchSize = limits.batchSize
    }

    public func encode(_ profile: Profile, into value: inout [UInt8], notes: inout Notes) throws(Reject) {
        try encoder.encode(profile, appendingTo: &value, notes: &notes)
    }

    public mutating func emit(_ value: [UInt8], to out: inout ContainerWriter) {
        if count > 0 { batch.append(UInt8(ascii: ",")) }
        batch.append(contentsOf: value)
        count += 1
        if count == batchSize { emit(to: &out) }
    }

    public mutating func finish(to out: inout ContainerWriter) {
        if count > 0 { emit(to: &out) }
    }

    private mutating func emit(to out: inout ContainerWriter) {
        out.value { buffer in
            buffer.append(contentsOf: #"{"attributes":["#.utf8)
            buffer.append(contentsOf: batch)
            buffer.append(contentsOf: "]}".utf8)
        }
        batch.removeAll(keepingCapacity: true)
        count = 0
    }
}
