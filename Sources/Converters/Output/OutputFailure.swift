/// A failure to write output (disk full, closed pipe, compressor error): exit status 1.
public struct OutputFailure: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
