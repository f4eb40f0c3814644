import Delivery

/// Batches of made-up users for `fake-vendor send`: each object about the size of a nightly
/// delta of a real profile (a dozen attributes).
enum SyntheticBatch {
    static func make(id: Int64, items: Int, kind: DeliveryConfig.Kind) -> OutgoingBatch {
        var objects: [[UInt8]] = []
        var keys: [String] = []
        objects.reserveCapacity(items)
        keys.reserveCapacity(items)
        for n in 0..<items {
            let user = "user-\(id)-\(n)"
            keys.append(user)
            let attributes = """
                "first_name":"Ada","last_name":"Lovelace-\(n)","email":"\(user)@example.com",\
                "country":"GB","language":"en","time_zone":"Europe/London","home_city":"London",\
                "phone":"+442071234567","plan":"gold","score":\(id % 1000),"active":true,\
                "tags":["a","b","c"]
                """
            let object = kind == .braze
                ? #"{"external_id":"\#(user)",\#(attributes)}"#
                : #"{"user_id":"\#(user)","user_properties":{"$set":{\#(attributes)}}}"#
            objects.append(Array(object.utf8))
        }
        return OutgoingBatch(id: id, items: objects, userKeys: keys)
    }
}
