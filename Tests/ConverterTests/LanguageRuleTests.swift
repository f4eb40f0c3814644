import JSON
import Schemas
import Testing

@Suite struct LanguageRuleTests {
    /// 639-1, 639-2/T, 639-2/B or `-`, English name parts separated by `; `.
    static let languages = (try? ValidationFixture.rows("languages.tsv")) ?? []

    @Test func fixtureListsAll184Languages() {
        #expect(Self.languages.count == 184)
        #expect(Set(Self.languages.map { $0[0] }).count == 184)
        #expect(Self.languages.allSatisfy { $0.count == 4 })
        #expect(Self.languages.filter { $0[2] != "-" }.count == 20)
    }

    @Test func exactly184TwoLetterCodesAreCanonical() {
        let ok = ValidationFixture.letterPairs(upper: false).filter { LanguageRule.check($0) == .ok }
        #expect(ok.count == 184)
        #expect(Set(ok) == Set(Self.languages.map { $0[0] }))
        #expect(ValidationFixture.letterPairs(upper: true).allSatisfy { LanguageRule.check($0) != .ok })
    }

    @Test func everyISO639_1CodeInAnyCase() {
        for row in Self.languages {
            let code = row[0]
            #expect(LanguageRule.check(code) == .ok, "\(code)")
            #expect(LanguageRule.check(code.uppercased()) == .normalised(code), "\(code)")
            #expect(LanguageRule.check(code.prefix(1).uppercased() + code.suffix(1)) == .normalised(code), "\(code)")
        }
    }

    @Test func everyISO639_2CodeWithA639_1Code() {
        for row in Self.languages {
            for three in [row[1], row[2]] where three != "-" {
                #expect(LanguageRule.check(three) == .normalised(row[0]), "\(three)")
                #expect(LanguageRule.check(three.uppercased()) == .normalised(row[0]), "\(three)")
            }
        }
    }

    @Test func everyEnglishNameAndEachOfItsParts() {
        for row in Self.languages {
            let parts = row[3].split(separator: ";").map { $0.trimmingSpaces }
            for name in [row[3]] + parts {
                #expect(LanguageRule.check(name) == .normalised(row[0]), "\(name)")
                #expect(LanguageRule.check(name.uppercased()) == .normalised(row[0]), "\(name)")
            }
        }
    }

    @Test(arguments: [
        ("en-US", "en"), ("en_US", "en"), ("EN-us", "en"), ("zh-Hant-TW", "zh"), ("pt_BR", "pt"),
        ("sr-Latn-RS", "sr"), ("de-CH-1996", "de"), ("en_US.UTF-8", "en"), ("de_DE@euro", "de"),
        ("de_DE.UTF-8@euro", "de"), ("en.UTF-8", "en"), ("fr-CA", "fr"), ("es-419", "es"), ("eng-GB", "en"),
        ("fra_FR", "fr"), ("iw-IL", "he"), ("in_ID", "id"), ("nb-NO", "nb"), ("zh-Hans", "zh"),
        ("en-GB-oxendict", "en"), ("en-US-u-ca-gregory", "en"),
    ])
    func localeTags(_ input: String, _ code: String) {
        #expect(LanguageRule.check(input) == .normalised(code))
    }

    @Test(arguments: [
        ("EU", "eu"), ("iw", "he"), ("in", "id"), ("ji", "yi"), ("mo", "ro"), ("IW", "he"),
        ("fre", "fr"), ("fra", "fr"), ("ger", "de"), ("deu", "de"), ("eng", "en"), ("ENG", "en"), ("chi", "zh"),
        ("English", "en"), ("english", "en"), ("FRENCH", "fr"), ("Spanish; Castilian", "es"), ("Castilian", "es"),
        ("spanish castilian", "es"), ("Norwegian Bokmål", "nb"), ("norwegian bokmal", "nb"), ("Bokmål, Norwegian", "nb"),
        ("Bokmal", "nb"), ("Nynorsk", "nn"), ("Greek", "el"), ("Modern Greek", "el"), ("Greek, Modern (1453-)", "el"),
        ("Occitan", "oc"), ("Provencal", "oc"), ("Volapuk", "vo"), ("Māori", "mi"), ("Southern Sotho", "st"),
        ("Sotho", "st"), ("South Ndebele", "nr"), ("North Ndebele", "nd"), ("Farsi", "fa"), ("Persian", "fa"),
        ("Mandarin", "zh"), ("Khmer", "km"), ("Central Khmer", "km"), ("Bangla", "bn"), ("Slovene", "sl"),
        ("Tongan", "to"), ("Haitian Creole", "ht"), ("Scottish Gaelic", "gd"), ("Luba-Katanga", "lu"),
        ("Old Church Slavonic", "cu"), ("Interlingua", "ia"), ("Ewe", "ee"), ("Lao", "lo"), ("Twi", "tw"),
    ])
    func codesNamesAndAliases(_ input: String, _ code: String) {
        #expect(LanguageRule.check(input) == .normalised(code))
    }

    @Test(arguments: [
        "XX", "ZZZ", "Narnia", "e", "english!!", "en-", "-US", "123", "haw", "Hawaiian", "fil", "Filipino",
        "yue", "Cantonese", "grc", "Ancient Greek", "sh", "Serbo-Croatian", "Ndebele", "Tonga", "Sami", "Klingon",
        "en--US", "en_", "en-US.", "C", "C.UTF-8", "POSIX", "x-klingon", "english-US", "en-toolongsubtag",
        "e-n", "en US", "en-US!", "zz-ZZ", "qaa", "und", "mul", "zxx",
    ])
    func invalid(_ input: String) {
        #expect(LanguageRule.check(input) == .invalid(.invalidLanguage))
    }
}

private extension Substring {
    var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
