import Converters
import JSON
import Schemas

extension RecordGenerator {
    /// A Braze `/users/export/ids` user object, in the export's key order.
    mutating func brazeExport(_ i: Int) -> JSONValue {
        let place = pick(SampleWords.places)
        let first = pick(SampleWords.first), last = pick(SampleWords.last)
        var u: JSONObject = [
            "created_at": .string(instant(2018...2022)),
            "external_id": .string("user-\(padded(i, 9))"),
        ]
        if chance(0.3) {
            u["user_aliases"] = .array([.object(["alias_name": .string("amp-\(below(1_000_000_000))"), "alias_label": "amplitude_id"])])
        }
        u["braze_id"] = .string(hex(24))
        u["random_bucket"] = .int(below(10_000))
        u["first_name"] = .string(first)
        u["last_name"] = .string(last)
        u["email"] = .string("\(SampleWords.fold(first)).\(SampleWords.fold(last))\(i)@example.com")
        u["dob"] = .string(day(1950...2005))
        u["home_city"] = .string(place.city)
        u["country"] = .string(place.country)
        if chance(0.7) { u["phone"] = .string(place.phone + String(1000 + below(9000))) }
        u["language"] = .string(place.language)
        u["time_zone"] = .string(place.timeZone)
        if chance(0.5) {
            u["last_coordinates"] = .array([money(90), .number(JSONNumber(uncheckedText: "-\(below(180)).\(padded(below(100000), 5))"))])
        }
        u["gender"] = .string(pick(["M", "F", "O", "N", "P"]))
        u["total_revenue"] = chance(0.5) ? money(500) : .int(0)
        u["push_subscribe"] = .string(pick(["opted_in", "subscribed", "unsubscribed"]))
        u["email_subscribe"] = .string(pick(["opted_in", "subscribed", "unsubscribed"]))
        u["custom_attributes"] = .object([
            "loyaltyId": .string(uuid()), "loyaltyPoints": .int(below(5000)),
            "favorite_genres": .strings(sample(SampleWords.genres, below(4))), "vip": .bool(chance(0.1)),
        ])
        u["custom_events"] = .array((0..<below(3)).map { _ in
            .object(["name": .string(pick(["Shared Title", "Loyalty Acknowledgement", "Watched Trailer"])),
                     "first": .string(instant(2019...2020)), "last": .string(instant(2021...2022)), "count": .int(1 + below(40))])
        })
        if chance(0.3) {
            u["purchases"] = .array([.object(["name": .string("item_\(below(99999))"), "first": .string(instant(2020...2021)),
                                              "last": .string(instant(2022...2022)), "count": .int(1 + below(20))])])
        }
        let device = uuid()
        u["devices"] = .array([.object(["model": .string(pick(["Pixel XL", "iPhone 13", "Galaxy S22"])), "os": .string(pick(["Android (Q)", "iOS 16.1"])),
                                        "carrier": .null, "device_id": .string(device), "ad_tracking_enabled": .bool(chance(0.5))])])
        if chance(0.4) {
            u["push_tokens"] = .array([.object(["app": "MovieCanon", "platform": "Android", "token": .string(hex(32)),
                                                "device_id": .string(device), "notifications_enabled": .bool(chance(0.8))])])
        }
        u["apps"] = .array([.object(["name": "MovieCannon Web", "platform": "Web", "version": .string("3.\(below(40)).0"),
                                     "sessions": .int(below(2000)), "first_used": .string(instant(2019...2020)),
                                     "last_used": .string(instant(2021...2023))])])
        // Faults of real exports.
        let roll = below(100)
        if roll < 3 { u["email"] = .string(pick(SampleWords.badEmails)) }
        else if roll < 6 { u["country"] = .string(pick(SampleWords.badCountries)) }
        else if roll < 8 { u["dob"] = .string(pick(SampleWords.badDates)) }
        else if roll < 10 { u["random_bucket"] = .string("\(below(10_000))") }
        else if roll < 12 { u["apps"] = .array([]) }
        else if roll < 14 {  // alias-only user, the alias where an export puts it (after created_at)
            let alias = JSONValue.array([.object(["alias_name": .string("lead-\(below(1_000_000))"), "alias_label": "crm"])])
            var ordered = JSONObject()
            for (key, value) in u.entries where !["external_id", "braze_id", "user_aliases"].contains(key) {
                ordered.appendNew(key, value)
                if key == "created_at" { ordered.appendNew("user_aliases", alias) }
            }
            u = ordered
        } else if roll < 15 {  // nothing to identify: rejected by Braze writers
            u["external_id"] = nil
            u["braze_id"] = nil
            u["user_aliases"] = nil
            u["email"] = nil
            u["phone"] = nil
        }
        return .object(u)
    }

    /// A Braze `/users/track` attributes object with standard, custom and operation attributes.
    mutating func brazeAttributes(_ i: Int) -> JSONValue {
        let place = pick(SampleWords.places)
        let first = pick(SampleWords.first), last = pick(SampleWords.last)
        var o: JSONObject = [:]
        let who = below(100)
        if who < 85 {
            o["external_id"] = .string("user-\(padded(i, 9))")
        } else if who < 93 {
            o["user_alias"] = .object(["alias_name": .string("dev-\(hex(8))"), "alias_label": "amplitude_device_id"])
        } else if who < 97 {
            o["braze_id"] = .string(hex(24))
        }  // else: no identifier, only an e-mail, or (1 in 3) nothing at all
        if who < 99 { o["email"] = .string("\(SampleWords.fold(first)).\(SampleWords.fold(last))\(i)@example.com") }
        o["first_name"] = .string(first)
        o["last_name"] = .string(last)
        if chance(0.6) { o["phone"] = .string(place.phone + String(1000 + below(9000))) }
        o["country"] = .string(place.country)
        o["language"] = .string(place.language)
        o["home_city"] = .string(place.city)
        o["time_zone"] = .string(place.timeZone)
        o["dob"] = .string(day(1950...2005))
        o["gender"] = .string(pick(SampleWords.genders))
        if chance(0.3) { o["email_subscribe"] = .string(pick(["opted_in", "subscribed", "unsubscribed"])) }
        o["plan"] = .string(pick(SampleWords.plans))
        o["lifetime_value"] = money(500)
        o["favorite_genres"] = .strings(sample(SampleWords.genres, below(5)))
        if chance(0.2) { o["visits"] = .object(["inc": .int(1 + below(5))]) }
        if chance(0.1) { o["badges"] = .object(["add": .strings(["gold"]), "remove": .strings(["silver"])]) }
        if chance(0.1) { o["last_login"] = .object(["$time": .string(instant(2023...2023))]) }
        let roll = below(100)
        if roll < 3 { o["email"] = .string(pick(SampleWords.badEmails)) }
        else if roll < 6 { o["favorite_genres"] = .strings((0..<30).map { _ in pick(SampleWords.genres) }) }
        else if roll < 8 { o["country"] = .string(pick(SampleWords.badCountries)) }
        else if roll < 10 { o["bio"] = .string(String(repeating: "lorem ipsum ", count: 30)) }
        else if roll < 11 { o["$bad_key"] = "x" }
        return .object(o)
    }
}
