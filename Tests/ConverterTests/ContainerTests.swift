import Converters
import JSON
import Testing

@Suite struct ContainerTests {
    @Test func namesAndFramers() {
        #expect(Container.allCases.map(\.rawValue) == ["ndjson", "json", "users-envelope", "attributes-envelope", "concat", "xml"])
        #expect(Container.ndjson.makeFramer() is NDJSONFramer)
        #expect(Container.json.makeFramer() is JSONArrayFramer)
        #expect(Container.usersEnvelope.makeFramer() is EnvelopeFramer)
        #expect(Container.attributesEnvelope.makeFramer() is EnvelopeFramer)
        #expect(Container.xml.makeFramer() == nil)
        #expect(Container.concat.makeFramer() is ConcatFramer)
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
        // The first object spans lines (`jq .` output), or another value follows it on its line.
        ("{\n  \"userData\": {\n    \"user_id\": \"a\"\n  }\n}\n{\n", .concat), ("{\"a\": [\n1]}", .concat),
        ("{\"a\": 1}{\"b\": 2}\n", .concat), ("{\"a\": 1} \t[2]", .concat), ("{\"a\": \"}\\\"\n\"}", .concat),
        ("{\"a\": 1} x\n", .ndjson), ("{\"a\": 1}\r\n{\n}", .ndjson), ("{\"a\": {\"b\": \"]}\"}}\n", .ndjson),
        ("{\"a\": {\n", .ndjson), ("{\n  \"users\": [\n", .usersEnvelope),
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

    @Test func concatenatedObjectsAreDetectedOnlyWhenTheFirstEndsInTheLimit() {
        let big = String(repeating: "x", count: Container.detectionLimit)
        #expect(FramingVerifier.verify("{\"a\": \"\(big)\",\n\"b\": 1}", container: nil).container == .ndjson)
        let pretty = FramingVerifier.verify("{\n  \"a\": 1\n}\n{\n  \"b\": [2,\n 3]\n}\n", container: nil)
        #expect(pretty.container == .concat)
        #expect(pretty.texts == ["{\n  \"a\": 1\n}", "{\n  \"b\": [2,\n 3]\n}"])
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
