import JSON
/// Decompresses a gzip stream read from another `ByteSource`, member after member to the end.
///
/// Strict where `gzread` is lenient: every member is inflated to its end, so zlib checks its
/// CRC-32 and length; input that stops inside a member is `truncatedGzip`; bytes after a member
/// that do not start another one are `trailingGarbage`. That includes trailing zero bytes,
/// which gzip 1.12 skips silently: a dump padded with zeros is not what our users expect to
/// convert without a word. Fault offsets are in the compressed stream.
public final class GzipDecoder: ByteSource {
    private enum State {
        /// Before the first member, or after a member's end: a header, end of input, or garbage.
        case betweenMembers
        case inMember
        case ended
    }

    private let upstream: ByteSource
    private let inflater: Inflater
    private let input: UnsafeMutableRawBufferPointer
    /// Pending compressed bytes are `input[start..<end]`.
    private var start = 0
    private var end = 0
    private var upstreamEnded = false
    private var state = State.betweenMembers
    /// A fault is final: later reads throw it again rather than decode past it.
    private var fault: InputFault?

    /// Compressed bytes taken from the upstream source so far.
    public private(set) var compressedBytesRead: Int64 = 0
    /// Members decoded to their end (trailer checked).
    public private(set) var members = 0

    /// Offset in the compressed stream of the next byte zlib has not taken.
    private var consumedOffset: Int64 { compressedBytesRead - Int64(end - start) }

    /// - Parameter inputBufferSize: compressed bytes read from `upstream` per call.
    public init(_ upstream: ByteSource, inputBufferSize: Int = 256 * 1024) throws(InputFault) {
        self.upstream = upstream
        do {
            inflater = try Inflater()
        } catch {
            throw InputFault(.corruptGzip, error.message, offset: 0, inCompressedFile: true)
        }
        input = .allocate(byteCount: max(inputBufferSize, 16), alignment: 16)
    }

    deinit {
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int {
        if let fault { throw fault }
        do {
            return try decode(into: buffer)
        } catch {
            fault = error
            throw error
        }
    }

    private func decode(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int {
        guard buffer.count > 0 else { return 0 }
        var produced = 0
        while produced < buffer.count {
            switch state {
            case .ended:
                return produced
            case .betweenMembers:
                if try !startMember() {
                    state = .ended
                    return produced
                }
                state = .inMember
            case .inMember:
                if start == end {
                    // Hand over what we have rather than wait on a slow pipe for more.
                    if produced > 0 { return produced }
                    if try !refill() {
                        throw InputFault(.truncatedGzip, "gzip stream ends inside a member", offset: compressedBytesRead, inCompressedFile: true)
                    }
                }
                let step = inflater.inflate(
                    from: UnsafeRawBufferPointer(rebasing: input[start..<end]),
                    into: UnsafeMutableRawBufferPointer(rebasing: buffer[produced...])
                )
                start += step.consumed
                produced += step.produced
                switch step.status {
                case .ok:
                    break
                case .streamEnd:
                    members += 1
                    state = .betweenMembers
                    // Stop at a member's end; the next call looks at what follows.
                    if produced > 0 { return produced }
                case .bufferError:
                    // zlib could not move although it had input and room: refuse to spin.
                    if step.consumed == 0 && step.produced == 0 && start < end {
                        throw corrupt(step, fallback: "zlib made no progress")
                    }
                case .needDictionary:
                    throw corrupt(step, fallback: "gzip member asks for a preset dictionary")
                case .dataError, .streamError, .memoryError, .other:
                    throw corrupt(step, fallback: "invalid gzip data")
                }
            }
        }
        return produced
    }

    /// Looks at what follows a member (or opens the stream): returns false at a clean end of
    /// input, true when a gzip header follows (zlib is reset to read it), and throws otherwise.
    private func startMember() throws(InputFault) -> Bool {
        let first = members == 0
        while end - start < 2 {
            if try !refill() {
                if start == end && !first { return false }
                // Nothing at all, or a lone 0x1f: a member cut short before its header (gzip
                // says "unexpected end of file" too).
                if start == end || input[start] == 0x1f {
                    let what = start == end ? "empty gzip stream" : "gzip stream ends inside a member header"
                    throw InputFault(.truncatedGzip, what, offset: compressedBytesRead, inCompressedFile: true)
                }
                break
            }
        }
        if end - start >= 2 && input[start] == 0x1f && input[start + 1] == 0x8b {
            if !first { inflater.reset() }
            return true
        }
        if first {
            throw InputFault(.corruptGzip, "not in gzip format", offset: consumedOffset, inCompressedFile: true)
        }
        // Judged on the first two bytes only, which are always at hand here: how many more are
        // buffered depends on the reads, and the message must not.
        let zeros = input[start..<min(end, start + 2)].allSatisfy { $0 == 0 }
        let what = zeros ? "trailing zero bytes after the last gzip member" : "trailing garbage after the last gzip member"
        throw InputFault(.trailingGarbage, what, offset: consumedOffset, inCompressedFile: true)
    }

    /// Keeps the pending bytes and reads more after them; false at end of input.
    private func refill() throws(InputFault) -> Bool {
        if upstreamEnded { return false }
        if start > 0 {
            let pending = end - start
            if pending > 0, let base = input.baseAddress {
                base.copyMemory(from: base + start, byteCount: pending)
            }
            start = 0
            end = pending
        }
        let n = try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: input[end...]))
        if n == 0 {
            upstreamEnded = true
            return false
        }
        end += n
        compressedBytesRead += Int64(n)
        return true
    }

    private func corrupt(_ step: ZlibStep, fallback: String) -> InputFault {
        InputFault(.corruptGzip, step.message ?? fallback, offset: consumedOffset, inCompressedFile: true)
    }
}
