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

    /// JSON's insignificant whitespace: space, tab, LF, CR.
    @inline(__always)
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == lf || byte == cr || byte == tab
    }
}
