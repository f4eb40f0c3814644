/// A stream of bytes read in chunks: a file, stdin, or a decompressor over one of those.
public protocol ByteSource: AnyObject {
    /// Fills at most `buffer.count` bytes and returns how many; 0 means end of stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int
}

/// A destination for bytes: a file, stdout, or a compressor in front of one of those.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure)
    /// Flushes everything still buffered; no write may follow.
    func finish() throws(OutputFailure)
}

/// A failure to write output (disk full, closed pipe, compressor error): exit status 1.
public struct OutputFailure: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension ByteSink {
    /// Writes a byte array. (A `throws(OutputFailure)` closure passed to `withUnsafeBytes`
    /// crashes the Swift 6.3.1 compiler, hence the untyped closure and the cast.)
    public func write(_ bytes: [UInt8]) throws(OutputFailure) {
        do {
            try bytes.withUnsafeBytes { raw in try self.write(raw) }
        } catch let failure as OutputFailure {
            throw failure
        } catch {
            throw OutputFailure("\(error)")
        }
    }
}
