import JSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The only file that touches libdeflate. It is loaded at run time (`dlopen`), never linked:
// a fresh machine has the `libdeflate0` runtime but not the `libdeflate-dev` headers, and the
// build must need nothing beyond zlib and libxml2. When it is absent, or `ETL_GZIP=zlib` is set,
// `GzipMemberCompressor` uses zlib for the same members.

/// libdeflate's gzip compressor entry points, resolved once per process.
struct LibDeflate: @unchecked Sendable {
    typealias Alloc = @convention(c) (Int32) -> OpaquePointer?
    typealias Free = @convention(c) (OpaquePointer?) -> Void
    typealias Bound = @convention(c) (OpaquePointer?, Int) -> Int
    typealias Compress = @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int, UnsafeMutableRawPointer?, Int) -> Int

    let alloc: Alloc
    let free: Free
    let bound: Bound
    let compress: Compress

    /// The loaded library, or nil when it is absent or `ETL_GZIP=zlib` forces zlib.
    static let shared: LibDeflate? = load()

    /// What compresses gzip output in this process, for `etl --version`.
    static var backendName: String { shared == nil ? "zlib" : "libdeflate" }

    private static func load() -> LibDeflate? {
        if let forced = getenv("ETL_GZIP"), String(cString: forced) == "zlib" { return nil }
        for name in ["libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib", "libdeflate.dylib"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            // The handle is kept for the life of the process: the symbols are used until exit.
            guard let a = dlsym(handle, "libdeflate_alloc_compressor"),
                  let f = dlsym(handle, "libdeflate_free_compressor"),
                  let b = dlsym(handle, "libdeflate_gzip_compress_bound"),
                  let c = dlsym(handle, "libdeflate_gzip_compress")
            else { dlclose(handle); continue }
            return LibDeflate(
                alloc: unsafeBitCast(a, to: Alloc.self), free: unsafeBitCast(f, to: Free.self),
                bound: unsafeBitCast(b, to: Bound.self), compress: unsafeBitCast(c, to: Compress.self)
            )
        }
        return nil
    }
}
