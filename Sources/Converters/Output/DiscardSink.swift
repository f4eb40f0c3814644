import JSON
/// Takes bytes and keeps none: `etl validate` runs writers for their rules, not their output.
final class DiscardSink: ByteSink {
    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputFailure) {}
    func finish() throws(OutputFailure) {}
}
