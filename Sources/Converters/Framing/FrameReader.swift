import JSON
/// Reads records' bytes from a byte source: detects the container, skips a leading byte order
/// mark, drives the container's framer over fixed-size chunks and turns its faults into
/// `InputFault`s with stream offsets. Memory stays bounded: a record lying in one chunk is
/// handed out in place, one spanning chunks is copied into a reusable buffer, and of a record
/// over `maxRecordBytes` only the first `Frame.prefixLength` bytes are handed out. An XML
/// stream is handed to `XMLFrameReader`, which makes the same frames.
public final class FrameReader {
    /// The stream's container: the one asked for, or the detected one once `detectContainer()`
    /// or `next()` has run (`ndjson` until then).
    public private(set) var container: Container
    /// Decompressed bytes consumed from the source.
    public var bytesRead: Int64 { prefixBytesRead + (xml?.sourceBytesRead ?? 0) }
    /// Read here; an XML stream's later bytes are read by `xml`.
    private var prefixBytesRead: Int64 = 0

    public var counters: FramingCounters { framer.counters }

    /// Set once the container is detected (not given) when the stream's start looks like a
    /// CSV, TSV or HTML file rather than records: the pipeline stops with its message.
    public private(set) var lookalike: Lookalike?

    private let source: any ByteSource
    private let requestedContainer: Container?
    private let maxRecordBytes: Int
    private let chunkSize: Int
    /// The container's framer once `start()` has settled it; until then, and for an XML
    /// stream (framed by `xml`), an NDJSON framer that never sees a byte, so that `counters`
    /// reads as "nothing seen outside records".
    private var framer: any Framer = NDJSONFramer()
    private var xml: XMLFrameReader?
    private let maxDepth: Int

    /// The chunk being framed is `buffer[0..<chunkLength]`, at `chunkOffset` in the stream.
    private let buffer: UnsafeMutableRawBufferPointer
    private var chunkLength = 0
    private var chunkOffset: Int64 = 0
    private var index = 0
    private var started = false
    private var sourceEnded = false
    private var finished = false
    private var fault: InputFault?

    /// The open (or last) record.
    private var recordNumber = 0
    private var recordOpen = false
    private var recordOffset: Int64 = 0
    private var recordLine = 0
    /// Where the open record starts in the chunk; nil once it spans chunks and lives in `kept`.
    private var recordStartIndex: Int?
    private var kept: UnsafeMutableRawBufferPointer
    private var keptCount = 0
    /// `kept` never grows past this: enough for any record that is not oversized.
    private let keptLimit: Int

    public init(source: any ByteSource, container: Container?, maxRecordBytes: Int, maxDepth: Int = 128,
                chunkSize: Int = 1 << 20) {
        self.source = source
        self.maxDepth = maxDepth
        self.requestedContainer = container
        self.container = container ?? .ndjson
        self.maxRecordBytes = max(maxRecordBytes, 0)
        self.chunkSize = max(chunkSize, 1)
        // Detection may read up to `detectionLimit` bytes before framing starts.
        buffer = .allocate(byteCount: max(self.chunkSize, Container.detectionLimit), alignment: 16)
        keptLimit = max(self.maxRecordBytes, Frame.prefixLength)
        kept = .allocate(byteCount: min(keptLimit, 64 * 1024), alignment: 16)
    }

    deinit {
        buffer.deallocate()
        kept.deallocate()
    }

    /// Reads as much of the stream's start as it takes to settle the container.
    public func detectContainer() throws(InputFault) -> Container {
        if !started {
            try guarded { () throws(InputFault) in try start() }
        }
        return container
    }

    /// The next record, or nil at end of input. Its bytes are valid until the next call.
    /// A fault carries the stream offset of the offending byte (end of input when the stream
    /// stops too early) and, as `record`, the record in progress or else the last one started
    /// (nil before the first). After a fault, every call throws it again.
    public func next() throws(InputFault) -> Frame? {
        if let fault { throw fault }
        if finished { return nil }
        return try guarded { () throws(InputFault) -> Frame? in
            if !started { try start() }
            if let xml {
                let frame = try xml.next()
                if frame == nil { finished = true }
                if let frame { recordNumber = frame.number }
                return frame
            }
            return try nextFrame()
        }
    }

    /// Runs `body`, keeping its fault (with the record number filled in) for later calls.
    private func guarded<T>(_ body: () throws(InputFault) -> T) throws(InputFault) -> T {
        do {
            return try body()
        } catch {
            var fault = error
            if fault.record == nil && recordNumber > 0 { fault.record = recordNumber }
            if fault.line == nil && xml == nil && framer.line > 0 { fault.line = framer.line }
            self.fault = fault
            throw fault
        }
    }

    private func start() throws(InputFault) {
        started = true
        // A given container still needs 4 bytes to see a byte order mark or a UTF-16/32 start.
        // Detection looks at no more than its limit, so that every chunking settles alike.
        let limit = requestedContainer == nil ? Container.detectionLimit : 4
        var detector = ContainerDetector()
        var filled = 0
        var settled: Container?
        // Past detection, read on to 4 bytes, or as far as the lookalike check needs for a
        // stream that does not start like JSON, so that both checks see the same on every chunking.
        while true {
            if settled == nil && (sourceEnded || filled >= limit) {
                settled = requestedContainer ?? detector.finish()
            }
            if settled != nil {
                let lookahead = requestedContainer == nil
                    ? Lookalike.lookahead(UnsafeRawBufferPointer(rebasing: buffer[0..<filled])) : 4
                if sourceEnded || filled >= lookahead { break }
            }
            let room = UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<min(buffer.count, filled + chunkSize)])
            let count = try source.read(into: room)
            if count == 0 { sourceEnded = true }
            if requestedContainer == nil && settled == nil {
                settled = detector.feed(UnsafeRawBufferPointer(rebasing: buffer[filled..<min(filled + count, limit)]))
            }
            filled += count
            prefixBytesRead += Int64(count)
        }
        let start = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
        if let encoding = Container.wideEncoding(start) {
            throw InputFault(.invalidUTF8, "input is \(encoding), not UTF-8: convert it first (iconv -f \(encoding) -t UTF-8)", offset: 0)
        }
        container = settled ?? .ndjson
        if let framer = container.makeFramer() { self.framer = framer }
        chunkLength = filled
        index = Container.byteOrderMarkLength(UnsafeRawBufferPointer(rebasing: buffer[0..<filled])) ?? 0
        if requestedContainer == nil {
            let sniffed = UnsafeRawBufferPointer(rebasing: buffer[index..<max(index, min(filled, Lookalike.sniffLength))])
            lookalike = Lookalike.sniff(sniffed, atEnd: filled < Lookalike.sniffLength)
        }
        if container == .xml {
            xml = XMLFrameReader(source: source, prefix: Array(buffer[index..<filled]), baseOffset: Int64(index),
                                  maxRecordBytes: maxRecordBytes, maxDepth: maxDepth)
        }
    }

    private func nextFrame() throws(InputFault) -> Frame? {
        while true {
            if index == chunkLength {
                if recordOpen {
                    let start = recordStartIndex ?? 0
                    keep(UnsafeRawBufferPointer(rebasing: buffer[start..<chunkLength]))
                    recordStartIndex = nil
                }
                chunkOffset += Int64(chunkLength)
                chunkLength = 0
                index = 0
                if !sourceEnded {
                    let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<chunkSize]))
                    prefixBytesRead += Int64(count)
                    chunkLength = count
                    if count > 0 { continue }
                    sourceEnded = true
                }
                return try endOfInput()
            }
            let event: FrameEvent
            do {
                event = try framer.advance(UnsafeRawBufferPointer(rebasing: buffer[0..<chunkLength]), from: &index)
            } catch {
                throw inputFault(error, at: chunkOffset + Int64(index))
            }
            switch event {
            case .needMore:
                continue
            case .recordStart:
                recordNumber += 1
                recordOpen = true
                recordOffset = chunkOffset + Int64(index)
                recordLine = framer.line
                recordStartIndex = index
                keptCount = 0
            case .recordEnd:
                return frame(endingAt: chunkOffset + Int64(index) - Int64(framer.trailingWhitespace))
            }
        }
    }

    private func endOfInput() throws(InputFault) -> Frame? {
        finished = true
        let end = chunkOffset + Int64(chunkLength)
        let recordEnds: Bool
        do {
            recordEnds = try framer.finish()
        } catch {
            throw inputFault(error, at: end)
        }
        guard recordEnds && recordOpen else { return nil }
        return frame(endingAt: end - Int64(framer.trailingWhitespace))
    }

    private func frame(endingAt end: Int64) -> Frame {
        recordOpen = false
        let length = max(end - recordOffset, 0)
        let isOversized = length > Int64(maxRecordBytes)
        let visible = Int(isOversized ? min(length, Int64(Frame.prefixLength)) : length)
        let bytes: UnsafeRawBufferPointer
        if let start = recordStartIndex {
            bytes = UnsafeRawBufferPointer(rebasing: buffer[start..<start + visible])
        } else {
            // The record spans chunks: the part of this chunk up to its end is not kept yet.
            let endInChunk = Int(max(end - chunkOffset, 0))
            keep(UnsafeRawBufferPointer(rebasing: buffer[0..<min(endInChunk, chunkLength)]))
            bytes = UnsafeRawBufferPointer(rebasing: kept[0..<min(visible, keptCount)])
        }
        var frame = Frame(bytes: bytes, number: recordNumber, offset: recordOffset, length: length, isOversized: isOversized)
        frame.line = recordLine
        return frame
    }

    /// Appends to `kept`, up to `keptLimit` bytes: beyond that the record is oversized anyway.
    private func keep(_ bytes: UnsafeRawBufferPointer) {
        let count = min(bytes.count, keptLimit - keptCount)
        guard count > 0, let source = bytes.baseAddress else { return }
        if keptCount + count > kept.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(
                byteCount: min(max(kept.count * 2, keptCount + count), keptLimit), alignment: 16)
            grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: kept[0..<keptCount]))
            kept.deallocate()
            kept = grown
        }
        guard let destination = kept.baseAddress else { return }
        (destination + keptCount).copyMemory(from: source, byteCount: count)
        keptCount += count
    }

    private func inputFault(_ error: FramingError, at offset: Int64) -> InputFault {
        var fault = InputFault(error.code, error.message, offset: offset, record: recordNumber > 0 ? recordNumber : nil)
        if framer.line > 0 { fault.line = framer.line }
        return fault
    }
}
