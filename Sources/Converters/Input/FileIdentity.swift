import Foundation

/// Which file a path names, however it is spelled: `s.gz`, `./s.gz`, `$PWD/s.gz`,
/// `../dir/s.gz`, a symbolic link to it (followed) and a hard link to it all give the same
/// device and inode. A path with no file yet is named by its folder, resolved, and its name,
/// so two spellings of one new output still compare equal. Strings never decide: an input
/// must not be overwritten by its own run under another name.
public struct FileIdentity: Hashable, Sendable {
    private enum Key: Hashable {
        case inode(device: UInt64, inode: UInt64)
        case new(folder: String, name: String)
    }

    private let key: Key

    /// nil when the path cannot be looked at (a missing folder: the run fails on it later).
    public init?(path: String) {
        var s = stat()
        if stat(path, &s) == 0 {
            key = .inode(device: UInt64(s.st_dev), inode: UInt64(s.st_ino))
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        guard let resolved = realpath(folder, nil) else { return nil }
        defer { free(resolved) }
        key = .new(folder: String(cString: resolved), name: url.lastPathComponent)
    }

    /// What standard input is: a file redirected with `< s.gz` is that file.
    public static func standardInput() -> FileIdentity? {
        var s = stat()
        guard fstat(0, &s) == 0 else { return nil }
        return FileIdentity(key: .inode(device: UInt64(s.st_dev), inode: UInt64(s.st_ino)))
    }

    private init(key: Key) { self.key = key }

    /// The first clash between the inputs (`-` is standard input) and the files a run writes,
    /// or between two of those files: a message for a usage error and the options involved;
    /// nil when all differ.
    static func clash(inputs: [String], outputs: [(option: String, path: String)]) -> (message: String, options: [String])? {
        var named: [(FileIdentity, String)] = []
        for path in inputs {
            let identity = path == "-" ? standardInput() : FileIdentity(path: path)
            if let identity { named.append((identity, path == "-" ? "standard input" : "input \(path)")) }
        }
        var written: [(FileIdentity, String, String)] = []
        for (option, path) in outputs {
            guard let identity = FileIdentity(path: path) else { continue }
            if let input = named.first(where: { $0.0 == identity }) {
                return ("\(option) \(path) is the same file as \(input.1) (same device and inode): an input is never overwritten; write to another path", [option])
            }
            if let other = written.first(where: { $0.0 == identity }) {
                return ("\(option) \(path) and \(other.2) \(other.1) name the same file: each output needs a path of its own", [option, other.2])
            }
            written.append((identity, path, option))
        }
        return nil
    }
}
