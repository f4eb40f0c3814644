import JSON
/// A `ByteSource` over bytes in memory, handing them out in chunks of the sizes it is given
/// (cycled). Tests use it to feed readers byte by byte, whole, and in random chunks.
public final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private let chunkSizes: [Int]
    private var position = 0
    private var turn = 0

    /// `chunkSizes` empty means "as much as the caller asks for".
    public init(_ bytes: [UInt8], chunkSizes: [Int] = []) {
        self.bytes = bytes
        self.chunkSizes = chunkSizes.filter { $0 > 0 }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputFault) -> Int {
        var n = min(buffer.count, bytes.count - position)
        if !chunkSizes.isEmpty {
            n = min(n, chunkSizes[turn % chunkSizes.count])
            turn += 1
        }
        guard n > 0, let target = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { src in
            if let base = src.baseAddress { target.copyMemory(from: base + position, byteCount: n) }
        }
        position += n
        return n
    }
}
