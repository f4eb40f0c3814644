import JSON
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension TemporaryFiles {
    /// Removes `.<stem>.etl-tmp-<pid>-<hex>` files in `directory` whose process is gone: what a
    /// run killed by SIGKILL (or a power cut) leaves, since no handler runs then. Only files of
    /// the same output name are touched, and only when `kill(pid, 0)` says there is no such
    /// process, so a run still writing keeps its file. (A run in another PID namespace writing
    /// the same path in a shared folder would look dead; two runs publishing one path already
    /// overwrite each other, and its commit then fails loudly rather than publishing.)
    /// Best effort: a file that cannot be removed is left.
    @discardableResult
    package static func removeStale(in directory: String, stem: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        let prefix = Array(".\(stem).etl-tmp-".utf8)
        var removed: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            let bytes = Array(name.utf8)
            guard bytes.count > prefix.count, bytes.starts(with: prefix) else { continue }
            let rest = bytes[prefix.count...]
            guard let dash = rest.firstIndex(of: UInt8(ascii: "-")),
                  let pid = Int32(String(decoding: rest[..<dash], as: UTF8.self)), pid > 0,
                  rest.index(after: dash) < rest.endIndex,
                  rest[rest.index(after: dash)...].allSatisfy({ isHexDigit($0) })
            else { continue }
            guard pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            if unlink("\(directory)/\(name)") == 0 { removed.append(name) }
        }
        return removed
    }

    private static func isHexDigit(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b)
    }
}
