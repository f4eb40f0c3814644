/// A failure to write output (disk full, closed pipe, compressor error): exit status 1.
public struct OutputFailure: Error, Equatable, CustomStringConvertible {
    public var message: String
    /// The reader of a pipe closed it (EPIPE): `etl ... | head` has what it wanted. The run
    /// stops quietly rather than reporting a write error.
    public var closedByReader = false
    public init(_ message: String, closedByReader: Bool = false) {
        self.message = message
        self.closedByReader = closedByReader
    }
    public var description: String { message }
}
