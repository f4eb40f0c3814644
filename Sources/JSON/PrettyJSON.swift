
/// Indented JSON for files people read (the report); records are written compact.
package enum PrettyJSON {
    package static func write(_ value: JSONValue, to out: inout [UInt8], indent: Int = 0) {
        switch value {
        case .object(let o) where !o.isEmpty:
            out.append(contentsOf: "{\n".utf8)
            for (i, (k, v)) in o.entries.enumerated() {
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
                JSONWriter.writeString(k, to: &out)
                out.append(contentsOf: ": ".utf8)
                write(v, to: &out, indent: indent + 2)
                out.append(contentsOf: i + 1 < o.count ? ",\n".utf8 : "\n".utf8)
            }
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
            out.append(UInt8(ascii: "}"))
        case .array(let a) where !a.isEmpty && a.contains(where: { $0.object != nil }):
            out.append(contentsOf: "[\n".utf8)
            for (i, v) in a.enumerated() {
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent + 2))
                write(v, to: &out, indent: indent + 2)
                out.append(contentsOf: i + 1 < a.count ? ",\n".utf8 : "\n".utf8)
            }
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
            out.append(UInt8(ascii: "]"))
        default:
            JSONWriter.write(value, to: &out)
        }
    }
}
