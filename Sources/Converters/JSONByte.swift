/// The bytes that JSON framing looks at, named once so that scanners read as the grammar does.
enum JSONByte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openSquare = UInt8(ascii: "[")
    static let closeSquare = UInt8(ascii: "]")
    static let openCurly = UInt8(ascii: "{")
    static let closeCurly = UInt8(ascii: "}")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    /// JSON's insignificant whitespace: space, tab, LF, CR.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == lf || byte == cr || byte == tab
    }
}
