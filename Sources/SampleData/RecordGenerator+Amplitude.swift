import Converters
import JSON
import Schemas

extension RecordGenerator {
    /// An Amplitude User Profile API response (`{"userData": ...}`), about 1.2 KB, in both of
    /// the documents' shapes: main (`amp_props`, 70%) and OpenAPI (`user_properties` +
    /// `computed_properties`).
    mutating func amplitude(_ i: Int) -> JSONValue {
        let place = pick(SampleWords.places)
        let first = pick(SampleWords.first), last = pick(SampleWords.last)
        let (platform, os, deviceType) = pick(SampleWords.platforms)
        var props: JSONObject = [
            "first_name": .string(first),
            "last_name": .string(last),
            "email": .string("\(SampleWords.fold(first)).\(SampleWords.fold(last))\(i)@example.com"),
            "phone": .string(place.phone + String(1000 + below(9000))),
            "country": .string(place.country),
            "language": .string(place.language),
            "city": .string(place.city),
            "gender": .string(pick(SampleWords.genders)),
            "timezone": .string(place.timeZone),
            "dob": .string(day(1950...2005)),
            "first_used": .string(day(2015...2020)),
            "last_used": .string("2023-\(padded(1 + below(12), 2))-\(padded(1 + below(28), 2))T\(padded(below(24), 2)):\(padded(below(60), 2)):00Z"),
            "library": .string(pick(SampleWords.libraries)),
            "platform": .string(platform),
            "os": .string(os),
            "device_type": .string(deviceType),
            "version": .string("3.\(below(40)).\(below(10))"),
            "paying": .bool(chance(0.2)),
            "sessions": .int(1 + below(3000)),
            "lifetime_value": money(500),
            "favorite_genres": .strings(sample(SampleWords.genres, below(5))),
            "referrer": .string(pick(SampleWords.referrers)),
            "plan": .string(pick(SampleWords.plans)),
            "utm_campaign": .string("spring_\(2020 + below(4))_\(pick(SampleWords.referrers))"),
            "app_build": .string("\(below(900) + 100)-\(hex(7))"),
        ]
        let openAPI = chance(0.3)
        var computed: JSONObject = [
            "ltv-90d": .string("\(below(200)).\(padded(below(100), 2))"),
            "sessions-30d": .string(String(below(60))),
        ]
        var user: JSONObject = [
            "user_id": .string("user-\(padded(i, 9))"),
            "device_id": .string(uuid()),
        ]
        if openAPI || chance(0.5) {
            user["amplitude_id"] = .int(100_000_000_000 + below(900_000_000_000))
        }
        var recommendations: [JSONValue] = []
        for recID in sample(["home_feed", "similar_items", "next_purchase"], 1 + below(3)) {
            let items = JSONValue.strings(sample(SampleWords.items, 5))
            if openAPI {
                recommendations.append(.object([
                    "rec_id": .string(recID), "child_ids": items, "is_control": .bool(chance(0.1)),
                    "recommendation_type": "model", "title": "Picked for you",
                ]))
            } else {
                recommendations.append(.object([
                    "rec_id": .string(recID), "child_rec_id": .string(recID), "items": items,
                    "is_control": .bool(chance(0.1)), "recommendation_source": "model",
                    "last_updated": .int(1_608_670_720 + below(10_000_000)),
                ]))
            }
        }
        let cohorts = sample(Array(1...39), below(6)).map { "cohort\($0)" }
        messUp(amplitude: &user, props: &props, computed: &computed)

        if openAPI {
            user["user_properties"] = .object(props)
            user["computed_properties"] = .object(computed)
        } else {
            for (k, v) in computed.entries { props["computed-" + k] = v }
            user["amp_props"] = .object(props)
        }
        user["cohort_ids"] = cohorts.isEmpty ? .null : .strings(cohorts)
        user["recommendations"] = .array(recommendations)
        return .object(["userData": .object(user)])
    }

    /// The faults real Amplitude dumps have, each in a few percent of records.
    private mutating func messUp(amplitude user: inout JSONObject, props: inout JSONObject, computed: inout JSONObject) {
        let roll = Double(below(1000)) / 1000
        if roll < 0.06 {
            user["user_id"] = nil  // an anonymous device: a Braze alias
        } else if roll < 0.08 {
            user["user_id"] = nil  // nothing to identify the user by: rejected
            user["device_id"] = nil
            user["amplitude_id"] = nil
            props["email"] = nil
            props["phone"] = nil
        }
        if chance(0.1), case .string(let e)? = props["email"], let at = e.firstIndex(of: "@") {
            props["email"] = .string("  " + e[..<at] + "@Example.COM ")  // cleaned up by the validator
        }
        if chance(0.05), props["email"] != nil {
            props["email"] = chance(0.3) ? .int(12345) : .string(pick(SampleWords.badEmails))
        }
        if chance(0.05) { props["gender"] = .string(pick(SampleWords.badGenders)) }
        if chance(0.03) {  // over Braze's 25 elements, with repeats
            props["favorite_genres"] = .strings((0..<40).map { _ in pick(SampleWords.genres) })
        }
        if chance(0.03) { props["bio"] = .string(String(repeating: "lorem ipsum ", count: 30)) }
        if chance(0.03) { props["$referrer"] = "google" }
        if chance(0.03) { props["email_subscribe"] = "opted_in" }
        if chance(0.03) { props["nickname"] = .null }
        if chance(0.02) { props["matrix"] = .array([.array([.int(1), .int(2)]), .array([.int(3), .int(4)])]) }
        if chance(0.02) { computed["score"] = "5000000. " }
        if chance(0.03) { props["country"] = .string(pick(SampleWords.badCountries)) }
        if chance(0.02) { props["language"] = .string(pick(SampleWords.badLanguages)) }
        if chance(0.03), props["phone"] != nil { props["phone"] = .string(pick(SampleWords.badPhones)) }
        if chance(0.02) { props["timezone"] = .string(pick(SampleWords.badZones)) }
        if chance(0.03) { props["dob"] = .string(pick(SampleWords.badDates)) }
        if chance(0.03) {
            props["first_used"] = pick([.int(1_609_459_200), .int(1_609_459_200_123), "Fri Jan 01 00:00:00 +0000 2021"])
        }
    }
}
