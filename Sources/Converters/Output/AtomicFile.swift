import JSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file published all at once: bytes go to a temporary file in the
/// same folder, and `commit` flushes, fsyncs and renames it over the final path. Until then the
/// final path keeps its previous file (or none); if the process dies, only the hidden temporary
/// file `.<name>.etl-tmp-<pid>-<random>` is left behind (removed by a signal handler on
/// SIGINT, SIGTERM and SIGHUP; after SIGKILL, by the next run to the same path, see
/// `TemporaryFiles.removeStale`).
///
/// The temporary file is made with mode 0644 less the umask; when the final path already holds
/// a file, its permission bits are copied, so replacing a private 0600 dump does not widen it.
/// A final path that exists but is not a regular file (/dev/null, a named pipe, a folder) is
/// refused: a rename would replace the device or pipe itself. Write to such paths with
/// `FileSink(path:)`. A symbolic link at the final path is replaced, not followed.
public final class AtomicFile {
    private enum State { case open, committed, aborted }

    /// The final path.
    public let path: String
    /// Where the bytes are written until `commit`.
    public let temporaryPath: String
    /// Write the file's bytes here (or through an encoder in front of it).
    public let sink: FileSink
    private let directory: String
    private var state = State.open

    public init(path: String, bufferSize: Int = 1 << 20) throws(OutputFailure) {
        let (directory, name) = Self.split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw OutputFailure("\(path): not a file name")
        }
        var keptMode: mode_t?
        var existing = stat()
        if stat(path, &existing) == 0 {
            guard existing.st_mode & S_IFMT == S_IFREG else {
                throw OutputFailure("\(path): exists and is not a regular file; it cannot be replaced atomically")
            }
            keptMode = existing.st_mode & 0o777
        }

        // Keep the temporary name within NAME_MAX however long the final name is.
        let stem = String(decoding: name.utf8.prefix(200), as: UTF8.self)
        TemporaryFiles.removeStale(in: directory, stem: stem)
        var attempt = 0
        while true {
            let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let candidate = "\(directory)/.\(stem).etl-tmp-\(getpid())-\(random)"
            // Created and registered with the stop signals held back, so that a SIGTERM between
            // the two cannot leave the file behind.
            let fd = TemporaryFiles.withStopSignalsBlocked {
                let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                if fd >= 0 { TemporaryFiles.register(candidate) }
                return fd
            }
            if fd >= 0 {
                // Only an existing file's mode is copied; a new file keeps 0644 less the umask.
                // A failed fchmod leaves the safe default, so it is not an error.
                if let keptMode { _ = fchmod(fd, keptMode) }
                self.path = path
                self.directory = directory
                temporaryPath = candidate
                sink = FileSink(owning: fd, path: path, bufferSize: bufferSize)
                return
            }
            let code = errno
            attempt += 1
            if code != EEXIST || attempt >= 16 {
                throw OutputFailure("\(path): cannot create a temporary file in \(directory): \(Errno(code).text)")
            }
        }
    }

    deinit {
        abort()
    }

    /// Flushes, fsyncs and closes the temporary file, renames it over `path`, then fsyncs the
    /// folder so the rename itself survives a crash. On failure the temporary file is removed
    /// and the final path is left as it was. Calling it again after success does nothing.
    public func commit() throws(OutputFailure) {
        switch state {
        case .committed: return
        case .aborted: throw OutputFailure("\(path): commit after abort")
        case .open: break
        }
        do {
            try sink.finish()
            try sink.sync()
        } catch {
            abort()
            throw error
        }
        if let error = sink.closeReportingError() {
            abort()
            throw error
        }
        guard rename(temporaryPath, path) == 0 else {
            let text = Errno(errno).text
            abort()
            throw OutputFailure("\(path): cannot rename the temporary file into place: \(text)")
        }
        state = .committed
        TemporaryFiles.unregister(temporaryPath)
        syncDirectory()
    }

    /// Closes and removes the temporary file; the final path is untouched. Safe to call twice,
    /// and does nothing after a commit.
    public func abort() {
        guard state == .open else { return }
        state = .aborted
        sink.close()
        _ = unlink(temporaryPath)
        TemporaryFiles.unregister(temporaryPath)
    }

    /// Best effort: the file is already in place, and some file systems refuse fsync on a
    /// folder (EINVAL), so a failure here does not undo or fail the commit.
    private func syncDirectory() {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = Syscall.fsync(fd)
        _ = Syscall.close(fd)
    }

    /// "out/a.json" -> ("out", "a.json"); "a.json" -> (".", "a.json"); "/a" -> ("/", "a").
    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let name = String(path[path.index(after: slash)...])
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, name)
    }
}
