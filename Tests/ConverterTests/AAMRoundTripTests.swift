import JSON
import Schemas
import Testing

@testable import Converters

/// aam -> profile -> aam gives the same object (values and key order) except for the changes
/// the mapping makes on purpose, each named here; profile -> aam -> profile keeps every member
/// an AAM user holds. The reader and writer alone: validation (status case, E.164 phones) is
/// the validator's business and pinned elsewhere.
@Suite struct AAMRoundTripTests {
    /// The examples of the AAM user API document (`readers/aam/document.ndjson`, in order) after one round
    /// trip, with the exceptions each shows.
    static let documentOutputs: [(String, String)] = [
        // create request: unchanged
        ("create request", #"{"username":"jdoe","status":"ACTIVE","firstName":"John","lastName":"Doe","email":"john.doe@example.com","title":"Campaign Manager","phoneNumber":"+1 (555) 010-0199","groups":[343,12],"isAdmin":true}"#),
        // create response: isAdmin "true" -> true
        ("create response", #"{"pid":1234,"userId":5678,"username":"jdoe","status":"ACTIVE","firstName":"John","lastName":"Doe","email":"john.doe@example.com","title":"Campaign Manager","phoneNumber":"+1 (555) 010-0199","groups":[343,12],"isAdmin":true}"#),
        // update request: null title/phoneNumber left out; isAdmin false added
        ("update request", #"{"username":"jdoe","status":"INACTIVE","firstName":"John","lastName":"Doe","email":"jdoe@example.com","groups":[343],"isAdmin":false}"#),
        // update response: isAdmin false added
        ("update response", #"{"pid":1234,"userId":5678,"username":"jdoe","status":"INACTIVE","firstName":"John","lastName":"Doe","email":"jdoe@example.com","groups":[343],"isAdmin":false}"#),
        // update-self request: username added from email; isAdmin false added
        ("update-self request", #"{"username":"jane.roe@example.com","status":"ACTIVE","firstName":"Jane","lastName":"Roe","email":"jane.roe@example.com","title":"Data Engineer","phoneNumber":"+44 20 7183 8750","isAdmin":false}"#),
        // update-self response: the same
        ("update-self response", #"{"userId":9012,"username":"jane.roe@example.com","status":"ACTIVE","firstName":"Jane","lastName":"Roe","email":"jane.roe@example.com","title":"Data Engineer","phoneNumber":"+44 20 7183 8750","isAdmin":false}"#),
        // get by id: isAdmin false added
        ("get by id", #"{"pid":1234,"userId":5678,"username":"jdoe","status":"ACTIVE","firstName":"John","lastName":"Doe","email":"john.doe@example.com","title":"Campaign Manager","phoneNumber":"+15550100199","groups":[343,12],"isAdmin":false}"#),
        // get self: emailAddress -> email; nulls left out; isAdmin false added
        ("get self", #"{"pid":1234,"userId":9012,"username":"jroe","status":"LOCKED","firstName":"Jane","lastName":"Roe","email":"jane.roe@example.com","groups":[12],"isAdmin":false}"#),
        // list item: isAdmin false added
        ("list item", #"{"pid":1234,"userId":5679,"username":"asmith","status":"ACTIVE","firstName":"Alex","lastName":"Smith","email":"asmith@example.com","title":"Analyst","phoneNumber":"+49 30 1234567","groups":[343],"isAdmin":false}"#),
        // list item with "false": nulls and the empty groups left out; "false" -> false
        ("list item, isAdmin \"false\"", #"{"pid":1234,"userId":5680,"username":"bwong","status":"ACTIVE","firstName":"Bo","lastName":"Wong","email":"bwong@example.com","isAdmin":false}"#),
    ]

    @Test func documentExamples() throws {
        let inputs = try Self.lines("readers/aam/document.ndjson")
        try #require(inputs.count == Self.documentOutputs.count)
        for (input, (name, expected)) in zip(inputs, Self.documentOutputs) {
            let (out, notes) = try Self.roundTrip(input)
            #expect(out == expected, "\(name)")
            #expect(notes.warnings.isEmpty && notes.unmapped.isEmpty, "\(name)")
        }
    }

    /// Every record of the generated sample (`samples/generate_aam.py`, recorded as
    /// `readers/aam/sample.ndjson`): written as `expected(_:)` says, or rejected `no_username`
    /// when it has neither a username nor an e-mail; nothing unmapped, no warnings.
    @Test func generatedSample() throws {
        var rejected = 0
        for line in try Self.lines("readers/aam/sample.ndjson") {
            let input = try #require(try parse(line).get().object)
            do {
                let (out, notes) = try Self.roundTrip(line)
                #expect(out == written(.object(Self.expected(input))), "\(line)")
                #expect(notes.warnings.isEmpty && notes.unmapped.isEmpty, "\(line)")
                // A second trip changes nothing: the first one leaves aam's own spelling.
                #expect(try Self.roundTrip(out).0 == out)
            } catch let reject as Reject {
                #expect(reject.code == .noUsername)
                #expect(input["username"] == nil && input["email"] == nil && input["emailAddress"] == nil, "\(line)")
                rejected += 1
            }
        }
        #expect(rejected > 0, "the sample has users with no username and no e-mail")
    }

    /// What one round trip makes of an AAM object, rule by rule (the named exceptions): keys in
    /// the document's order, then unknown keys in source order; `emailAddress` spelled `email`;
    /// `null` and `groups: []` left out; `isAdmin` a boolean, `false` when absent; `status`
    /// `ACTIVE` when absent; username from email when absent; numeric strings of ids as numbers.
    static func expected(_ input: JSONObject) -> JSONObject {
        var o = JSONObject()
        func put(_ key: String, _ value: JSONValue?) {
            guard let value, !value.isNull, value != .array([]) else { return }
            o.appendNew(key, value)
        }
        func integer(_ v: JSONValue?) -> JSONValue? {
            guard case .string(let s)? = v, let i = Int64(s) else { return v }
            return .number(JSONNumber(i))
        }
        let email = input["emailAddress"] ?? input["email"]
        put("pid", integer(input["pid"]))
        put("userId", integer(input["userId"]))
        put("username", input["username"] ?? email)
        put("status", input["status"] ?? "ACTIVE")
        put("firstName", input["firstName"])
        put("lastName", input["lastName"])
        put("email", email)
        put("title", input["title"])
        put("phoneNumber", input["phoneNumber"])
        put("groups", input["groups"])
        switch input["isAdmin"] {
        case .string(let s)?: put("isAdmin", .bool(s == "true"))
        case let v?: put("isAdmin", v)
        case nil: put("isAdmin", false)
        }
        let known: Set = ["pid", "userId", "username", "status", "firstName", "lastName", "email", "emailAddress", "title", "phoneNumber", "groups", "isAdmin"]
        for (key, value) in input.entries where !known.contains(key) { o.appendNew(key, value) }
        return o
    }

    /// A profile with every member an AAM user holds comes back equal.
    @Test func profileKeepsEveryAAMMember() throws {
        var p = Profile()
        p.externalId = "jdoe"
        p.username = "jdoe"
        p.aamUserId = 5678
        p.aamPid = 1234
        p.firstName = "John"
        p.lastName = "Doe"
        p.email = "john.doe@example.com"
        p.title = "Campaign Manager"
        p.phone = "+15550100199"
        p.status = "LOCKED"
        p.isAdmin = true
        p.groups = [343, 12, 343]
        p.vendorExtras = ["aam": .object(["lastLoginTime": 1_700_000_000, "sso": nil])]
        let (back, notes) = try Self.throughAAM(p)
        #expect(back == p)
        #expect(notes.unmapped.isEmpty)
    }

    /// The exceptions of profile -> aam -> profile: external_id comes back as the username
    /// (and fills a missing username); absent status and isAdmin come back as the defaults.
    @Test func profileExceptions() throws {
        var p = Profile()
        p.externalId = "u-1"
        p.firstName = "Ann"
        var (back, notes) = try Self.throughAAM(p)
        var want = p
        want.username = "u-1"
        want.status = "ACTIVE"
        want.isAdmin = false
        #expect(back == want)
        #expect(notes.unmapped.isEmpty)

        p = Profile()
        p.username = "ann"
        p.email = "ann@example.com"
        (back, notes) = try Self.throughAAM(p)
        want = p
        want.externalId = "ann"
        want.status = "ACTIVE"
        want.isAdmin = false
        #expect(back == want)

        p = Profile()
        p.email = "only@example.com"
        (back, _) = try Self.throughAAM(p)
        #expect(back.username == "only@example.com" && back.externalId == "only@example.com" && back.email == p.email)
    }

    /// A profile holding everything (the writers' golden record 1): the AAM members survive,
    /// and each other member is unmapped by its profile name.
    @Test func everythingElseIsUnmapped() throws {
        let line = try #require(try Self.lines("writers/profiles.ndjson").first)
        var notes = Notes()
        let p = try ProfileFormatReader().read(try parse(line).get(), notes: &notes)
        let (back, writeNotes) = try Self.throughAAM(p)
        #expect(back.username == p.username && back.aamUserId == p.aamUserId && back.aamPid == p.aamPid)
        #expect(back.firstName == p.firstName && back.lastName == p.lastName && back.email == p.email)
        #expect(back.title == p.title && back.phone == p.phone && back.status == p.status)
        #expect(back.isAdmin == p.isAdmin && back.groups == p.groups)
        #expect(writeNotes.unmapped == [
            "external_id", "braze_id", "amplitude_id", "device_id", "user_aliases", "country", "language",
            "home_city", "time_zone", "dob", "gender", "created_at", "first_session_at", "last_session_at",
            "email_subscribe", "push_subscribe", "cohorts", "recommendations", "computations",
            "custom_attributes", "custom_attribute_ops", "vendor_extras.braze.push_tokens",
            "vendor_extras.braze.custom_events", "vendor_extras.braze.total_revenue",
            "vendor_extras.amplitude.server_zone",
        ])
    }

    /// An extras key that repeats a key the table writes (a hand-made profile) loses to the table.
    @Test func extrasNeverOverrideTheTable() throws {
        var p = Profile()
        p.username = "jdoe"
        p.vendorExtras = ["aam": .object(["username": "other", "isAdmin": "true", "locale": "en_US"])]
        var notes = Notes()
        var out: [UInt8] = []
        try AAMWriter().encode(p, into: &out, notes: &notes)
        #expect(String(decoding: out, as: UTF8.self) == #"{"username":"jdoe","status":"ACTIVE","isAdmin":false,"locale":"en_US"}"#)
        #expect(notes.unmapped == ["vendor_extras.aam.username", "vendor_extras.aam.isAdmin"])
    }

    @Test func noUsernameIsRejected() {
        var p = Profile()
        p.firstName = "Nobody"
        p.phone = "+15550100199"
        var notes = Notes()
        var out: [UInt8] = []
        do {
            try AAMWriter().encode(p, into: &out, notes: &notes)
            Issue.record("written without a username")
        } catch {
            #expect(error.code == .noUsername)
        }
        #expect(out.isEmpty)
    }

    // MARK: helpers

    static func lines(_ golden: String) throws -> [String] {
        String(decoding: try Golden.bytes(golden), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// aam text -> profile -> aam text.
    static func roundTrip(_ line: String) throws -> (String, Notes) {
        var notes = Notes()
        let profile = try AAMReader().read(try parse(line).get(), notes: &notes)
        var out: [UInt8] = []
        try AAMWriter().encode(profile, into: &out, notes: &notes)
        return (String(decoding: out, as: UTF8.self), notes)
    }

    /// profile -> aam -> profile; the notes are the writer's.
    static func throughAAM(_ p: Profile) throws -> (Profile, Notes) {
        var notes = Notes()
        var out: [UInt8] = []
        try AAMWriter().encode(p, into: &out, notes: &notes)
        var readNotes = Notes()
        let back = try AAMReader().read(try parse(out).get(), notes: &readNotes)
        return (back, notes)
    }
}

@Suite struct AAMStatusDefaultTests {
    @Test func invalidStatusGetsNoDefault() throws {
        var p = Profile()
        p.username = "ops"
        p.status = "DISABLED"
        var notes = Notes()
        ProfileValidator().validate(&p, notes: &notes)
        let o = try AAMWriter.object(p, notes: &notes)
        #expect(o["status"] == nil)
        var clean = Notes()
        p.status = nil
        #expect(try AAMWriter.object(p, notes: &clean)["status"] == .string("ACTIVE"))
    }
}
