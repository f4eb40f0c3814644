import JSON
import Schemas
import Testing

@Suite struct PhoneRuleTests {
    /// A row of `validation/calling-codes.tsv`: libphonenumber's example number for one region
    /// of each calling code, as E.164, international and national formats.
    struct Example {
        let code: String, region: String, e164: String, international: String, national: String
    }

    static let examples: [Example] = rows("validation/calling-codes.tsv").map {
        Example(code: $0[0], region: $0[1], e164: $0[2], international: $0[3], national: $0[4])
    }
    static let regions: [[String]] = rows("validation/phone-regions.tsv")

    static func rows(_ fixture: String) -> [[String]] {
        let text = (try? Golden.bytes(fixture)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    static func check(_ value: String, _ region: String? = nil) -> FieldCheck {
        PhoneRule.check(value, defaultRegion: region.flatMap { PhoneRegion($0) })
    }

    /// National formats whose trunk prefix is more than the region's national prefix digits
    /// (libphonenumber rewrites them with patterns this rule does not use).
    static let unsupportedNationalFormats: Set = ["AR", "BY"]

    @Test func everyCallingCode() {
        #expect(Self.examples.count == 215)
        #expect(Set(Self.examples.map(\.code)).count == 215)
        for ex in Self.examples {
            #expect(Self.check(ex.e164) == .ok, "\(ex.e164)")
            #expect(Self.check(ex.international) == .normalised(ex.e164), "\(ex.international)")
            let dashed = String(ex.international.map { $0 == " " ? "-" : $0 })
            #expect(Self.check(dashed) == .normalised(ex.e164), "\(dashed)")
            #expect(Self.check("00" + ex.e164.dropFirst()) == .normalised(ex.e164), "00 \(ex.e164)")
            #expect(Self.check("+00" + ex.e164.dropFirst()) == .normalised(ex.e164), "+00 \(ex.e164)")
            #expect(Self.check("tel:" + dashed) == .normalised(ex.e164), "tel: \(dashed)")
            #expect(Self.check(ex.e164 + "0000000") == .invalid(.invalidPhone), "too long \(ex.e164)")
        }
    }

    @Test func everyNationalFormatWithItsRegion() {
        let geographic = Self.examples.filter { $0.region != "001" }
        #expect(geographic.count == 206)
        var unsupported: Set<String> = []
        for ex in geographic {
            let result = Self.check(ex.national, ex.region)
            if Self.unsupportedNationalFormats.contains(ex.region) {
                if result != .normalised(ex.e164) { unsupported.insert(ex.region) }
            } else {
                #expect(result == .normalised(ex.e164), "\(ex.region) \(ex.national)")
            }
            // Without a default region a national number is not a phone number.
            #expect(Self.check(ex.national) == .invalid(.invalidPhone), "\(ex.national)")
        }
        #expect(unsupported == Self.unsupportedNationalFormats)
    }

    @Test func everyRegion() {
        #expect(Self.regions.count == 245)
        for row in Self.regions {
            let region = PhoneRegion(row[0])
            #expect(region?.code == row[0])
            #expect(PhoneRegion(row[0].lowercased()) == region)
        }
        #expect(PhoneRegion("ZZ") == nil)
        #expect(PhoneRegion("001") == nil)
        #expect(PhoneRegion("GBR") == nil)
        #expect(PhoneRegion("") == nil)
        #expect(PhoneRegion("gb") == PhoneRegion("GB"))
        // As in the country field, UK is the United Kingdom.
        #expect(PhoneRegion("UK") == PhoneRegion("GB"))
        #expect(PhoneRegion("uk")?.code == "GB")
    }

    @Test(arguments: [
        ("+14155550123", FieldCheck.ok),
        ("+1 (415) 555-0123", .normalised("+14155550123")),
        ("+1.415.555.0123", .normalised("+14155550123")),
        ("+44 20.7946.0958", .normalised("+442079460958")),
        ("0044 20 7946 0958", .normalised("+442079460958")),
        ("+0044 20 7946 0958", .normalised("+442079460958")),
        ("+44 (0)20 7946 0958", .normalised("+442079460958")),
        ("+4402079460958", .normalised("+442079460958")),
        ("tel:+1-415-555-0123", .normalised("+14155550123")),
        ("TEL:+14155550123", .normalised("+14155550123")),
        ("+390669821234", .ok),
        ("+44 1481 256789", .normalised("+441481256789")),
        ("+7 912 345-67-89", .normalised("+79123456789")),
        ("+80012345678", .ok),
        ("+979123456789", .ok),
        ("+882 1234 5678", .normalised("+88212345678")),
    ])
    func accepted(_ input: String, _ expected: FieldCheck) {
        #expect(Self.check(input) == expected)
    }

    @Test(arguments: [
        "+", "+1", "+1415", "+1415555012", "+141555501234",  // too short or long for +1
        "+4420794609", "+44207946095812",
        "+999 123 4567", "+0 123 4567", "+0", "00", "+00", "0 0 0",  // no such calling code
        "+1234567890123456", "+4930123456789012", "+86123456789012345",  // over 15 digits
        "+1-800-FLOWERS", "+1 415 555 0123 x123", "+1 415 555 0123 ext. 5", "+14155550123;ext=5",
        "tel:4155550123", "tel:+1-415-555-0123;phone-context=example.com",
        "+1 (415 555-0123", "+1 415) 555-0123", "+1 ((415)) 555-0123", "++14155550123",
        "1+4155550123", "+1/415/555/0123", "+1\u{00A0}415 555 0123", "+١٤١٥٥٥٥٠١٢٣", "(+44) 20 7946 0958",
    ])
    func rejected(_ input: String) {
        #expect(Self.check(input) == .invalid(.invalidPhone))
        #expect(Self.check(input, "US") == .invalid(.invalidPhone))
    }

    @Test(arguments: [
        ("07911 123456", "GB", FieldCheck.normalised("+447911123456")),
        ("020 7946 0958", "gb", .normalised("+442079460958")),
        ("(415) 555-0123", "US", .normalised("+14155550123")),
        ("1 415 555 0123", "US", .normalised("+14155550123")),
        ("4155550123", "CA", .normalised("+14155550123")),
        ("030 1234567", "DE", .normalised("+49301234567")),
        ("06 12 34 56 78", "FR", .normalised("+33612345678")),
        ("06 6982 1234", "IT", .normalised("+390669821234")),  // the Italian leading 0 is kept
        ("312 345 6789", "IT", .normalised("+393123456789")),
        ("0412 345 678", "AU", .normalised("+61412345678")),
        ("(02) 9876 5432", "AU", .normalised("+61298765432")),
        ("8 (912) 345-67-89", "RU", .normalised("+79123456789")),
        ("+44 7911 123456", "US", .normalised("+447911123456")),  // international wins
        ("0044 7911 123456", "FR", .normalised("+447911123456")),
        ("07911 1234", "GB", .invalid(.invalidPhone)),  // not kept whole as +44 079111234
        ("800 123 4567", "RU", .invalid(.invalidPhone)),  // a leading 8 is RU's trunk prefix
        ("07911 1234567", "GB", .invalid(.invalidPhone)),
        ("415 555 012", "US", .invalid(.invalidPhone)),
        ("030 1234567890123", "DE", .invalid(.invalidPhone)),  // 2 + 14 digits is over 15
        ("0791I 123456", "GB", .invalid(.invalidPhone)),
    ])
    func national(_ input: String, _ region: String, _ expected: FieldCheck) {
        #expect(Self.check(input, region) == expected)
    }

    @Test(arguments: [
        "07911 123456", "(415) 555-0123", "030 1234567", "06 12 34 56 78", "06 6982 1234", "0412 345 678",
    ])
    func nationalWithoutDefaultRegion(_ input: String) {
        #expect(Self.check(input) == .invalid(.invalidPhone))
    }
}
