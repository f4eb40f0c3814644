/// The bytes that JSON framing looks at, named once so that scanners read as the grammar does.
package enum JSONByte {
    package static let quote = UInt8(ascii: "\"")
    package static let backslash = UInt8(ascii: "\\")
    package static let comma = UInt8(ascii: ",")
    package static let colon = UInt8(ascii: ":")
    package static let openSquare = UInt8(ascii: "[")
    package static let closeSquare = UInt8(ascii: "]")
    package static let openCurly = UInt8(ascii: "{")
    package static let closeCurly = UInt8(ascii: "}")
    package static let space = UInt8(ascii: " ")
    package static let tab = UInt8(ascii: "\t")
    package static let lf = UInt8(ascii: "\n")
    package static let cr = UInt8(ascii: "\r")

    /// The byte a one-letter escape (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`) stands for,
    /// given the letter after the backslash; nil for `u` (four hex digits follow) and for a
    /// byte that starts no escape. The parser and the streaming validator share it.
    @inline(__always)
    package static func shortEscape(_ letter: UInt8) -> UInt8? {
        switch letter {
        case quote, backslash, UInt8(ascii: "/"): letter
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    /// JSON's insignificant whitespace: space, tab, LF, CR.
    @inline(__always)
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == lf || byte == cr || byte == tab
    }
}
