import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run per job at a time: an exclusive `flock(2)` on `<state>/lock`, held until the
/// process ends. The holder's PID, host and start time are written into the file for the
/// message a second run prints. The kernel drops the lock with its process, so a lock left
/// by a dead run (even after SIGKILL) is simply taken.
public final class StateLock {
    private let fd: Int32
    public let path: String

    /// Who holds the lock, as its file says.
    public struct Holder: Sendable, Equatable {
        public var pid: Int32?
        public var host: String?
        public var started: String?

        public var description: String {
            "pid \(pid.map(String.init) ?? "?") on \(host ?? "?") since \(started ?? "?")"
        }
    }

    public enum Failure: Error, Equatable {
        /// Another live process holds it (exit 75).
        case held(Holder)
        case cannotOpen(String)
    }

    /// Takes the lock, waiting up to `wait` for another holder to finish.
    public init(folder: String, wait: Duration = .zero) throws(Failure) {
        path = folder + "/lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotOpen("\(path): \(String(cString: strerror(errno)))") }
        let end = ContinuousClock.now + wait
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw .cannotOpen("\(path): \(String(cString: strerror(code)))")
            }
            if ContinuousClock.now >= end {
                let holder = Self.readHolder(fd)
                close(fd)
                throw .held(holder)
            }
            usleep(100_000)
        }
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let text = "pid=\(getpid())\nhost=\(String(cString: host))\nstarted=\(SyncClock.timestamp())\n"
        _ = ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        // Emptied first: a reader never sees a released lock's holder as current.
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The holder, if a live process holds the lock now (`status`); nil when it is free.
    public static func currentHolder(folder: String) -> Holder? {
        let fd = open(folder + "/lock", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        return readHolder(fd)
    }

    private static func readHolder(_ fd: Int32) -> Holder {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = pread(fd, &buffer, buffer.count, 0)
        var holder = Holder()
        guard n > 0 else { return holder }
        for line in String(decoding: buffer[..<n], as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "pid": holder.pid = Int32(parts[1])
            case "host": holder.host = parts[1]
            case "started": holder.started = parts[1]
            default: break
            }
        }
        return holder
    }
}

/// Wall-clock text for state rows, reports and run ids (UTC).
enum SyncClock {
    /// `2026-11-30T02:15:00Z`
    static func timestamp(_ date: Date = Date()) -> String {
        format(date, "%Y-%m-%dT%H:%M:%SZ")
    }

    /// `20261130T021500Z`, for run ids that sort by time.
    static func compact(_ date: Date = Date()) -> String {
        format(date, "%Y%m%dT%H%M%SZ")
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        var t = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&t, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let n = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
