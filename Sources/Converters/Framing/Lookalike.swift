import JSON
/// What an input that is not JSON or XML records looks like, when it is one of the files
/// people give by mistake: a CSV or TSV export, or an HTML page (a download's error page saved
/// under the dump's name). Decided from the stream's first bytes, before any record, so that
/// the run stops with one message saying what the file looks like and what `etl` reads instead
/// of one `invalid_json` reject per line.
public enum Lookalike: Equatable, Sendable {
    /// `firstLine` is the header line, cut to `shownLength` characters.
    case csv(firstLine: String)
    case tsv(firstLine: String)
    case html

    /// Bytes of the stream's start looked at (fewer when the stream is shorter).
    public static let sniffLength = 4096
    /// Enough for `<!doctype html`.
    static let markupLength = 16
    static let shownLength = 60

    /// How many bytes of the stream's start `sniff` needs, judged from the `prefix` read so far:
    /// 4 (none beyond the encoding check) when it starts like JSON, so that a dump is never read
    /// ahead (a fault in its first kilobytes still comes after the records before it).
    public static func lookahead(_ prefix: UnsafeRawBufferPointer) -> Int {
        let mark = Container.byteOrderMarkLength(prefix) ?? 0
        guard let first = prefix[mark...].firstIndex(where: { !JSONByte.isWhitespace($0) }) else { return 4 }
        switch prefix[first] {
        case JSONByte.openCurly, JSONByte.openSquare: return 4
        case UInt8(ascii: "<"): return min(first + markupLength, sniffLength)
        default: return sniffLength
        }
    }

    public var message: String {
        let reads = "etl reads JSON records (NDJSON, a JSON array, concatenated JSON, Braze export and track envelopes) and XML records; see `etl formats`"
        switch self {
        case .csv(let line): return "looks like CSV (comma-separated text; first line: \(line)), not JSON: \(reads)"
        case .tsv(let line): return "looks like TSV (tab-separated text; first line: \(line)), not JSON: \(reads)"
        case .html: return "looks like an HTML page (an error page saved instead of the dump?), not JSON: \(reads)"
        }
    }

    /// The lookalike of a stream starting with `prefix` (after any byte order mark); `atEnd`
    /// says the prefix is the whole stream. nil for anything that may be records: JSON values,
    /// XML that is not HTML, a single line without separators.
    public static func sniff(_ prefix: UnsafeRawBufferPointer, atEnd: Bool) -> Lookalike? {
        let bytes = Array(prefix.prefix(sniffLength))
        guard let first = bytes.firstIndex(where: { !JSONByte.isWhitespace($0) }) else { return nil }
        let start = bytes[first...]
        if start.first == UInt8(ascii: "<") { return isHTML(start) ? .html : nil }
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = first
        for i in first..<bytes.count where bytes[i] == JSONByte.lf {
            lines.append(bytes[lineStart..<i])
            lineStart = i + 1
            if lines.count == 2 { break }
        }
        // A last line counts only when it is the end of the stream, not where sniffing stopped.
        if lines.count < 2 && atEnd && lineStart < bytes.count { lines.append(bytes[lineStart...]) }
        guard let header = lines.first, !startsLikeJSON(header) else { return nil }
        for (separator, make) in [(UInt8(ascii: "\t"), Lookalike.tsv), (UInt8(ascii: ","), Lookalike.csv)] {
            let fields = fieldCount(header, separator)
            guard fields > 1 else { continue }
            // A second line, when there is one, must be a row of the same table.
            if lines.count > 1 {
                let row = lines[1]
                guard !startsLikeJSON(row), fieldCount(row, separator) == fields else { return nil }
            }
            return make(shown(header))
        }
        return nil
    }

    /// `<!DOCTYPE html` or `<html`, any case.
    private static func isHTML(_ start: ArraySlice<UInt8>) -> Bool {
        let lower = start.prefix(16).map { $0 &- 65 < 26 ? $0 | 0x20 : $0 }
        return lower.starts(with: "<!doctype html".utf8) || lower.starts(with: "<html".utf8)
    }

    private static func startsLikeJSON(_ line: ArraySlice<UInt8>) -> Bool {
        guard let byte = line.first(where: { !JSONByte.isWhitespace($0) }) else { return true }
        return byte == JSONByte.openCurly || byte == JSONByte.openSquare
    }

    /// Fields of a line split on `separator` outside double quotes (CSV's quoting).
    private static func fieldCount(_ line: ArraySlice<UInt8>, _ separator: UInt8) -> Int {
        var count = 1
        var quoted = false
        for byte in line {
            if byte == JSONByte.quote {
                quoted.toggle()
            } else if byte == separator && !quoted {
                count += 1
            }
        }
        return count
    }

    private static func shown(_ line: ArraySlice<UInt8>) -> String {
        var text = String(decoding: line, as: UTF8.self).trimmingSuffix(while: { $0 == "\r" })
        if text.count > shownLength { text = String(text.prefix(shownLength)) + "..." }
        return text.replacingTabs()
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var s = Substring(self)
        while let last = s.last, predicate(last) { s = s.dropLast() }
        return String(s)
    }

    /// Tabs shown as `\t`, so a TSV header reads as its fields in one message line.
    fileprivate func replacingTabs() -> String {
        split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "\\t")
    }
}
