import JSON
import Converters
/// Word lists the record generator draws from: names in several scripts and places whose
/// country, language, time zone and phone are written the many ways real dumps write them.
enum SampleWords {
    static let first = ["Zoë", "Liam", "Amélie", "Noah", "Sofía", "Mateo", "Hannah", "Yuki", "Olusegun",
                        "Priya", "Chloé", "Lukas", "Emma", "Jonas", "Ana", "Wei", "Fatima", "Oscar",
                        "Ingrid", "Kwame"]
    static let last = ["Martin", "Smith", "García", "Müller", "Rossi", "Tanaka", "Okafor", "Patel",
                       "Dubois", "Nowak", "Johansson", "Silva", "Kim", "O'Brien", "Van der Berg",
                       "Haddad", "Ivanova"]

    struct Place {
        var country, language, city, timeZone, phone: String
    }

    /// Country as code or name, language as code, tag or name, Rails or IANA zone names.
    static let places = [
        Place(country: "US", language: "en", city: "Chicago", timeZone: "America/Chicago", phone: "+1 312 555 "),
        Place(country: "United States", language: "en-US", city: "New York", timeZone: "Eastern Time (US & Canada)", phone: "+1 (212) 555-"),
        Place(country: "GB", language: "en_GB", city: "London", timeZone: "Europe/London", phone: "+44 20 7946 "),
        Place(country: "FR", language: "fr", city: "Lyon", timeZone: "Europe/Paris", phone: "+33 6 12 34 "),
        Place(country: "DE", language: "de", city: "Berlin", timeZone: "Europe/Berlin", phone: "0049 30 1234"),
        Place(country: "es", language: "Spanish", city: "Madrid", timeZone: "Europe/Madrid", phone: "+34 612 34 "),
        Place(country: "JP", language: "ja", city: "Tokyo", timeZone: "Asia/Tokyo", phone: "+81 3-1234-"),
        Place(country: "BRA", language: "pt-BR", city: "São Paulo", timeZone: "America/Sao_Paulo", phone: "+55 11 91234-"),
        Place(country: "IN", language: "hi", city: "Mumbai", timeZone: "Asia/Kolkata", phone: "+91 98765 4"),
        Place(country: "NG", language: "en", city: "Lagos", timeZone: "Africa/Lagos", phone: "+234 803 123 "),
    ]

    static let badCountries = ["USA", "U.K.", "Deutschland", "Côte d'Ivoire", "Narnia"]
    static let badLanguages = ["English", "FRE", "pt_BR.UTF-8", "Klingon"]
    static let badPhones = ["020 7946 0958", "+1 555", "+999 1234 5678", "(415) 555-0123 x12"]
    static let badZones = ["america/new_york", "Pacific Time (US & Canada)", "GMT+2"]
    static let badDates = ["05/17/1990", "1990-02-30", "17.05.1990", "19900517"]
    static let badEmails = ["not-an-email", "two@@example.com", "a b@example.com"]
    static let genders = ["M", "F", "female", "male", "O", "P"]
    static let badGenders = ["FEMALE", "Male", "unknown", "prefer not to say"]
    static let libraries = ["amplitude-ios/8.3.0", "amplitude-android/2.39.2", "http/1.0", "amplitude-js/8.21.4"]
    static let platforms = [("iOS", "ios 16.1", "iPhone 13"), ("Android", "android 13", "Pixel 7"), ("Web", "Chrome 118", "Mac")]
    static let genres = ["jazz", "rock", "pop", "classical", "hip-hop", "folk", "electronic", "blues", "metal", "soul"]
    static let items = ["cookie", "croissant", "donut", "bagel", "muffin", "scone", "brioche", "pretzel", "waffle",
                        "eclair", "bulgogi", "bibimbap", "kimchi", "samgyeopsal", "tteokbokki"]
    static let referrers = ["google", "facebook", "newsletter", "organic", "tiktok"]
    static let plans = ["free", "plus", "family", "student"]

    /// Lower-case ASCII for e-mail local parts and user names.
    static func fold(_ s: String) -> String {
        var out = ""
        for c in s.lowercased() {
            switch c {
            case "é", "è", "ë": out.append("e")
            case "á", "ã": out.append("a")
            case "í": out.append("i")
            case "ó", "ö", "ø": out.append("o")
            case "ü", "ú": out.append("u")
            case "ñ": out.append("n")
            case "'", " ": continue
            default: out.append(c)
            }
        }
        return out
    }
}
