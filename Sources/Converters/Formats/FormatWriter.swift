import JSON
import Schemas

/// Writes profiles as records of one format, in two steps so that a record can still be
/// rejected after it is encoded (`--strict` rejects on any warning) and so that `etl validate`
/// can encode without writing.
public protocol FormatWriter {
    /// Appends one profile's output value to `value`; throws when the format cannot hold this
    /// record at all.
    func encode(_ profile: Profile, into value: inout [UInt8], notes: inout Notes) throws(Reject)
    /// Takes one encoded value. A writer may hold values back (a `/users/track` body collects 75).
    mutating func emit(_ value: [UInt8], to out: inout ContainerWriter)
    /// Emits whatever is held back.
    mutating func finish(to out: inout ContainerWriter)
}

extension FormatWriter {
    public mutating func emit(_ value: [UInt8], to out: inout ContainerWriter) {
        out.value { $0.append(contentsOf: value) }
    }

    public mutating func finish(to out: inout ContainerWriter) {}

    /// Encodes and emits one profile.
    public mutating func write(_ profile: Profile, to out: inout ContainerWriter, notes: inout Notes) throws(Reject) {
        var value: [UInt8] = []
        try encode(profile, into: &value, notes: &notes)
        emit(value, to: &out)
    }
}
