import JSON
import Schemas
import Testing

@Suite struct CountryRuleTests {
    /// alpha-2, alpha-3, ISO short name.
    static let countries = (try? ValidationFixture.rows("countries.tsv")) ?? []

    @Test func fixtureListsAll249Countries() {
        #expect(Self.countries.count == 249)
        #expect(Set(Self.countries.map { $0[0] }).count == 249)
        #expect(Self.countries.allSatisfy { $0.count == 3 })
    }

    @Test func exactly249TwoLetterCodesAreCanonical() {
        let ok = ValidationFixture.letterPairs(upper: true).filter { CountryRule.check($0) == .ok }
        #expect(ok.count == 249)
        #expect(Set(ok) == Set(Self.countries.map { $0[0] }))
    }

    @Test func everyAlpha2InAnyCase() {
        for row in Self.countries {
            let code = row[0]
            #expect(CountryRule.check(code) == .ok, "\(code)")
            #expect(CountryRule.check(code.lowercased()) == .normalised(code), "\(code)")
            let mixed = String(code.prefix(1)) + code.suffix(1).lowercased()
            #expect(CountryRule.check(mixed) == .normalised(code), "\(mixed)")
        }
    }

    @Test func everyAlpha3InAnyCase() {
        for row in Self.countries {
            #expect(CountryRule.check(row[1]) == .normalised(row[0]), "\(row[1])")
            #expect(CountryRule.check(row[1].lowercased()) == .normalised(row[0]), "\(row[1])")
        }
    }

    @Test func everyISONameInAnyCase() {
        for row in Self.countries {
            #expect(CountryRule.check(row[2]) == .normalised(row[0]), "\(row[2])")
            #expect(CountryRule.check(row[2].uppercased()) == .normalised(row[0]), "\(row[2])")
            #expect(CountryRule.check(row[2].lowercased()) == .normalised(row[0]), "\(row[2])")
        }
    }

    @Test(arguments: [
        ("USA", "US"), ("usa", "US"), ("U.S.", "US"), ("U.S.A.", "US"), ("US of A", "US"),
        ("United States of America", "US"), ("the United States", "US"), ("America", "US"),
        ("UK", "GB"), ("uk", "GB"), ("U.K.", "GB"), ("Great Britain", "GB"), ("Britain", "GB"),
        ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"),
        ("United Kingdom of Great Britain & Northern Ireland", "GB"),
        ("South Korea", "KR"), ("Korea", "KR"), ("Republic of Korea", "KR"), ("North Korea", "KP"), ("DPRK", "KP"),
        ("Russia", "RU"), ("Russian Federation", "RU"), ("Vietnam", "VN"), ("Viet Nam", "VN"), ("Iran", "IR"),
        ("Syria", "SY"), ("Laos", "LA"), ("Bolivia", "BO"), ("Venezuela", "VE"), ("Tanzania", "TZ"),
        ("Moldova", "MD"), ("Czech Republic", "CZ"), ("Czechia", "CZ"), ("Ivory Coast", "CI"),
        ("Cape Verde", "CV"), ("Swaziland", "SZ"), ("Eswatini", "SZ"), ("Macedonia", "MK"), ("Burma", "MM"),
        ("Holland", "NL"), ("The Netherlands", "NL"), ("Taiwan", "TW"), ("Palestine", "PS"),
        ("State of Palestine", "PS"), ("Vatican", "VA"), ("Vatican City", "VA"), ("Holy See", "VA"),
        ("Micronesia", "FM"), ("Brunei", "BN"), ("Turkey", "TR"), ("Türkiye", "TR"), ("Turkiye", "TR"),
        ("UAE", "AE"), ("Congo-Kinshasa", "CD"), ("DRC", "CD"), ("DR Congo", "CD"),
        ("Democratic Republic of the Congo", "CD"), ("Congo-Brazzaville", "CG"), ("Congo", "CG"),
        ("Republic of the Congo", "CG"), ("St. Lucia", "LC"), ("St Lucia", "LC"), ("Saint Lucia", "LC"),
        ("St. Kitts & Nevis", "KN"), ("St Vincent and the Grenadines", "VC"), ("St. Barts", "BL"),
        ("Saint Martin", "MF"), ("Sint Maarten", "SX"), ("St. Maarten", "SX"), ("British Virgin Islands", "VG"),
        ("US Virgin Islands", "VI"), ("U.S. Virgin Islands", "VI"), ("Falkland Islands", "FK"),
        ("East Timor", "TL"), ("Timor Leste", "TL"), ("Macau", "MO"), ("Bosnia", "BA"), ("Aland", "AX"),
    ])
    func aliases(_ input: String, _ code: String) {
        #expect(CountryRule.check(input) == .normalised(code))
    }

    @Test(arguments: [
        ("côte d'ivoire", "CI"), ("COTE DIVOIRE", "CI"), ("Cote d\u{2019}Ivoire", "CI"),
        ("Co\u{0302}te d'Ivoire", "CI"), ("Korea, Republic of", "KR"), ("korea republic of", "KR"),
        ("the gambia", "GM"), ("Gambia, The", "GM"), ("The Bahamas", "BS"), ("guinea bissau", "GW"),
        ("Guinea-Bissau", "GW"), ("REUNION", "RE"), ("Curacao", "CW"), ("São Tomé & Príncipe", "ST"),
        ("Saint Barthelemy", "BL"), ("united   kingdom", "GB"),
        ("Åland Islands", "AX"), ("aland islands", "AX"), ("Bosnia-Herzegovina", "BA"),
        ("Congo (Kinshasa)", "CD"), ("Congo, The Democratic Republic of the", "CD"),
        ("Bolivia (Plurinational State of)", "BO"),
    ])
    func caseAccentsAndPunctuationAreIgnored(_ input: String, _ code: String) {
        #expect(CountryRule.check(input) == .normalised(code))
    }

    @Test(arguments: [
        "XX", "ZZ", "ZZZ", "Narnia", "EU", "European Union", "XK", "Kosovo", "840", "123", "U", "A1",
        "YU", "SU", "ANT", "Yugoslavia", "United States!", "U$A", "Korea North South", "Virgin Islands",
        "Ndebele", "12", "é",
    ])
    func invalid(_ input: String) {
        #expect(CountryRule.check(input) == .invalid(.invalidCountry))
    }
}

/// Countries as people write them in their own language: generated from the Unicode CLDR's
/// territory names in each country's official languages, kept only when unambiguous.
@Suite struct CountrySelfNameTests {
    @Test(arguments: [
        ("Deutschland", "DE"), ("España", "ES"), ("espana", "ES"), ("Österreich", "AT"), ("OSTERREICH", "AT"),
        ("Nederland", "NL"), ("Brasil", "BR"), ("México", "MX"), ("Italia", "IT"), ("Schweiz", "CH"),
        ("Suisse", "CH"), ("Svizzera", "CH"), ("België", "BE"), ("Belgique", "BE"), ("Polska", "PL"),
        ("Sverige", "SE"), ("Norge", "NO"), ("Danmark", "DK"), ("Suomi", "FI"), ("Česko", "CZ"),
        ("Magyarország", "HU"), ("Hrvatska", "HR"), ("Ísland", "IS"), ("Éire", "IE"), ("Lëtzebuerg", "LU"),
        ("Россия", "RU"), ("Ελλάδα", "GR"), ("日本", "JP"), ("中国", "CN"), ("대한민국", "KR"), ("ไทย", "TH"),
        ("República Dominicana", "DO"), ("Guinée", "GN"), ("Guinea Ecuatorial", "GQ"),
    ])
    func ownName(_ name: String, _ code: String) {
        #expect(CountryRule.check(name) == .normalised(code), "\(name)")
    }

    /// A self-name that is another country's English name stays that country's (`Guinea` is
    /// also Spanish for Equatorial Guinea's neighbour), and names no key can be made of stay
    /// invalid rather than guessed.
    @Test func englishNamesWinOverSelfNames() {
        #expect(CountryRule.check("Guinea") == .normalised("GN"))
        #expect(CountryRule.check("Georgia") == .normalised("GE"))
        #expect(CountryRule.check("भारत") == .invalid(.invalidCountry))
    }
}
