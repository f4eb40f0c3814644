import JSON
/// Compresses one whole buffer into one complete gzip member. libdeflate when the process has
/// it (measured here: ~98 MB/s at level 6, ~245 MB/s at level 1), else zlib's deflate (~40 and
/// ~90). Both give valid, deterministic members; their bytes differ, their contents do not.
/// Not thread-safe: one per thread. `@unchecked Sendable` so it can be handed to the thread
/// that alone uses it from then on.
final class GzipMemberCompressor: @unchecked Sendable {
    private enum Backend {
        case libdeflate(LibDeflate, OpaquePointer)
        case zlib(Deflater)
    }

    private let backend: Backend

    /// nil when no compressor can be allocated for `level` (1 to 9).
    init?(level: Int) {
        if let lib = LibDeflate.shared {
            guard let compressor = lib.alloc(Int32(level)) else { return nil }
            backend = .libdeflate(lib, compressor)
        } else {
            guard let deflater = try? Deflater(level: level) else { return nil }
            backend = .zlib(deflater)
        }
    }

    deinit {
        if case .libdeflate(let lib, let compressor) = backend { lib.free(compressor) }
    }

    /// The most bytes a member of `inputCount` bytes can take.
    func bound(_ inputCount: Int) -> Int {
        switch backend {
        case .libdeflate(let lib, let compressor): lib.bound(compressor, inputCount)
        case .zlib(let deflater): deflater.bound(inputCount)
        }
    }

    /// Compresses `input` into one gzip member in `output`; returns its size, or 0 when it does
    /// not fit (never, with `output.count >= bound(input.count)`).
    func compress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        switch backend {
        case .libdeflate(let lib, let compressor):
            return lib.compress(compressor, input.baseAddress, input.count, output.baseAddress, output.count)
        case .zlib(let deflater):
            deflater.reset()
            let step = deflater.deflate(from: input, into: output, finish: true)
            return step.status == .streamEnd && step.consumed == input.count ? step.produced : 0
        }
    }
}

/// What compresses gzip output in this process (`libdeflate` or `zlib`), for `etl --version`.
public var gzipCompressorName: String { LibDeflate.backendName }
