import JSON
import Schemas
import Testing

@testable import Converters

/// The Braze rules one by one; `MappingGoldenTests` pins them all together.
@Suite struct BrazeRuleTests {
    func encode(_ p: Profile, limits: Limits = Limits()) throws -> (JSONObject, Notes) {
        var notes = Notes()
        let o = try BrazeAttributesEncoder(limits: limits).encode(p, notes: &notes)
        return (o, notes)
    }

    @Test func repeatedValuesMoveToTheEnd() {
        let values: [JSONValue] = ["a", "b", "a"]
        #expect(BrazeAttributeObject.lastOccurrences(values) == ["b", "a"])
        // The large-array path (a Set) must agree with the small one.
        let many: [JSONValue] = (0..<40).map { .string("v\($0 % 7)") }
        #expect(BrazeAttributeObject.lastOccurrences(many) == (33..<40).map { .string("v\($0 % 7)") })
    }

    @Test func arraysKeepTheNewestValuesUpToTheLimit() throws {
        var p = Profile()
        p.externalId = "u"
        p.customAttributes["tags"] = .array((1...30).map { .number(JSONNumber($0)) })
        var limits = Limits()
        limits.arrayLimit = 25
        let (o, notes) = try encode(p, limits: limits)
        #expect(o["tags"] == .array((6...30).map { .number(JSONNumber($0)) }))
        // The warning names what was dropped: the five oldest values.
        #expect(notes.warnings == [Notes.Warning(code: .arrayTruncated, field: "tags", value: .array((1...5).map { .number(JSONNumber($0)) }))])
    }

    @Test func identifierOrder() throws {
        var p = Profile()
        p.deviceId = "d"
        #expect(try encode(p).0.keys == ["user_alias", "_update_existing_only"])
        p.phone = "+15555550100"
        #expect(try encode(p).0.keys.first == "phone")
        p.email = "a@b.co"
        #expect(try encode(p).0.keys.prefix(2) == ["email", "phone"])
        p.brazeId = "b"
        #expect(try encode(p).0.keys.first == "braze_id")
        p.userAliases = [UserAlias(name: "n", label: "l")]
        #expect(try encode(p).0.keys.prefix(2) == ["user_alias", "_update_existing_only"])
        p.externalId = "x"
        let (o, notes) = try encode(p)
        #expect(o.keys.first == "external_id")
        #expect(o["_update_existing_only"] == nil)
        #expect(notes.unmapped == ["user_aliases", "braze_id"])
        #expect(throws: Reject.self) { try encode(Profile()) }
    }

    @Test(arguments: [
        ("3", JSONValue.number(JSONNumber(uncheckedText: "3"))),
        ("5000000. ", .number(JSONNumber(uncheckedText: "5000000"))),
        (" -1.25e3", .number(JSONNumber(uncheckedText: "-1.25e3"))),
        ("007", .string("007")),
        ("12abc", .string("12abc")),
        (".", .string(".")),
    ])
    func computationsBecomeNumbersWhenNumeric(_ text: String, _ expected: JSONValue) {
        #expect(BrazeAttributesEncoder.numberIfNumeric(.string(text)) == expected)
    }

    @Test func keysThatBrazeCannotTake() throws {
        var p = Profile()
        p.externalId = "u"
        p.customAttributes = ["country": "x", "$plan": "pro", "plan": "free", String(repeating: "k", count: 256): 1]
        let (o, notes) = try encode(p)
        #expect(o.keys == ["external_id", "custom_country", "plan", "custom_plan"])
        #expect(o["plan"] == "pro")
        #expect(notes.warnings.map(\.code) == [.attributeRenamed, .attributeRenamed, .attributeRenamed, .attributeDropped])
    }

    @Test func countTableStaysBounded() {
        var t = CountTable(capacity: 3)
        for i in 0..<10 { t.add("k\(i)") }
        t.add("k0")
        #expect(t.counts == ["k0": 2, "k1": 1, "k2": 1, CountTable.otherKey: 7])
        #expect(t.total == 11)
    }

    @Test func jsonContainerIsOneArray() throws {
        let sink = IOTestSupport.CollectingSink()
        var out = ContainerWriter(layout: .json, sink: sink)
        out.value { $0.append(contentsOf: "1".utf8) }
        out.value { $0.append(contentsOf: "2".utf8) }
        try out.finish()
        #expect(String(decoding: sink.bytes, as: UTF8.self) == "[\n1,\n2\n]\n")
        let empty = IOTestSupport.CollectingSink()
        var none = ContainerWriter(layout: .json, sink: empty)
        try none.finish()
        #expect(String(decoding: empty.bytes, as: UTF8.self) == "[]\n")
    }
}
