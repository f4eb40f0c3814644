import JSON
import CZlib

// The only file that touches zlib's C API, behind two small Swift types that take and give
// Swift buffers: `Inflater` for `GzipDecoder`, and `Deflater` for `GzipMemberCompressor` when
// libdeflate cannot be loaded (`LibDeflate.swift`). The `z_stream` and its pointers stay here.

/// What one zlib call did: how much input it took, how much output it gave, and how it ended.
struct ZlibStep {
    enum Status: Equatable {
        case ok
        case streamEnd
        /// No progress was possible (zlib's `Z_BUF_ERROR`); not fatal by itself.
        case bufferError
        case needDictionary
        case dataError
        case streamError
        case memoryError
        case other(Int32)
    }

    var consumed: Int
    var produced: Int
    var status: Status
    /// zlib's own message (`strm->msg`), when it set one.
    var message: String?
}

/// Turns a zlib return code into a `ZlibStep.Status`.
private func status(_ code: Int32) -> ZlibStep.Status {
    switch code {
    case Z_OK: .ok
    case Z_STREAM_END: .streamEnd
    case Z_BUF_ERROR: .bufferError
    case Z_NEED_DICT: .needDictionary
    case Z_DATA_ERROR: .dataError
    case Z_STREAM_ERROR: .streamError
    case Z_MEM_ERROR: .memoryError
    default: .other(code)
    }
}

/// zlib's message of a failed init, or a fallback naming the code.
private func initFailure(_ code: Int32, _ stream: UnsafeMutablePointer<z_stream>) -> String {
    if let msg = stream.pointee.msg { return String(cString: msg) }
    switch code {
    case Z_MEM_ERROR: return "zlib: out of memory"
    case Z_VERSION_ERROR: return "zlib: incompatible library version"
    case Z_STREAM_ERROR: return "zlib: invalid parameter"
    default: return "zlib: init failed (\(code))"
    }
}

/// A heap `z_stream` set up by `initialise` (`inflateInit2_`, `deflateInit2_`); freed again and
/// turned into `ZlibInitFailure` when that fails. zlib keeps a back pointer to the z_stream and
/// checks it on every call, so the struct must not move: it lives on the heap, not in a Swift
/// property.
private func makeStream(
    _ initialise: (UnsafeMutablePointer<z_stream>) -> Int32
) throws(ZlibInitFailure) -> UnsafeMutablePointer<z_stream> {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let code = initialise(stream)
    guard code == Z_OK else {
        let message = initFailure(code, stream)
        stream.deallocate()
        throw ZlibInitFailure(message: message)
    }
    return stream
}

/// zlib's `avail_in`/`avail_out` are 32-bit; larger buffers are simply used in several calls.
private let maxChunk = Int(UInt32.max)

/// Runs one zlib call over Swift buffers and reports what it did.
private func step(
    _ stream: UnsafeMutablePointer<z_stream>,
    _ input: UnsafeRawBufferPointer,
    _ output: UnsafeMutableRawBufferPointer,
    _ call: (UnsafeMutablePointer<z_stream>) -> Int32
) -> ZlibStep {
    let inCount = min(input.count, maxChunk)
    let outCount = min(output.count, maxChunk)
    // zlib is built without ZLIB_CONST, so `next_in` is a mutable pointer; zlib never writes
    // through it.
    stream.pointee.next_in = input.baseAddress.map {
        UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self))
    }
    stream.pointee.avail_in = uInt(inCount)
    stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = uInt(outCount)
    let code = call(stream)
    let result = ZlibStep(
        consumed: inCount - Int(stream.pointee.avail_in),
        produced: outCount - Int(stream.pointee.avail_out),
        status: status(code),
        message: stream.pointee.msg.map { String(cString: $0) }
    )
    // Never leave pointers into the caller's buffers behind.
    stream.pointee.next_in = nil
    stream.pointee.avail_in = 0
    stream.pointee.next_out = nil
    stream.pointee.avail_out = 0
    return result
}

/// A gzip-only inflate stream (`inflateInit2` with windowBits 15 + 16). zlib checks each
/// member's header, CRC-32 and length itself; the caller handles what lies between members.
final class Inflater {
    private let stream: UnsafeMutablePointer<z_stream>

    /// Fails only when zlib cannot allocate its state or the library is incompatible.
    init() throws(ZlibInitFailure) {
        stream = try makeStream { inflateInit2_($0, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Starts a new member, keeping the gzip-only setting.
    func reset() {
        inflateReset(stream)
    }

    /// Inflates as much of `input` into `output` as zlib will in one call (`Z_NO_FLUSH`).
    func inflate(from input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> ZlibStep {
        step(stream, input, output) { CZlib.inflate($0, Z_NO_FLUSH) }
    }
}

/// A gzip deflate stream (`deflateInit2` with windowBits 15 + 16, memLevel 8, default
/// strategy). The header zlib writes has no name and mtime 0, so the same input always gives
/// the same bytes.
final class Deflater {
    private let stream: UnsafeMutablePointer<z_stream>

    init(level: Int) throws(ZlibInitFailure) {
        stream = try makeStream {
            deflateInit2_($0, Int32(level), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                          zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Starts a new member with the same settings.
    func reset() {
        deflateReset(stream)
    }

    /// The most bytes `inputCount` bytes can take as one member, header and trailer included.
    func bound(_ inputCount: Int) -> Int {
        Int(deflateBound(stream, uLong(inputCount)))
    }

    /// Compresses `input` into `output`; `finish` asks for the end of the stream (`Z_FINISH`),
    /// which ends with `.streamEnd` once the trailer is out.
    func deflate(from input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, finish: Bool) -> ZlibStep {
        step(stream, input, output) { CZlib.deflate($0, finish ? Z_FINISH : Z_NO_FLUSH) }
    }
}

/// zlib could not set up a stream (out of memory, incompatible library, bad parameter).
struct ZlibInitFailure: Error {
    var message: String
}

/// zlib's version, for `etl --version` and bug reports.
public var zlibVersionString: String { String(cString: zlibVersion()) }
