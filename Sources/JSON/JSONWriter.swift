
/// Compact, deterministic JSON output appended to a byte array: no whitespace, keys in object
/// order, numbers as their exact text, strings escaped minimally (only what RFC 8259 requires,
/// with the short escapes where they exist; `/`, DEL and non-ASCII are written raw).
public enum JSONWriter {
    public static func write(_ value: JSONValue, to out: inout [UInt8]) {
        var emitter = ByteEmitter(capacity: 1024)
        emit(value, to: &emitter)
        emitter.flush(to: &out)
    }

    /// A JSON string literal with quotes.
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        var emitter = ByteEmitter(capacity: s.utf8.count + 2)
        emitString(s, to: &emitter)
        emitter.flush(to: &out)
    }

    package static func emit(_ value: JSONValue, to out: inout ByteEmitter) {
        switch value {
        case .null:
            emitLiteral("null", to: &out)
        case .bool(let b):
            emitLiteral(b ? "true" : "false", to: &out)
        case .number(let n):
            emitRaw(n.text, to: &out)
        case .string(let s):
            emitString(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                emit(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let keys = object.keys
            let values = object.values
            for k in keys.indices {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                emitString(keys[k], to: &out)
                out.append(UInt8(ascii: ":"))
                emit(values[k], to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    package static func emitString(_ s: String, to out: inout ByteEmitter) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { escape($0, to: &out) }
        if done == nil {
            var copy = s
            copy.withUTF8 { escape($0, to: &out) }
        }
    }

    /// Writes `bytes` as a quoted literal, copying each run that needs no escaping in one piece.
    package static func escape(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteEmitter) {
        let n = bytes.count
        // Room for the common case, no escapes; each escape reserves its own.
        out.reserve(n + 2)
        out.appendReserved(UInt8(ascii: "\""))
        guard let p = bytes.baseAddress else {
            out.appendReserved(UInt8(ascii: "\""))
            return
        }
        var i = 0
        var runStart = 0
        while true {
            while i + 8 <= n {
                let stops = ByteScan.escapeStops(ByteScan.word(p + i))
                if stops != 0 {
                    i += stops.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            while i < n && !needsEscape(p[i]) { i += 1 }
            guard i < n else { break }
            out.append(p + runStart, count: i - runStart)
            appendEscape(p[i], to: &out)
            i += 1
            runStart = i
        }
        out.append(p + runStart, count: n - runStart)
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    package static func needsEscape(_ c: UInt8) -> Bool {
        c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\")
    }

    package static func appendEscape(_ c: UInt8, to out: inout ByteEmitter) {
        out.reserve(6)
        out.appendReserved(UInt8(ascii: "\\"))
        switch c {
        case UInt8(ascii: "\""): out.appendReserved(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.appendReserved(UInt8(ascii: "\\"))
        case 0x08: out.appendReserved(UInt8(ascii: "b"))
        case 0x0C: out.appendReserved(UInt8(ascii: "f"))
        case 0x0A: out.appendReserved(UInt8(ascii: "n"))
        case 0x0D: out.appendReserved(UInt8(ascii: "r"))
        case 0x09: out.appendReserved(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            let digits = hex.utf8Start
            out.appendReserved(UInt8(ascii: "u"))
            out.appendReserved(UInt8(ascii: "0"))
            out.appendReserved(UInt8(ascii: "0"))
            out.appendReserved(digits[Int(c >> 4)])
            out.appendReserved(digits[Int(c & 0xF)])
        }
    }

    @inline(__always)
    package static func emitLiteral(_ s: StaticString, to out: inout ByteEmitter) {
        out.append(s.utf8Start, count: s.utf8CodeUnitCount)
    }

    /// Text that needs no escaping (a number's digits), copied as is.
    package static func emitRaw(_ s: String, to out: inout ByteEmitter) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { buffer in
            if let p = buffer.baseAddress { out.append(p, count: buffer.count) }
        }
        if done == nil {
            for byte in s.utf8 { out.append(byte) }
        }
    }
}
