import Schemas

/// Compact, deterministic JSON output appended to a byte array: no whitespace, keys in object
/// order, numbers as their exact text, strings escaped minimally (only what RFC 8259 requires,
/// with the short escapes where they exist; `/`, DEL and non-ASCII are written raw).
public enum JSONWriter {
    public static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null:
            appendLiteral("null", to: &out)
        case .bool(let b):
            appendLiteral(b ? "true" : "false", to: &out)
        case .number(let n):
            appendRaw(n.text, to: &out)
        case .string(let s):
            writeString(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let keys = object.keys
            let values = object.values
            for k in keys.indices {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                writeString(keys[k], to: &out)
                out.append(UInt8(ascii: ":"))
                write(values[k], to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string literal with quotes.
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { escape($0, to: &out) }
        if done == nil {
            var copy = s
            copy.withUTF8 { escape($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `bytes` escaped, copying each run that needs no escaping in one piece.
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let p = bytes.baseAddress else { return }
        let n = bytes.count
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
            if i > runStart { out.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: i - runStart)) }
            appendEscape(p[i], to: &out)
            i += 1
            runStart = i
        }
        if n > runStart { out.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: n - runStart)) }
    }

    @inline(__always)
    static func needsEscape(_ c: UInt8) -> Bool {
        c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\")
    }

    static func appendEscape(_ c: UInt8, to out: inout [UInt8]) {
        let short: UInt8
        switch c {
        case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        default:
            let hex: StaticString = "0123456789abcdef"
            let digits = hex.utf8Start
            out.append(UInt8(ascii: "\\"))
            out.append(UInt8(ascii: "u"))
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "0"))
            out.append(digits[Int(c >> 4)])
            out.append(digits[Int(c & 0xF)])
            return
        }
        out.append(UInt8(ascii: "\\"))
        out.append(short)
    }

    @inline(__always)
    static func appendLiteral(_ s: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Text that needs no escaping (a number's digits), copied as is.
    static func appendRaw(_ s: String, to out: inout [UInt8]) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { out.append(contentsOf: $0) }
        if done == nil { out.append(contentsOf: s.utf8) }
    }
}
