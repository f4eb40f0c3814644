import Converters
import JSON
import Schemas

#if canImport(Glibc)
import Glibc
#endif

/// A broken property: says which and aborts, which libFuzzer reports as a crash with the input.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if condition { return }
    let text = "fuzz property broken: \(message())\n"
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}

/// The fuzzer's bytes as an array (libFuzzer hands out a pointer and a size).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
