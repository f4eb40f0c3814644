/// Why a job file cannot be used (exit status 78). Each names the file and, where the TOML
/// text shows it, the line of the key.
public enum SyncJobError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int, column: Int, message: String)
    case missing(file: String, key: String)
    case unknownKey(file: String, line: Int?, key: String)
    case wrongType(file: String, line: Int?, key: String, expected: String, found: String)
    case invalid(file: String, line: Int?, key: String, message: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): cannot read the job file: \(reason)"
        case .syntax(let file, let line, let column, let message):
            "\(file):\(line):\(column): not valid TOML: \(message)"
        case .missing(let file, let key):
            "\(file): \(key) is required"
        case .unknownKey(let file, let line, let key):
            "\(Self.place(file, line))unknown key \(key)"
        case .wrongType(let file, let line, let key, let expected, let found):
            "\(Self.place(file, line))\(key) must be \(expected), not \(found)"
        case .invalid(let file, let line, let key, let message):
            "\(Self.place(file, line))\(key): \(message)"
        }
    }

    private static func place(_ file: String, _ line: Int?) -> String {
        line.map { "\(file):\($0): " } ?? "\(file): "
    }

    public static let exitStatus: Int32 = 78
}
