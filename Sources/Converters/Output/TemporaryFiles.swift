import JSON
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Temporary output files to remove when the process is stopped by SIGINT, SIGTERM or SIGHUP,
/// so that a killed cron run leaves no hidden half-written dump beside its output. The signal
/// handler may only call async-signal-safe functions, so the paths live in fixed C memory.
public enum TemporaryFiles {
    private static let capacity = 8
    // Slots are written only from the main thread, before and after the files they name exist;
    // the handler only reads them. A slot is a strdup'ed path or nil.
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()

    /// Installs the handlers; call once at start-up.
    public static func removeOnSignal() {
        _ = slots
        // A parent may have left these blocked (Foundation's Process does): a stop request
        // would then wait forever instead of ending the run.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            sigaddset(&unblock, sig)
            signal(sig) { sig in
                for i in 0..<8 {
                    if let path = TemporaryFiles.slots[i] { unlink(path) }
                }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Runs `body` with SIGINT, SIGTERM and SIGHUP blocked; one arriving meanwhile is handled
    /// right after.
    static func withStopSignalsBlocked<T>(_ body: () -> T) -> T {
        var stop = sigset_t(), previous = sigset_t()
        sigemptyset(&stop)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stop, sig) }
        pthread_sigmask(SIG_BLOCK, &stop, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return body()
    }

    static func register(_ path: String) {
        for i in 0..<capacity where slots[i] == nil {
            slots[i] = strdup(path)
            return
        }
    }

    static func unregister(_ path: String) {
        for i in 0..<capacity {
            if let p = slots[i], String(cString: p) == path {
                slots[i] = nil
                free(p)
            }
        }
    }
}
