import JSON

/// Where the members of an attributes object go, in order, as `BrazeAttributesEncoder` makes
/// them: a `JSONObject` (what `etl sync` compares), or JSON bytes (`AttributeBytes`).
protocol AttributeMembers: ~Copyable {
    /// Adds a member; the encoder never repeats a key.
    mutating func append(_ key: String, _ value: JSONValue)
}

extension JSONObject: AttributeMembers {
    mutating func append(_ key: String, _ value: JSONValue) { appendNew(key, value) }
}

/// An attributes object written as JSON as its members come: no object is built, walked by
/// the writer and freed for every record. The bytes are `JSONWriter`'s for the same object.
struct AttributeBytes: AttributeMembers, ~Copyable {
    private var emitter = ByteEmitter(capacity: 1024)
    private var count = 0

    init() { emitter.append(UInt8(ascii: "{")) }

    mutating func append(_ key: String, _ value: JSONValue) {
        if count > 0 { emitter.append(UInt8(ascii: ",")) }
        count += 1
        JSONWriter.emitString(key, to: &emitter)
        emitter.append(UInt8(ascii: ":"))
        JSONWriter.emit(value, to: &emitter)
    }

    /// Closes the object and appends it to `out`.
    consuming func finish(appendingTo out: inout [UInt8]) {
        emitter.append(UInt8(ascii: "}"))
        emitter.flush(to: &out)
    }
}
