/// A destination for bytes: a file, stdout, or a compressor in front of one of those.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure)
    /// Flushes everything still buffered; no write may follow.
    func finish() throws(OutputFailure)
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
