import JSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls the file types make, under names that the types' own `read`, `write`
/// and `close` methods do not shadow, with EINTR retried where a retry is right.
enum Syscall {
    /// read(2), retried on EINTR: bytes read (0 at end of file) or the errno value.
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Errno> {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .success(0) }
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, base, buffer.count)
            #else
            let n = Darwin.read(fd, base, buffer.count)
            #endif
            if n >= 0 { return .success(n) }
            if errno != EINTR { return .failure(Errno(errno)) }
        }
    }

    /// write(2), retried on EINTR: bytes written (maybe fewer than asked) or the errno value.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Result<Int, Errno> {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .success(0) }
        while true {
            #if canImport(Glibc)
            let n = Glibc.write(fd, base, bytes.count)
            #else
            let n = Darwin.write(fd, base, bytes.count)
            #endif
            if n >= 0 { return .success(n) }
            if errno != EINTR { return .failure(Errno(errno)) }
        }
    }

    /// close(2). Not retried on EINTR: on Linux the descriptor is gone even then, and a retry
    /// could close a descriptor another thread has just been given.
    static func close(_ fd: Int32) -> Errno? {
        #if canImport(Glibc)
        let rc = Glibc.close(fd)
        #else
        let rc = Darwin.close(fd)
        #endif
        return rc == 0 ? nil : Errno(errno)
    }

    /// fsync(2), retried on EINTR.
    static func fsync(_ fd: Int32) -> Errno? {
        while true {
            #if canImport(Glibc)
            let rc = Glibc.fsync(fd)
            #else
            let rc = Darwin.fsync(fd)
            #endif
            if rc == 0 { return nil }
            if errno != EINTR { return Errno(errno) }
        }
    }
}

/// An `errno` value with the operating system's text for messages.
struct Errno: Error, Equatable {
    var code: Int32
    init(_ code: Int32) { self.code = code }
    /// "No space left on device".
    var text: String { String(cString: strerror(code)) }
}
