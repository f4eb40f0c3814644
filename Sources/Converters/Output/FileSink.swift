import JSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to a file descriptor through its own buffer, with write(2).
///
/// Partial writes are continued and EINTR retried; any other failure (EPIPE, ENOSPC, EIO...)
/// is an `OutputFailure` naming the path and the OS's text, and stays: every later call throws
/// it again, so nothing after a lost block can be written as if all were well.
///
/// A closed pipe gives EPIPE only if the process ignores SIGPIPE; otherwise the signal ends the
/// process first. Choosing that is the command layer's job.
public final class FileSink: ByteSink {
    /// The path as given, or "-" for standard output; used in messages.
    public let path: String
    /// Bytes handed to the operating system so far.
    public private(set) var bytesWritten: Int64 = 0
    private var fd: Int32
    private let ownsDescriptor: Bool
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    private var failure: OutputFailure?
    private var finished = false

    /// Creates or truncates `path` and writes to it directly (not atomically; see `AtomicFile`).
    /// For targets that cannot be replaced by a rename, such as /dev/null or a named pipe.
    public convenience init(path: String, bufferSize: Int = 1 << 20) throws(OutputFailure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputFailure("\(path): cannot open for writing: \(Errno(errno).text)")
        }
        self.init(owning: fd, path: path, bufferSize: bufferSize)
    }

    /// Takes over `fd`: `close` closes it.
    public init(owning fd: Int32, path: String, bufferSize: Int = 1 << 20) {
        self.path = path
        self.fd = fd
        self.ownsDescriptor = true
        self.buffer = .allocate(byteCount: max(bufferSize, 1), alignment: 16)
    }

    /// Writes to a descriptor it does not own (standard output): `close` leaves it open.
    public init(borrowing fd: Int32, path: String, bufferSize: Int = 1 << 20) {
        self.path = path
        self.fd = fd
        self.ownsDescriptor = false
        self.buffer = .allocate(byteCount: max(bufferSize, 1), alignment: 16)
    }

    /// Standard output, named "-".
    public static func standardOutput() -> FileSink {
        FileSink(borrowing: STDOUT_FILENO, path: "-")
    }

    deinit {
        close()
        buffer.deallocate()
    }

    /// The descriptor, for `AtomicFile`'s fsync.
    var descriptor: Int32 { fd }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure) {
        try check()
        guard !finished else { throw OutputFailure("\(path): write after finish") }
        var rest = bytes
        while !rest.isEmpty {
            if buffered == 0 && rest.count >= buffer.count {
                // Big writes skip the copy.
                try writeAll(rest)
                return
            }
            let n = min(rest.count, buffer.count - buffered)
            if let base = buffer.baseAddress, let from = rest.baseAddress {
                (base + buffered).copyMemory(from: from, byteCount: n)
            }
            buffered += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            if buffered == buffer.count { try flush() }
        }
    }

    /// Hands everything buffered to the operating system (no fsync).
    public func flush() throws(OutputFailure) {
        try check()
        guard buffered > 0 else { return }
        let pending = UnsafeRawBufferPointer(rebasing: buffer[..<buffered])
        buffered = 0
        try writeAll(pending)
    }

    /// Flushes; no write may follow. Safe to call twice. Does not close the descriptor.
    public func finish() throws(OutputFailure) {
        try flush()
        finished = true
    }

    /// fsync(2): the bytes written so far are on disk when this returns.
    public func sync() throws(OutputFailure) {
        try flush()
        if let error = Syscall.fsync(fd) {
            throw remember(OutputFailure("\(path): fsync failed: \(error.text)"))
        }
    }

    /// Closes the descriptor if this sink owns it, without flushing: what is still buffered is
    /// dropped (call `finish` first to keep it). Safe to call twice.
    public func close() {
        _ = closeReportingError()
    }

    /// `close`, but tells whether close(2) failed: on NFS a failed close can be the first news
    /// of a lost write, so `AtomicFile` must not publish then.
    func closeReportingError() -> OutputFailure? {
        defer {
            fd = -1
            buffered = 0
            finished = true
        }
        guard ownsDescriptor && fd >= 0 else { return nil }
        if let error = Syscall.close(fd) {
            return OutputFailure("\(path): close failed: \(error.text)")
        }
        return nil
    }

    private func check() throws(OutputFailure) {
        if let failure { throw failure }
        if fd < 0 { throw OutputFailure("\(path): write after close") }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure) {
        var rest = bytes
        while !rest.isEmpty {
            switch Syscall.write(fd, rest) {
            case .success(0):
                // Not seen from regular files, pipes or terminals; stop rather than spin.
                throw remember(OutputFailure("\(path): write failed: no bytes accepted"))
            case .success(let n):
                bytesWritten += Int64(n)
                rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            case .failure(let error):
                throw remember(OutputFailure("\(path): write failed: \(error.text)", closedByReader: error.code == EPIPE))
            }
        }
    }

    private func remember(_ failure: OutputFailure) -> OutputFailure {
        self.failure = failure
        return failure
    }
}
