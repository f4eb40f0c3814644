import Converters
import JSON
import Testing

@Suite struct EnvelopeFramerTests {
    static func bytes(_ parts: [Any]) -> [UInt8] {
        parts.flatMap { part -> [UInt8] in
            if let text = part as? String { return Array(text.utf8) }
            return (part as? [Int] ?? []).map { UInt8($0) }
        }
    }

    @Test func brazeExportResponse() {
        let text = #"{"message": "success", "users": [{"external_id": "a"}, {"external_id": "b"} ], "invalid_user_ids": ["x", "y"]}"#
        let out = FramingVerifier.verify(text, container: .usersEnvelope)
        #expect(out.texts == [#"{"external_id": "a"}"#, #"{"external_id": "b"}"#])
        #expect(out.offsets == [33, 55])
        #expect(out.counters.envelopes == 1)
        #expect(out.counters.invalidUserIds == 2)
        #expect(out.counters.messages == ["success": 1])
        #expect(out.counters.skippedMembers.isEmpty)
        #expect(out.fault == nil)
    }

    @Test func membersInAnyOrder() {
        let text = #"{ "invalid_user_ids" : [ "x" ] , "users" : [ 1 , 2 ] , "message" : "success" }"#
        let out = FramingVerifier.verify(text, container: .usersEnvelope)
        #expect(out.texts == ["1", "2"])
        #expect(out.counters.invalidUserIds == 1)
        #expect(out.counters.messages == ["success": 1])
        #expect(out.counters.envelopes == 1)
    }

    @Test func brazeTrackBody() {
        let text = #"""
            {"events": [{"name": "e", "properties": {"a": [1, {"b": "}]\""}], "c": -0.5e+10}}],
             "attributes": [{"external_id": "a", "s": "[,]"}, {"external_id": "b"}],
             "purchases": [], "x": true, "y": null, "z": 1E3}
            """#
        let out = FramingVerifier.verify(text, container: .attributesEnvelope)
        #expect(out.texts == [#"{"external_id": "a", "s": "[,]"}"#, #"{"external_id": "b"}"#])
        #expect(out.counters.skippedMembers == ["events": 1, "purchases": 1, "x": 1, "y": 1, "z": 1])
        #expect(out.fault == nil)
    }

    @Test func severalEnvelopesInSequence() {
        let text = "{\"users\":[1]}\n{\"users\":[2,3]} {\"message\":\"success\",\"users\":[]}\r\n{}\n"
        let out = FramingVerifier.verify(text, container: .usersEnvelope)
        #expect(out.texts == ["1", "2", "3"])
        #expect(out.numbers == [1, 2, 3])
        #expect(out.offsets == [10, 24, 26])
        #expect(out.counters.envelopes == 4)
        #expect(out.counters.messages == ["success": 1])
    }

    @Test func escapedKeysAreDecoded() {
        let text = #"{"us\u0065rs": [1], "m\u0065ssage": "ok\u00e9\/", "inv\u0061lid_user_ids": ["\ud83d\ude00"], "\u00e9\t": 2}"#
        let out = FramingVerifier.verify(text, container: .usersEnvelope)
        #expect(out.texts == ["1"])
        #expect(out.counters.messages == ["ok\u{e9}/": 1])
        #expect(out.counters.invalidUserIds == 1)
        #expect(out.counters.skippedMembers == ["\u{e9}\t": 1])
    }

    @Test func loneSurrogateInAKeyDecodesAsReplacement() {
        let out = FramingVerifier.verify(#"{"a\ud800b": 1, "\udc00": 2}"#, container: .usersEnvelope)
        #expect(out.counters.skippedMembers == ["a\u{FFFD}b": 1, "\u{FFFD}": 1])
    }

    @Test func nullRecordsKeyMeansNoRecords() {
        let out = FramingVerifier.verify(#"{"users": null, "message": "success"}"#, container: .usersEnvelope)
        #expect(out.records.isEmpty)
        #expect(out.counters.envelopes == 1)
        #expect(out.fault == nil)
    }

    @Test(arguments: [
        (#"{"users": {"a": [1]}}"#, 10), (#"{"users": "x"}"#, 10), (#"{"users": 1}"#, 10),
        (#"{"users": nul}"#, 13), (#"{"users": nullx}"#, 14),
    ] as [(String, Int64)])
    func recordsKeyThatIsNeitherArrayNorNull(_ text: String, offset: Int64) {
        let out = FramingVerifier.verify(text, container: .usersEnvelope)
        #expect(out.fault?.code == .invalidFraming)
        #expect(out.fault?.offset == offset)
    }

    @Test func invalidUTF8InASkippedMember() {
        let input = Self.bytes([#"{"events": ["ok", ""#, [0xFF], #""], "attributes": [1]}"#])
        let out = FramingVerifier.verify(input, container: .attributesEnvelope)
        #expect(out.records.isEmpty)
        #expect(out.fault?.code == .invalidUTF8)
        #expect(out.fault?.offset == 19)
    }

    @Test func invalidUTF8InAKeyOrMessage() {
        // A two-byte sequence cut short by '(' is caught at the '('.
        let key = FramingVerifier.verify(Self.bytes([#"{"a"#, [0xC3], #"(": 1}"#]), container: .usersEnvelope)
        #expect(key.fault?.code == .invalidUTF8)
        #expect(key.fault?.offset == 4)
        // An overlong form (E0 80 ..) is caught at its second byte.
        let message = FramingVerifier.verify(
            Self.bytes([#"{"users": [1], "message": "a"#, [0xE0, 0x80, 0x80], #""}"#]), container: .usersEnvelope)
        #expect(message.texts == ["1"])
        #expect(message.fault?.code == .invalidUTF8)
        #expect(message.fault?.offset == 29)
        #expect(message.fault?.record == 1)
        // A surrogate encoded in UTF-8 (ED A0 80) is not UTF-8.
        let surrogate = FramingVerifier.verify(Self.bytes([#"{"x": [""#, [0xED, 0xA0, 0x80], #""]}"#]), container: .usersEnvelope)
        #expect(surrogate.fault?.code == .invalidUTF8)
        #expect(surrogate.fault?.offset == 9)
    }

    @Test func invalidUTF8InsideARecordIsTheRecordsOwn() {
        let input = Self.bytes([#"{"users": [""#, [0xFF], #""]}"#])
        let out = FramingVerifier.verify(input, container: .usersEnvelope)
        #expect(out.records.map(\.bytes) == [[0x22, 0xFF, 0x22]])
        #expect(out.fault == nil)
    }

    @Test(arguments: [
        "{", #"{"users": [1, 2"#, #"{"users": [1]"#, #"{"message": "succ"#, #"{"users": [1], "#, #"{"users""#,
        #"{"x": {"a": [1"#, #"{"x": 12"#, #"{"x": tr"#, #"{"users":[]}{"#,
    ])
    func truncatedEnvelope(_ text: String) {
        let out = FramingVerifier.verify(text, container: .usersEnvelope)
        #expect(out.fault?.code == .truncatedJSON)
        #expect(out.fault?.offset == Int64(text.utf8.count))
    }

    @Test func truncatedEnvelopeNamesTheLastRecord() {
        let out = FramingVerifier.verify(#"{"users": [1, 2"#, container: .usersEnvelope)
        #expect(out.texts == ["1"])
        #expect(out.fault?.record == 2)
    }

    @Test(arguments: [
        (#"[1]"#, 0), (#"{"users": [1] "x": 1}"#, 14), (#"{"users" [1]}"#, 9), (#"{"users": [1],}"#, 14),
        (#"{users: []}"#, 1), (#"{"x": [1, 2,]}"#, 12), (#"{"x": tru}"#, 9), (#"{"x": 01}"#, 7),
        (#"{"x": {"a" 1}}"#, 11), (#"{"x": "a\qb"}"#, 9), (#"{"x": "\u12g4"}"#, 11), (#"{"x": [1}"#, 8),
        (#"{"x": {"a": 1]}"#, 13), (#"{"x": -}"#, 7), (#"{"x": 1.}"#, 8), (#"{"x": 1e}"#, 8), (#"{"x": +1}"#, 6),
        ("{\"x\": \"a\tb\"}", 8), (#"{"users": [,]}"#, 11), (#"{"users": [1,]}"#, 13),
    ] as [(String, Int64)])
    func structuralErrors(_ text: String, offset: Int64) {
        let out = FramingVerifier.verify(text, container: .usersEnvelope)
        #expect(out.fault?.code == .invalidFraming)
        #expect(out.fault?.offset == offset)
    }

    @Test func dataAfterAnEnvelopeIsTrailingGarbage() {
        let out = FramingVerifier.verify(#"{"users": [1]} x"#, container: .usersEnvelope)
        #expect(out.texts == ["1"])
        #expect(out.fault?.code == .trailingGarbage)
        #expect(out.fault?.offset == 15)
    }

    @Test func emptyInputHasNoEnvelopes() {
        for text in ["", " \n\t\r\n"] {
            let out = FramingVerifier.verify(text, container: .attributesEnvelope)
            #expect(out.records.isEmpty && out.fault == nil && out.counters.envelopes == 0)
        }
    }

    @Test func messagesThatAreNotStringsOrAreLongOrMany() {
        let long = String(repeating: "m", count: 300)
        var text = #"{"message": 5}{"message": "\#(long)"}"#
        for i in 0..<20 { text += #"{"message": "m\#(i)"}"# }
        let out = FramingVerifier.verify(text, container: .usersEnvelope)
        #expect(out.counters.skippedMembers == ["message": 1])
        #expect(out.counters.messages.count == 17)
        #expect(out.counters.messages["(other)"] == 5)  // the long one and m15...m19
        #expect(out.counters.messages["m14"] == 1)
        #expect(out.counters.envelopes == 22)
    }

    @Test func skippedKeysAreCappedAndLongKeysAreOther() {
        var text = "{"
        for i in 0..<70 { text += #""k\#(i)": \#(i), "# }
        text += #""\#(String(repeating: "k", count: 400))": [], "k1": 1}"#
        let out = FramingVerifier.verify(text, container: .attributesEnvelope)
        #expect(out.counters.skippedMembers.count == 65)
        #expect(out.counters.skippedMembers["(other)"] == 7)
        #expect(out.counters.skippedMembers["k1"] == 2)
        #expect(out.counters.skippedMembers["k63"] == 1)
        #expect(out.counters.skippedMembers["k64"] == nil)
    }

    @Test func invalidUserIdsThatAreNotAnArray() {
        let out = FramingVerifier.verify(#"{"invalid_user_ids": null}{"invalid_user_ids": []}"#, container: .usersEnvelope)
        #expect(out.counters.invalidUserIds == 0)
        #expect(out.counters.skippedMembers == ["invalid_user_ids": 1])
    }

    @Test func theOtherEnvelopesRecordsKeyIsSkipped() {
        let out = FramingVerifier.verify(#"{"attributes": [1, 2], "users": [3]}"#, container: .usersEnvelope)
        #expect(out.texts == ["3"])
        #expect(out.counters.skippedMembers == ["attributes": 1])
    }

    @Test func repeatedRecordsKey() {
        let out = FramingVerifier.verify(#"{"users": [1], "users": null, "users": [2, 3]}"#, container: .usersEnvelope)
        #expect(out.texts == ["1", "2", "3"])
        #expect(out.numbers == [1, 2, 3])
    }

    @Test func deeplyNestedSkippedValue() {
        let depth = 1000
        let text = #"{"x": "# + String(repeating: "[{\"a\":", count: depth / 2)
            + "1" + String(repeating: "}]", count: depth / 2) + #", "users": [1]}"#
        #expect(FramingVerifier.verify(text, container: .usersEnvelope).texts == ["1"])
        let tooDeep = #"{"x": "# + String(repeating: "[", count: 1025)
        let out = FramingVerifier.verify(tooDeep, container: .usersEnvelope)
        #expect(out.fault?.code == .invalidFraming)
        #expect(out.fault?.offset == Int64(6 + 1024))
    }
}
