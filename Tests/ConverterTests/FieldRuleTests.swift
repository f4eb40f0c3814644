import JSON
@testable import Converters
@testable import Schemas
import Testing

@Suite struct FieldRuleTests {
    let validator = ProfileValidator()

    @Test(arguments: [
        ("a@example.com", FieldCheck.ok),
        ("  a@Example.COM ", .normalised("a@example.com")),
        ("Ann.Lee+tag@Mail.Example.org", .normalised("Ann.Lee+tag@mail.example.org")),
        ("zoë@example.fr", .ok),
        ("no-at-sign", .invalid(.invalidEmail)),
        ("two@@example.com", .invalid(.invalidEmail)),
        ("a@b@example.com", .invalid(.invalidEmail)),
        ("@example.com", .invalid(.invalidEmail)),
        ("a b@example.com", .invalid(.invalidEmail)),
        ("a@localhost", .invalid(.invalidEmail)),
        ("a@[127.0.0.1]", .invalid(.invalidEmail)),
        ("a@127.0.0.1", .invalid(.invalidEmail)),
        ("a@-bad.com", .invalid(.invalidEmail)),
        ("a@bad..com", .invalid(.invalidEmail)),
        ("a@example.com.", .invalid(.invalidEmail)),
        ("a@.example.com", .invalid(.invalidEmail)),
        ("a@ex-.com", .invalid(.invalidEmail)),
        ("a@x-y.example.c0m", .ok),
        ("a@bücher.de", .ok),

        (String(repeating: "x", count: 65) + "@example.com", .invalid(.invalidEmail)),
        (String(repeating: "x", count: 64) + "@example.com", .ok),
        ("   ", .invalid(.emptyValue)),
    ])
    func email(_ input: String, _ expected: FieldCheck) {
        #expect(validator.check(.email, input) == expected)
    }

    @Test(arguments: [
        ("F", FieldCheck.ok), ("f", .normalised("F")), ("female", .normalised("F")), ("MALE", .normalised("M")),
        ("prefer not to say", .normalised("P")), ("Not Applicable", .normalised("N")), ("other", .normalised("O")),
        ("unknown", .invalid(.invalidGender)), ("42", .invalid(.invalidGender)),
    ])
    func gender(_ input: String, _ expected: FieldCheck) {
        #expect(validator.check(.gender, input) == expected)
    }

    @Test func subscriptionsAndStatus() {
        #expect(validator.check(.emailSubscribe, "opted_in") == .ok)
        #expect(validator.check(.pushSubscribe, "Unsubscribed") == .normalised("unsubscribed"))
        #expect(validator.check(.pushSubscribe, "yes") == .invalid(.invalidSubscription))
        #expect(validator.check(.status, "locked") == .normalised("LOCKED"))
        #expect(validator.check(.status, "gone") == .invalid(.invalidStatus))
    }

    @Test func validateRewritesAndCounts() {
        var p = Profile()
        p.email = " A@B.COM"
        p.gender = "unknown"
        p.country = " FR "
        p.firstName = "  kept as is  "
        var notes = Notes()
        validator.validate(&p, notes: &notes)
        #expect(p.email == "A@b.com")
        #expect(p.gender == nil)
        #expect(p.country == "FR")
        #expect(p.firstName == "  kept as is  ")
        #expect(notes.normalised.isEmpty)
        #expect(notes.warnings == [Notes.Warning(code: .invalidGender, field: "gender", value: "unknown")])
        #expect(notes.checks == [
            FieldOutcome(field: .email, outcome: .normalised),
            FieldOutcome(field: .country, outcome: .normalised),
            FieldOutcome(field: .gender, outcome: .invalid),
        ])
    }

    @Test func checkedFieldIndexIsItsPosition() {
        for (i, field) in CheckedField.allCases.enumerated() { #expect(field.index == i) }
    }

    /// The validator's fields are profile members under the same names, so the report's
    /// per-field counts and the `profile` format speak of the same fields.
    @Test func checkedFieldsAreProfileMembers() {
        for field in CheckedField.allCases { #expect(ProfileField(rawValue: field.rawValue) != nil, "\(field)") }
    }

    @Test func enumWordsAnyCase() {
        #expect(FieldText.oneOf(["opted_in", "subscribed"], "Opted_In") == .normalised("opted_in"))
        #expect(FieldText.oneOf(["opted_in"], "opted_in") == .ok)
        // `_` and `\u{7F}` differ only in bit 5 too: case folding must be for letters only.
        #expect(FieldText.oneOf(["opted_in"], "opted\u{7F}in") == nil)
        #expect(FieldText.oneOf(["ACTIVE"], "ACTIV") == nil)
    }

    /// The e-mail rule finds whitespace by its UTF-8 bytes: it must agree with Unicode's
    /// White_Space property on every scalar of the Basic Multilingual Plane.
    @Test func emailWhitespaceMatchesUnicode() {
        for v in UInt32(0x80)..<0x10000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let email = "a\(Character(scalar))b@example.com"
            let expected: FieldCheck = scalar.properties.isWhitespace ? .invalid(.invalidEmail) : .ok
            #expect(EmailRule.check(email) == expected, "U+\(String(v, radix: 16))")
        }
    }

    @Test func emailLocalPartCountsCharacters() {
        let combining = String(repeating: "e\u{301}", count: 64)  // 128 scalars, 64 characters
        #expect(validator.check(.email, combining + "@example.com") == .ok)
        #expect(validator.check(.email, combining + "e@example.com") == .invalid(.invalidEmail))
        #expect(validator.check(.email, String(repeating: "é", count: 64) + "@example.com") == .ok)
        #expect(validator.check(.email, String(repeating: "é", count: 65) + "@example.com") == .invalid(.invalidEmail))
        let label63 = String(repeating: "x", count: 63), label64 = label63 + "x"
        #expect(validator.check(.email, "a@\(label63).com") == .ok)
        #expect(validator.check(.email, "a@\(label64).com") == .invalid(.invalidEmail))
    }

    @Test func trimmingHandlesUnicodeWhitespace() {
        #expect(FieldText.trimmed("\u{00A0}x\u{2003}") == "x")
        #expect(FieldText.trimmed("é ") == "é")
        #expect(FieldText.trimmed("\t\n") == "")
        #expect(FieldText.trimmed("plain") == "plain")
    }

    @Test func taggedKeysFindOnlyEqualKeys() {
        let keys = TaggedKeys(["email", "emails", "email_subscribe", "e", "", "ünïcode"])
        for k in ["email", "emails", "email_subscribe", "e", "", "ünïcode"] { #expect(keys.contains(k)) }
        for k in ["emai", "Email", "email_subscribf", "f", "unicode"] { #expect(!keys.contains(k)) }
    }
}
