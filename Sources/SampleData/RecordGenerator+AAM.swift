import Converters
import JSON
import Schemas

extension RecordGenerator {
    /// An Adobe Audience Manager user object: an operator of an AAM account.
    mutating func aam(_ i: Int) -> JSONValue {
        let first = pick(SampleWords.first), last = pick(SampleWords.last)
        let username = String(SampleWords.fold(first).prefix(1)) + SampleWords.fold(last) + String(i)
        var o: JSONObject = [
            "pid": .int(pick([1234, 2671])),
            "userId": .int(1000 + i),
            "username": .string(username),
            "status": .string(pick(["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "INACTIVE", "LOCKED"])),
            "firstName": .string(first),
            "lastName": .string(last),
            "email": .string("\(SampleWords.fold(first)).\(SampleWords.fold(last))\(i)@\(pick(["example.com", "corp.example", "agency.example.net"]))"),
            "title": chance(0.7) ? .string(pick(["Analyst", "Data Engineer", "Campaign Manager", "Media Buyer"])) : .null,
            "phoneNumber": chance(0.5) ? .string(pick(SampleWords.places).phone + String(1000 + below(9000))) : .null,
            "groups": .array(sample([12, 343, 501, 502, 777, 1024], below(3)).sorted().map { .int($0) }),
        ]
        let admin = below(100)
        if admin < 45 { o["isAdmin"] = .string(pick(["true", "false", "false", "false"])) }
        else if admin < 75 { o["isAdmin"] = .bool(chance(0.15)) }
        let roll = below(100)
        if roll < 2 { o["email"] = .string(username + "@") }
        else if roll < 4 { o["status"] = "active" }
        else if roll < 6 { o["userId"] = .string(String(1000 + i)) }
        else if roll < 8 {
            o["emailAddress"] = o["email"]
            o["email"] = nil
        } else if roll < 10 { o["username"] = nil }
        else if roll < 11 {
            o["username"] = nil
            o["email"] = nil
        } else if roll < 14 { o["lastLoginTime"] = .int(1_700_000_000 + below(10_000_000)) }
        return .object(o)
    }

    /// etl's canonical profile as JSON.
    mutating func profile(_ i: Int) -> JSONValue {
        let place = pick(SampleWords.places)
        let first = pick(SampleWords.first), last = pick(SampleWords.last)
        var o: JSONObject = [
            "external_id": .string("user-\(padded(i, 9))"),
            "amplitude_id": .int(100_000_000_000 + below(900_000_000_000)),
            "device_id": .string(uuid()),
            "first_name": .string(first),
            "last_name": .string(last),
            "email": .string("\(SampleWords.fold(first)).\(SampleWords.fold(last))\(i)@example.com"),
            "country": .string(pick(["US", "GB", "FR", "DE", "ES", "JP", "BR", "IN", "NG"])),
            "home_city": .string(place.city),
            "dob": .string(day(1950...2005)),
            "gender": .string(pick(["M", "F", "O", "N", "P"])),
            "first_session_at": .string(day(2015...2020) + "T00:00:00Z"),
            "cohorts": .strings(sample(Array(1...39), below(6)).map { "cohort\($0)" }),
            "custom_attributes": .object([
                "library": .string(pick(SampleWords.libraries)), "paying": .bool(chance(0.2)),
                "sessions": .int(below(3000)), "lifetime_value": money(500),
                "favorite_genres": .strings(sample(SampleWords.genres, below(5))),
                "plan": .string(pick(SampleWords.plans)),
            ]),
        ]
        let roll = below(100)
        if roll < 3 { o["external_id"] = nil }
        else if roll < 5 { o["email"] = .string(pick(SampleWords.badEmails)) }
        else if roll < 7 { o["country"] = .string(pick(SampleWords.badCountries)) }
        return .object(o)
    }
}
