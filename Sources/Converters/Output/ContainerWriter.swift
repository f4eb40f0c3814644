import JSON
/// Lays written values out in an output container and hands full buffers to a sink.
/// `ndjson`: one value a line. `json`: one array with one value a line inside it, so that
/// either can be read back as a stream. `xml`: one record element a line inside `<records>`
/// (`XMLMapping`).
public struct ContainerWriter {
    public enum Layout: String, CaseIterable, Sendable { case ndjson, json, xml }

    public let layout: Layout
    /// Bytes not yet handed to the sink.
    public var buffer: [UInt8] = []
    public private(set) var valuesWritten = 0
    public private(set) var bytesWritten: Int64 = 0
    private let sink: any ByteSink
    private let flushThreshold: Int
    private let xml: XMLRecordWriter?
    /// One value's JSON, for the XML writer to transcode.
    private var scratch: [UInt8] = []

    public init(layout: Layout, sink: any ByteSink, flushThreshold: Int = 1 << 20) {
        self.layout = layout
        self.sink = sink
        self.flushThreshold = flushThreshold
        xml = layout == .xml ? XMLRecordWriter() : nil
        buffer.reserveCapacity(flushThreshold + 64 * 1024)
    }

    /// Writes one top-level value; `body` appends its JSON bytes to `buffer`.
    public mutating func value(_ body: (inout [UInt8]) -> Void) {
        switch layout {
        case .ndjson:
            body(&buffer)
            buffer.append(UInt8(ascii: "\n"))
        case .json:
            buffer.append(contentsOf: valuesWritten == 0 ? "[\n".utf8 : ",\n".utf8)
            body(&buffer)
        case .xml:
            if valuesWritten == 0 { buffer.append(contentsOf: XMLMapping.prologue) }
            scratch.removeAll(keepingCapacity: true)
            body(&scratch)
            xml?.write(json: scratch, to: &buffer)
        }
        valuesWritten += 1
    }

    /// Writes pending bytes to the sink once enough have gathered.
    public mutating func flushIfNeeded() throws(OutputFailure) {
        if buffer.count >= flushThreshold { try flush() }
    }

    public mutating func flush() throws(OutputFailure) {
        guard !buffer.isEmpty else { return }
        try sink.write(buffer)
        bytesWritten += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Closes the container (an empty `json` output is `[]`) and flushes.
    public mutating func finish() throws(OutputFailure) {
        switch layout {
        case .ndjson: break
        case .json: buffer.append(contentsOf: valuesWritten == 0 ? "[]\n".utf8 : "\n]\n".utf8)
        case .xml:
            if valuesWritten == 0 { buffer.append(contentsOf: XMLMapping.prologue) }
            buffer.append(contentsOf: XMLMapping.epilogue)
        }
        try flush()
    }
}
