import JSON
import Foundation

/// Standard error lines and the progress line (only on a terminal). Writes through
/// FileHandle, not the C `stderr` global, as Swift 6 concurrency checking requires.
struct Console {
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    func line(_ text: String) { write(text + "\n", toStandardOutput: false) }

    func write(_ text: String, toStandardOutput: Bool) {
        let handle = toStandardOutput ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
    }

    /// Overwrites one stderr line with the run's progress (`ProgressLine`).
    func progress(_ line: String) {
        write("\r\u{1B}[K" + line, toStandardOutput: false)
    }

    func clearProgress() { write("\r\u{1B}[K", toStandardOutput: false) }
}
