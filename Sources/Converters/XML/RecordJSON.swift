import JSON

/// The JSON bytes of one XML record as `XMLFrameReader` writes them, capped at `limit`: bytes
/// past it are counted in `length`, not kept. A value, passed `inout` down the element walk: as
/// stored properties of the reader (a class), every byte cost a dynamic exclusivity check.
struct RecordJSON {
    var bytes: [UInt8] = []
    /// Bytes written, kept or not.
    private(set) var length = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    var isOversized: Bool { length > limit }

    /// Empties it for the next record, keeping its storage.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        length = 0
    }

    mutating func emit(_ byte: UInt8) {
        length += 1
        if length <= limit { bytes.append(byte) }
    }

    /// Bytes as `emit` would put them one by one: those up to `limit` kept, all counted.
    mutating func emitRun(_ run: UnsafeRawBufferPointer) {
        let room = limit - length
        if room > 0 { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: run.prefix(room))) }
        length += run.count
    }

    mutating func emitString(_ text: UnsafeRawBufferPointer, escaped: Bool) {
        emit(JSONByte.quote)
        emitText(text, escaped: escaped)
        emit(JSONByte.quote)
    }

    /// Text into a JSON string body: JSON-escaped, or as is when it is already (`escaped`).
    mutating func emitText(_ text: UnsafeRawBufferPointer, escaped: Bool) {
        if escaped {
            length += text.count
            if length <= limit { bytes.append(contentsOf: text) }
            return
        }
        // Runs that need no escaping go in whole. (Literals, not JSONByte's statics: those are
        // calls from this module, in the loop.)
        var runStart = 0
        for (i, byte) in text.enumerated() where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
            emitRun(UnsafeRawBufferPointer(rebasing: text[runStart..<i]))
            runStart = i + 1
            emit(JSONByte.backslash)
            switch byte {
            case 0x0A: emit(UInt8(ascii: "n"))
            case 0x0D: emit(UInt8(ascii: "r"))
            case 0x09: emit(UInt8(ascii: "t"))
            case 0..<0x20:
                // XML 1.0 cannot hold these unescaped, libxml2 has refused them already.
                for b in "u00".utf8 { emit(b) }
                emit(XMLMapping.hex[Int(byte >> 4)])
                emit(XMLMapping.hex[Int(byte & 15)])
            default:
                emit(byte)
            }
        }
        emitRun(UnsafeRawBufferPointer(rebasing: text[runStart...]))
    }
}
