import JSON
/// Where a run writes: a file published atomically (temp file in the same folder, renamed on
/// success) or standard output, optionally through gzip.
package final class OutputFile {
    package let sink: any ByteSink
    private let atomic: AtomicFile?
    private let encoder: GzipEncoder?

    /// `path` nil: standard output.
    package init(path: String?, gzip: Bool, level: Int32) throws(OutputFailure) {
        let base: any ByteSink
        if let path {
            let file = try AtomicFile(path: path)
            atomic = file
            base = file.sink
        } else {
            atomic = nil
            base = FileSink.standardOutput()
        }
        if gzip {
            let encoder = try GzipEncoder(base, level: Int(level), threads: Conversion.converterThreads)
            self.encoder = encoder
            sink = encoder
        } else {
            encoder = nil
            sink = base
        }
    }

    /// Flushes everything (the gzip trailer too) and publishes the file.
    package func commit() throws(OutputFailure) {
        try sink.finish()
        try atomic?.commit()
    }

    /// Drops the temp file; a previous file at the path stays as it was.
    package func abort() {
        // The compressor thread may still be writing to the file: stop it first.
        encoder?.cancel()
        atomic?.abort()
    }
}
