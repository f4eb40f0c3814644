import SampleData
import JSON
import Schemas
import Testing

@testable import Converters

/// Records converted on worker threads come back in input order with the outcome and notes a
/// sequential conversion gives, whatever the batch sizes and thread counts.
@Suite struct RecordStageTests {
    static func converter() -> RecordConverter {
        RecordConverter(
            parser: JSONParser(), reader: AmplitudeReader(), validator: ProfileValidator(),
            writer: BrazeAttributesWriter(limits: Limits()), strict: false, maxRecordBytes: 1 << 20
        )
    }

    /// Generated records, a malformed one, and one with a 2 MB string (a batch of its own).
    static func records() -> [[UInt8]] {
        var generator = RecordGenerator(format: .amplitude, seed: 3)
        var out: [[UInt8]] = (0..<600).map { i in
            var bytes: [UInt8] = []
            JSONWriter.write(generator.record(i), to: &bytes)
            return bytes
        }
        out.insert(Array("{\"userData\": [1,".utf8), at: 17)
        out.insert(Array("{\"userData\":{\"user_id\":\"big\",\"amp_props\":{\"bio\":\"\(String(repeating: "x", count: 2 << 20))\"}}}".utf8), at: 300)
        return out
    }

    struct Seen: Equatable {
        var number: Int
        var encoded: [UInt8]?
        var reject: RejectCode?
        var warnings: Int
    }

    static func frame(_ bytes: UnsafeRawBufferPointer, _ number: Int) -> Frame {
        Frame(bytes: bytes, number: number, offset: Int64(number * 10), length: Int64(bytes.count), isOversized: false)
    }

    @Test(arguments: [(1, 1), (2, 3), (3, 256), (4, 17)])
    func sameAsSequential(threads: Int, batchRecords: Int) throws {
        let records = Self.records()
        var sequential: [Seen] = []
        var converter = Self.converter()
        for (i, record) in records.enumerated() {
            var encoded: [UInt8] = []
            var notes = Notes()
            record.withUnsafeBytes { bytes in
                do throws(Reject) {
                    try converter.convert(Self.frame(bytes, i + 1), appendingTo: &encoded, notes: &notes)
                    sequential.append(Seen(number: i + 1, encoded: encoded, reject: nil, warnings: notes.warnings.count))
                } catch {
                    sequential.append(Seen(number: i + 1, encoded: nil, reject: error.code, warnings: notes.warnings.count))
                }
            }
        }
        #expect(sequential.contains { $0.reject == .invalidJSON })

        var staged: [Seen] = []
        let stage = RecordStage(converter: Self.converter(), threads: threads, batchRecords: batchRecords, batchBytes: 64 * 1024, batches: 3)
        let consume: RecordStage.Consume = { frame, outcome, notes in
            switch outcome {
            case .success(let bytes): staged.append(Seen(number: frame.number, encoded: Array(bytes), reject: nil, warnings: notes.warnings.count))
            case .failure(let reject): staged.append(Seen(number: frame.number, encoded: nil, reject: reject.code, warnings: notes.warnings.count))
            }
        }
        for (i, record) in records.enumerated() {
            try record.withUnsafeBytes { bytes in try stage.add(Self.frame(bytes, i + 1), consume: consume) }
        }
        try stage.drain(consume: consume)
        #expect(staged == sequential)
    }
}
