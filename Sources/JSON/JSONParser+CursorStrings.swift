/// String literals: the scan that finds the closing quote and the decoding of escapes.
extension JSONParser.Cursor {
    /// A string value (see `string(tagging:tag:)`).
    package mutating func string() throws(JSONParseError) -> String {
        var tag: UInt64 = 0
        return try string(tagging: false, tag: &tag)
    }

    /// Reads the string literal whose opening quote is at `i`. Runs without escapes become a
    /// String straight from the input bytes; once an escape is seen, the text is assembled in
    /// `scratch`. UTF-8 is checked as the scan passes non-ASCII bytes. For a key (`tagging`),
    /// also works out its tag and looks it up in the key cache.
    @inline(__always)
    package mutating func string(tagging: Bool, tag: inout UInt64) throws(JSONParseError) -> String {
        i += 1
        let start = i
        var runStart = start
        var escaped = false
        var ascii = true
        while true {
            while i + 8 <= end {
                let stops = ByteScan.stringStops(ByteScan.word(p + i))
                if stops != 0 {
                    i += stops.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            guard i < end else { throw unexpected("unterminated string") }
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                let s: String
                if escaped {
                    appendRun(from: runStart)
                    s = String(decoding: scratch, as: UTF8.self)
                    if tagging && ascii {
                        tag = scratch.withUnsafeBufferPointer { b in
                            b.baseAddress.map { Self.keyTag($0, b.count) } ?? Self.keyTag(p, 0)
                        }
                    }
                } else if tagging && ascii {
                    s = cachedKey(from: start, to: i)
                    tag = Self.keyTag(p + start, i - start)
                } else {
                    s = text(from: start, to: i)
                }
                i += 1
                return s
            } else if c == UInt8(ascii: "\\") {
                if !escaped {
                    scratch.removeAll(keepingCapacity: true)
                    escaped = true
                }
                appendRun(from: runStart)
                if try escape() { ascii = false }
                runStart = i
            } else if c < 0x20 {
                throw JSONParseError(.invalidJSON, offset: i, "unescaped control character in string")
            } else if c < 0x80 {
                i += 1
            } else {
                let n = ByteScan.utf8SequenceLength(p, i, end)
                if n == 0 { throw JSONParseError(.invalidUTF8, offset: i, "invalid UTF-8") }
                i += n
                ascii = false
            }
        }
    }

    @inline(__always)
    package mutating func appendRun(from runStart: Int) {
        if i > runStart {
            scratch.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: i - runStart))
        }
    }

    /// Decodes the escape whose backslash is at `i` into `scratch`; true when the character
    /// it stands for is not ASCII.
    package mutating func escape() throws(JSONParseError) -> Bool {
        let backslash = i
        guard i + 1 < end else {
            i = end
            throw unexpected("unterminated string")
        }
        let letter = p[i + 1]
        if let byte = JSONByte.shortEscape(letter) {
            scratch.append(byte)
            i += 2
            return false
        }
        guard letter == UInt8(ascii: "u") else {
            throw JSONParseError(.invalidJSON, offset: backslash, "invalid escape")
        }
        var scalar = try hex4(at: i + 2)
        i += 6
        if scalar & 0xFC00 == 0xD800 {
            // A high surrogate is only meaningful with a low one right after it.
            guard i + 1 < end, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else {
                throw JSONParseError(.invalidUTF8, offset: backslash, "unpaired surrogate escape")
            }
            let low = try hex4(at: i + 2)
            guard low & 0xFC00 == 0xDC00 else {
                throw JSONParseError(.invalidUTF8, offset: backslash, "unpaired surrogate escape")
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            i += 6
        } else if scalar & 0xFC00 == 0xDC00 {
            throw JSONParseError(.invalidUTF8, offset: backslash, "unpaired surrogate escape")
        }
        appendUTF8(scalar)
        return scalar >= 0x80
    }

    /// The value of the four hex digits at `at`; an error points at the escape's backslash (`i`).
    package mutating func hex4(at start: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for k in start..<start + 4 {
            guard k < end else {
                i = end
                throw unexpected("unterminated string")
            }
            let c = p[k]
            let digit: UInt8
            if c &- UInt8(ascii: "0") < 10 {
                digit = c &- UInt8(ascii: "0")
            } else if (c | 0x20) &- UInt8(ascii: "a") < 6 {
                digit = (c | 0x20) &- UInt8(ascii: "a") + 10
            } else {
                throw JSONParseError(.invalidJSON, offset: i, "invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Appends a scalar value (never a surrogate) as UTF-8.
    package mutating func appendUTF8(_ v: UInt32) {
        if v < 0x80 {
            scratch.append(UInt8(v))
        } else if v < 0x800 {
            scratch.append(UInt8(0xC0 | v >> 6))
            scratch.append(UInt8(0x80 | v & 0x3F))
        } else if v < 0x10000 {
            scratch.append(UInt8(0xE0 | v >> 12))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        } else {
            scratch.append(UInt8(0xF0 | v >> 18))
            scratch.append(UInt8(0x80 | v >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
