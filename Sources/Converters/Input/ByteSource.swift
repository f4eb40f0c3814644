import JSON
/// A stream of bytes read in chunks: a file, stdin, or a decompressor over one of those.
public protocol ByteSource: AnyObject {
    /// Fills at most `buffer.count` bytes and returns how many; 0 means end of stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int
}
