import JSON
import Schemas

/// The work on one record that depends on nothing but its bytes: parse, read, validate, encode,
/// and the `--strict` check. Pure, so `RecordStage` runs copies of it on several threads.
struct RecordConverter {
    var parser: JSONParser
    let reader: any FormatReader
    let validator: ProfileValidator
    let writer: (any FormatWriter)?
    let strict: Bool
    let maxRecordBytes: Int

    /// Appends the encoded record to `encoded`, and puts its notes in `notes` (replacing what
    /// they held). On a reject, `encoded` may hold part of the record after what it held.
    mutating func convert(_ frame: Frame, appendingTo encoded: inout [UInt8], notes: inout Notes) throws(Reject) {
        notes.removeAll()
        // The container could not make a record of these bytes (an XML element off the mapping).
        if let reason = frame.rejectReason { throw reason }
        if frame.isOversized {
            throw Reject(.recordTooLarge, "record of \(frame.length) bytes is over --max-record-bytes \(maxRecordBytes)")
        }
        var profile: Profile
        if let streamed = reader.readStreaming(frame.bytes, parser: &parser, notes: &notes) {
            profile = streamed
        } else {
            notes.removeAll()
            let value: JSONValue
            do throws(JSONParseError) {
                value = try parser.parse(frame.bytes)
            } catch {
                throw Reject(error.rejectCode, "\(error.message) at byte \(error.offset) of the record")
            }
            for key in parser.duplicateKeys { notes.warn(.duplicateKey, key) }
            profile = try reader.read(value, notes: &notes)
        }
        validator.validate(&profile, notes: &notes)
        notes.identifier = RecordIdentifier(profile)
        try writer?.encode(profile, into: &encoded, notes: &notes)
        if strict, let first = notes.warnings.first {
            throw Reject(.strict(first.code), "--strict: " + Self.describe(notes.warnings))
        }
    }

    /// `invalid_phone (phone: "555"), null_value (nickname: null)`, at most 10.
    static func describe(_ warnings: [Notes.Warning]) -> String {
        var parts = warnings.prefix(10).map(WarningText.describe)
        if warnings.count > 10 { parts.append("and \(warnings.count - 10) more") }
        return parts.joined(separator: ", ")
    }
}
