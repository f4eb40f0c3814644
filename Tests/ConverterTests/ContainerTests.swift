import Converters
import JSON
import Testing

@Suite struct ContainerTests {
    @Test func namesAndFramers() {
        #expect(Container.allCases.map(\.rawValue) == ["ndjson", "json", "users-envelope", "attributes-envelope", "xml"])
        #expect(Container.ndjson.makeFramer() is NDJSONFramer)
        #expect(Container.json.makeFramer() is JSONArrayFramer)
        #expect(Container.usersEnvelope.makeFramer() is EnvelopeFramer)
        #expect(Container.attributesEnvelope.makeFramer() is EnvelopeFramer)
        #expect(Container.xml.makeFramer() == nil)
    }

    @Test(arguments: [
        ("[1]", Container.json), (" \r\n\t[", .json),
        (#"{"message": "success", "users": []}"#, .usersEnvelope), (#" { "users" : [1]}"#, .usersEnvelope),
        (#"{"invalid_user_ids": []}"#, .usersEnvelope), (#"{"us\u0065rs": [1]}"#, .usersEnvelope),
        (#"{"attributes": [{"a": 1}]}"#, .attributesEnvelope), (#"{"events": []}"#, .attributesEnvelope),
        (#"{"purchases": [], "attributes": [1]}"#, .attributesEnvelope),
        ("{\"external_id\": \"a\"}\n{\"external_id\": \"b\"}\n", .ndjson), (#"{"userData": {}}"#, .ndjson),
        ("{}", .ndjson), ("{ }\n", .ndjson), ("{", .ndjson), (#"{"users"#, .ndjson), (#"{users: 1}"#, .ndjson),
        ("\"x\"\n", .ndjson), ("", .ndjson), ("  \n", .ndjson), ("1\n2", .ndjson), (#"{"a\qx": 1}"#, .ndjson),
    ])
    func detection(_ text: String, _ expected: Container) {
        #expect(FramingVerifier.verify(text, container: nil).container == expected)
    }

    @Test func detectedStreamsAreFramedByTheirContainer() {
        let users = FramingVerifier.verify(#"{"message": "success", "users": [{"a": 1}, 2]}"#, container: nil)
        #expect(users.texts == [#"{"a": 1}"#, "2"])
        let ndjson = FramingVerifier.verify("{\"a\": 1}\n{\"b\": 2}", container: nil)
        #expect(ndjson.texts == [#"{"a": 1}"#, #"{"b": 2}"#])
    }

    @Test func streamThatEndsBeforeDetectionCanTell() {
        let out = FramingVerifier.verify(#"  {"users"#, container: nil)
        #expect(out.container == .ndjson)
        #expect(out.texts == [#"{"users"#])
        #expect(out.offsets == [2])
    }

    @Test func detectionGivesUpAfter64KiB() {
        let padding = String(repeating: " ", count: Container.detectionLimit)
        let out = FramingVerifier.verify("{\(padding)\"users\": [1]}", container: nil)
        #expect(out.container == .ndjson)
        #expect(out.records.count == 1)
        let justInside = String(repeating: " ", count: Container.detectionLimit - 10)
        #expect(FramingVerifier.verify("{\(justInside)\"users\": [1]}", container: nil).container == .usersEnvelope)
    }

    @Test func detectionNeedsMoreBytesUntilItCanTell() {
        let cases: [(String, Container?)] = [
            ("", nil), (" ", nil), ("{", nil), ("{ \"us", nil), (#"{"users""#, .usersEnvelope), ("x", .ndjson),
        ]
        for (text, expected) in cases {
            let bytes = Array(text.utf8)
            let detected = bytes.withUnsafeBytes { Container.detect($0, atEnd: false) }
            #expect(detected == expected, "\(text)")
        }
        let partialMark: [UInt8] = [0xEF, 0xBB]
        #expect(partialMark.withUnsafeBytes { Container.detect($0, atEnd: false) } == nil)
        #expect(partialMark.withUnsafeBytes { Container.detect($0, atEnd: true) } == .ndjson)
    }
}
