import JSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file, or standard input, with read(2).
public final class FileSource: ByteSource {
    /// The path as given, or "-" for standard input; used in messages.
    public let path: String
    public private(set) var bytesRead: Int64 = 0
    private var fd: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` for reading; a failure is `readFailed` with the OS's text.
    public init(path: String) throws(InputFault) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw InputFault(.readFailed, "cannot open: \(Errno(errno).text)", offset: 0, file: path)
        }
        self.path = path
        self.fd = fd
        self.ownsDescriptor = true
        #if os(Linux)
        // A hint only; whatever it returns changes nothing.
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

    /// Reads a descriptor it does not own (standard input): `close` leaves it open.
    public init(borrowing fd: Int32, path: String) {
        self.path = path
        self.fd = fd
        self.ownsDescriptor = false
    }

    /// Standard input, named "-".
    public static func standardInput() -> FileSource {
        FileSource(borrowing: STDIN_FILENO, path: "-")
    }

    deinit {
        close()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int {
        guard fd >= 0 else {
            throw InputFault(.readFailed, "read after close", offset: bytesRead, file: path)
        }
        switch Syscall.read(fd, buffer) {
        case .success(let n):
            bytesRead += Int64(n)
            return n
        case .failure(let error):
            throw InputFault(.readFailed, "read failed: \(error.text)", offset: bytesRead, file: path)
        }
    }

    /// Closes the descriptor if this source opened it; later reads fail. Safe to call twice.
    public func close() {
        if ownsDescriptor && fd >= 0 {
            // Nothing useful can be done about a failed close of a file we only read.
            _ = Syscall.close(fd)
        }
        fd = -1
    }
}
