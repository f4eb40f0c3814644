import JSON
/// One input of a run, opened for the pipeline: a path, or "-" for standard input.
///
/// gzip is recognised by its magic bytes (1f 8b), whatever the name; reading gives the
/// decompressed bytes either way. The first bytes are peeked and then handed out again, so
/// nothing is lost even from a pipe. An empty input is a valid empty stream. Faults thrown by
/// `read` carry `path` as their file.
public final class InputFile: ByteSource {
    /// The path as given; "-" for standard input.
    public let path: String
    /// True when the input starts with the gzip magic bytes and is decompressed.
    public let isGzip: Bool
    private let raw: PeekedSource
    private let decoded: ByteSource
    private let file: FileSource?
    /// Runs the gzip decoder on its own thread (inflate is a sixth of a gz -> gz run's CPU).
    private let readAhead: ReadAheadSource?

    /// Opens `path` ("-" is standard input) and looks at its first bytes.
    public static func open(_ path: String) throws(InputFault) -> InputFile {
        let file = path == "-" ? FileSource.standardInput() : try FileSource(path: path)
        return try InputFile(file, path: path, file: file)
    }

    /// Reads any source as an input (tests feed a `MemorySource` here).
    public convenience init(_ source: ByteSource, path: String) throws(InputFault) {
        try self.init(source, path: path, file: nil)
    }

    private init(_ source: ByteSource, path: String, file: FileSource?) throws(InputFault) {
        self.path = path
        self.file = file
        do {
            raw = try PeekedSource(source, peeking: 2)
            isGzip = raw.peeked == [0x1f, 0x8b]
            if isGzip {
                let decoder = try GzipDecoder(raw)
                let readAhead = ReadAheadSource(decoder) { [raw] in (raw.bytesRead, decoder.members) }
                self.readAhead = readAhead
                decoded = readAhead
            } else {
                readAhead = nil
                decoded = raw
            }
        } catch {
            throw Self.named(error, path)
        }
    }

    /// Bytes read from the file itself so far (compressed bytes for gzip input).
    public var rawBytesRead: Int64 { readAhead?.counters.rawBytes ?? raw.bytesRead }

    /// gzip members decoded to their end so far; 0 for plain input.
    public var gzipMembers: Int { readAhead?.counters.members ?? 0 }

    /// "<stdin>" for "-", else the path: for messages.
    public var displayName: String { path == "-" ? "<stdin>" : path }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int {
        do {
            return try decoded.read(into: buffer)
        } catch {
            throw Self.named(error, path)
        }
    }

    /// Closes the file (standard input stays open). Safe to call twice.
    public func close() {
        // The read-ahead thread may be reading the file: stop it first.
        readAhead?.stop()
        file?.close()
    }

    private static func named(_ fault: InputFault, _ path: String) -> InputFault {
        var fault = fault
        if fault.file == nil { fault.file = path == "-" ? "<stdin>" : path }
        return fault
    }
}

/// Reads the first bytes of a source ahead, then hands them out again before the rest, and
/// counts every byte read from the source.
private final class PeekedSource: ByteSource {
    private let source: ByteSource
    /// Up to the asked number of first bytes; fewer only when the source is that short.
    let peeked: [UInt8]
    private var replayed = 0
    private(set) var bytesRead: Int64 = 0

    init(_ source: ByteSource, peeking count: Int) throws(InputFault) {
        self.source = source
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
        defer { bytes.deallocate() }
        var have = 0
        // A pipe may give one byte at a time: read until `count` bytes or end of input.
        while have < count {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[have...]))
            if n == 0 { break }
            have += n
        }
        peeked = Array(bytes[..<have])
        bytesRead = Int64(have)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int {
        if replayed < peeked.count {
            let n = min(buffer.count, peeked.count - replayed)
            for i in 0..<n { buffer[i] = peeked[replayed + i] }
            replayed += n
            return n
        }
        let n = try source.read(into: buffer)
        bytesRead += Int64(n)
        return n
    }
}
