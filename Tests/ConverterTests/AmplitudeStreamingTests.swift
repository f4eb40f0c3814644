import Converters
import JSON
import SampleData
import Schemas
import Testing

/// The Amplitude reader's stream (`readStreaming`) against its tree reader (parse, then
/// `read`): whenever the stream gives a profile, it is the tree's, with the same notes in the
/// same order; where it can't be sure of that, it gives nil and the tree reads the record.
@Suite struct AmplitudeStreamingTests {
    struct Outcome: Equatable {
        var profile: Profile
        var warnings: [Notes.Warning]
        var normalised: [String]
        var unmapped: [String]
        init(_ profile: Profile, _ notes: Notes) {
            self.profile = profile
            warnings = notes.warnings
            normalised = notes.normalised
            unmapped = notes.unmapped
        }
    }

    static func streamed(_ text: String) -> Outcome? {
        var parser = JSONParser()
        var notes = Notes()
        var bytes = Array(text.utf8)
        let profile = bytes.withUnsafeMutableBytes { AmplitudeReader().readStreaming(UnsafeRawBufferPointer($0), parser: &parser, notes: &notes) }
        return profile.map { Outcome($0, notes) }
    }

    /// What the tree path gives, as `RecordConverter` runs it (duplicate keys noted first);
    /// nil for a reject.
    static func tree(_ text: String) -> Outcome? {
        var parser = JSONParser()
        var notes = Notes()
        let bytes = Array(text.utf8)
        guard let value = bytes.withUnsafeBytes({ try? parser.parse($0) }) else { return nil }
        for key in parser.duplicateKeys { notes.warn(.duplicateKey, key) }
        guard let profile = try? AmplitudeReader().read(value, notes: &notes) else { return nil }
        return Outcome(profile, notes)
    }

    static func json(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        JSONWriter.write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func generatedRecordsStreamToWhatTheTreeReads() {
        var generator = RecordGenerator(format: .amplitude, seed: 7)
        var streamedCount = 0
        for i in 0..<3000 {
            let text = Self.json(generator.record(i))
            let streamed = Self.streamed(text)
            if let streamed {
                streamedCount += 1
                #expect(streamed == Self.tree(text), "record \(i): \(text)")
            }
        }
        // The generator's messy records include ones the stream leaves to the tree, but most
        // records are plain: the stream must take them, or it is not the hot path.
        #expect(streamedCount > 2700)
    }

    @Test(arguments: [
        // Equal to the tree, by the stream.
        #"{"userData":{"user_id":"u1","amp_props":{"country":"fr","plan":"pro","email_subscribe":true}}}"#,
        #"{"userData":{"user_id":" ","device_id":7,"amplitude_id":"12","amp_props":null,"cohort_ids":["a",1,null],"x":{"y":1}}}"#,
        #"{"userData":{"user_properties":{"a":1},"amp_props":{"a":2,"computed-x":"3"},"computed_properties":{"x":"4"}}}"#,
        #"{"userData":{"recommendations":[{"rec_id":"r","items":["a"],"is_control":"no","other":1}],"cohort_ids":7}}"#,
        #"  {"userData":{}}  "#,
    ])
    func plainRecordsStream(_ text: String) {
        let streamed = Self.streamed(text)
        #expect(streamed != nil)
        #expect(streamed == Self.tree(text))
    }

    @Test(arguments: [
        // Left to the tree: repeated keys at any depth, keys beside userData, shapes the tree
        // notes with a whole value, and every error (the tree parse reports it).
        #"{"userData":{"user_id":"a","user_id":"b"}}"#,
        #"{"userData":{"amp_props":{"plan":"a","plan":"b"}}}"#,
        #"{"userData":{"amp_props":{"x":{"k":1,"k":2}}}}"#,
        #"{"userData":{"recommendations":[{"rec_id":"r","items":[],"items":["a"]}]}}"#,
        #"{"userData":{"user_id":"a"},"extra":1}"#,
        #"{"extra":1,"userData":{"user_id":"a"}}"#,
        #"{"userData":{"user_id":"a"},"userData":{"user_id":"b"}}"#,
        #"{"userData":[1]}"#,
        #"{"userData":null}"#,
        #"{}"#,
        #"[{"userData":{}}]"#,
        #"{"userData":{"recommendations":[{"items":["a"],"rec_id":"r"}]}}"#,
        #"{"userData":{"recommendations":[{"rec_id":"  "}]}}"#,
        #"{"userData":{"recommendations":[{"rec_id":5}]}}"#,
        #"{"userData":{"recommendations":[{}]}}"#,
        #"{"userData":{"recommendations":["r"]}}"#,
        #"{"userData":{"user_id":"a"}} x"#,
        #"{"userData":{"user_id":"a",}}"#,
        #"{"userData":{"amp_props":{"a":[1,]}}}"#,
        #"{"userData":{"user_id":"a"}"#,
        #"{"userData":{"user_id":"\ud800"}}"#,
        "",
    ])
    func unusualRecordsGoToTheTree(_ text: String) {
        #expect(Self.streamed(text) == nil)
    }

    @Test func nestingTooDeepIsLeftToTheTree() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(Self.streamed(#"{"userData":{"amp_props":{"a":"# + deep + "}}}") == nil)
    }

    /// Any record cut short or with one byte changed: the stream gives nil or the tree's result.
    @Test func damagedRecordsNeverStreamToSomethingElse() {
        var generator = RecordGenerator(format: .amplitude, seed: 11)
        var random = SplitMix64(seed: 0x5EED)
        let replacements = Array(#"{}[]",:"\ 0a-"#.utf8)
        for i in 0..<400 {
            let bytes = Array(Self.json(generator.record(i)).utf8)
            for _ in 0..<10 {
                var damaged = bytes
                let at = Int.random(in: 0..<damaged.count, using: &random)
                if Bool.random(using: &random) {
                    damaged.removeSubrange(at...)
                } else {
                    damaged[at] = replacements.randomElement(using: &random)!
                }
                let text = String(decoding: damaged, as: UTF8.self)
                if let streamed = Self.streamed(text) { #expect(streamed == Self.tree(text), "\(text)") }
            }
        }
    }
}
