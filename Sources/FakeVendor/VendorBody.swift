import JSON

/// Reads a request body the way the vendor would: Braze's JSON `{"attributes":[...]}`, or
/// Amplitude's form with `api_key` and `identification` (a JSON array).
enum VendorBody {
    static func read(_ body: [UInt8], kind: FakeVendor.Kind) -> (items: [JSONValue]?, key: String?) {
        switch kind {
        case .braze:
            guard let value = parse(body), let items = value.object?["attributes"]?.array else { return (nil, nil) }
            return (items, nil)
        case .amplitude:
            var key: String?
            var items: [JSONValue]?
            for field in body.split(separator: UInt8(ascii: "&")) {
                guard let eq = field.firstIndex(of: UInt8(ascii: "=")) else { continue }
                let name = String(decoding: field[field.startIndex..<eq], as: UTF8.self)
                guard let value = decode(field[(eq + 1)...]) else { return (nil, nil) }
                if name == "api_key" { key = String(decoding: value, as: UTF8.self) }
                if name == "identification" { items = parse(value)?.array }
            }
            return (items, key)
        }
    }

    static func user(of item: JSONValue, kind: FakeVendor.Kind) -> String {
        let object = item.object ?? JSONObject()
        switch kind {
        case .braze:
            // Braze's identifiers in its order of precedence: external_id, user_alias, braze_id,
            // then email or phone (objects that name a user by those alone).
            if let s = object["external_id"]?.string { return s }
            if let alias = object["user_alias"]?.object, let name = alias["alias_name"]?.string {
                return "alias:" + (alias["alias_label"]?.string ?? "") + ":" + name
            }
            for key in ["braze_id", "email", "phone"] {
                if let s = object[key]?.string { return key + ":" + s }
            }
        case .amplitude:
            if let s = object["user_id"]?.string { return s }
            if let s = object["device_id"]?.string { return "device:" + s }
        }
        return ""
    }

    private static func parse(_ bytes: [UInt8]) -> JSONValue? {
        var parser = JSONParser()
        return try? bytes.withUnsafeBytes { try parser.parse($0) }
    }

    /// Form decoding written apart from the sender's encoder, so that one cannot hide a bug of
    /// the other.
    private static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                guard i + 2 < bytes.endIndex,
                    let v = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
                else { return nil }
                out.append(v)
                i += 3
            } else {
                out.append(b == UInt8(ascii: "+") ? UInt8(ascii: " ") : b)
                i += 1
            }
        }
        return out
    }
}
