import JSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file published all at once: bytes go to a temporary file in the same folder, and
/// `commit` flushes, fsyncs and renames it over the final path. Until then the final path keeps
/// its previous file (or none).
///
/// Where the file system allows it (Linux `O_TMPFILE`: ext4, xfs, btrfs, tmpfs...) the
/// temporary file has no name until `commit` links it (`linkat`) under a hidden name and renames
/// that over the final path, so a process killed by SIGKILL leaves nothing behind: the kernel
/// frees an unnamed file with its last descriptor. Elsewhere (or with `ETL_TMPFILE=named`) it
/// is the hidden file `.<name>.etl-tmp-<pid>-<random>` from the start, removed by a signal
/// handler on SIGINT, SIGTERM and SIGHUP and, after SIGKILL, by the next run to the same path
/// (`TemporaryFiles.removeStale`).
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
    /// Where the bytes are written until `commit`; nil while the file is unnamed.
    public private(set) var temporaryPath: String?
    /// Made with `O_TMPFILE`: no name until `commit`.
    public let isUnnamed: Bool
    private let stem: String
    /// Write the file's bytes here (or through an encoder in front of it).
    public let sink: FileSink
    private let directory: String
    private var state = State.open

    /// Unnamed temporary files unless `ETL_TMPFILE=named` asks for the named ones.
    public static let unnamedByDefault = getenv("ETL_TMPFILE").map { String(cString: $0) != "named" } ?? true

    public init(path: String, bufferSize: Int = 1 << 20, unnamed: Bool = AtomicFile.unnamedByDefault) throws(OutputFailure) {
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
        self.path = path
        self.directory = directory
        self.stem = stem
        if unnamed, let fd = Self.openUnnamed(in: directory) {
            if let keptMode { _ = fchmod(fd, keptMode) }
            isUnnamed = true
            temporaryPath = nil
            sink = FileSink(owning: fd, path: path, bufferSize: bufferSize)
            return
        }
        isUnnamed = false
        var attempt = 0
        while true {
            let candidate = Self.temporaryName(directory, stem)
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
        if isUnnamed {
            // A name at last, beside the final path, registered like a named temporary file:
            // rename then replaces the previous file atomically, which linkat cannot.
            var linked: String?
            var code: Int32 = 0
            for _ in 0..<16 where linked == nil {
                let candidate = Self.temporaryName(directory, stem)
                let done = TemporaryFiles.withStopSignalsBlocked {
                    let ok = linkat(AT_FDCWD, "/proc/self/fd/\(sink.descriptor)", AT_FDCWD, candidate, AT_SYMLINK_FOLLOW) == 0
                    if ok { TemporaryFiles.register(candidate) } else { code = errno }
                    return ok
                }
                if done { linked = candidate } else if code != EEXIST { break }
            }
            guard let linked else {
                abort()
                throw OutputFailure("\(path): cannot name the temporary file in \(directory): \(Errno(code).text)")
            }
            temporaryPath = linked
        }
        guard let temporaryPath else {
            abort()
            throw OutputFailure("\(path): no temporary file to publish")
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

    /// `.<stem>.etl-tmp-<pid>-<random hex>` in `directory`: the name `removeStale` knows.
    private static func temporaryName(_ directory: String, _ stem: String) -> String {
        "\(directory)/.\(stem).etl-tmp-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
    }

    /// An unnamed file in `directory`, or nil where that is not possible (no `O_TMPFILE` in
    /// the file system or kernel, or no /proc to link it by at commit): then a named one.
    private static func openUnnamed(in directory: String) -> Int32? {
        #if os(Linux)
        guard access("/proc/self/fd", X_OK) == 0 else { return nil }
        // O_TMPFILE is (__O_TMPFILE | O_DIRECTORY); Swift does not import the macro.
        let tmpfile: Int32 = 0o20000000 | O_DIRECTORY
        let fd = open(directory, tmpfile | O_WRONLY | O_CLOEXEC, 0o644)
        return fd >= 0 ? fd : nil
        #else
        return nil
        #endif
    }

    /// Closes and removes the temporary file; the final path is untouched. Safe to call twice,
    /// and does nothing after a commit.
    public func abort() {
        guard state == .open else { return }
        state = .aborted
        sink.close()
        if let temporaryPath {
            _ = unlink(temporaryPath)
            TemporaryFiles.unregister(temporaryPath)
        }
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
