import Converters
import JSON
import Schemas

/// The writer a plan converts with: the target format's own writer (its identifier rules,
/// limits, renames and warnings), then the result split into the user's key, identifier and
/// attributes with their digests (`StagedItem`). Runs on the conversion's worker threads.
///
/// The target's object, and so what "an attribute" is:
/// - `braze-attributes`, `braze-track` (and kind = braze): a `/users/track` attributes
///   object; the identifier is its first key (`external_id`, `user_alias` with
///   `_update_existing_only`, `braze_id`, `email` or `phone`), the attributes are the others.
/// - `identify` (kind = amplitude): the user's Amplitude properties (`amp_props` of the
///   `amplitude` writer); the identifier is `user_id` and `device_id`.
/// - the other formats hold whole records: their top-level keys (inside `userData` for
///   `amplitude`) are compared, and a user with any change is written whole.
struct StagedItemWriter: FormatWriter, Sendable {
    let format: TargetFormat
    let limits: Limits

    init(format: TargetFormat, limits: Limits) {
        self.format = format
        self.limits = limits
    }

    func encode(_ profile: Profile, into value: inout [UInt8], notes: inout Notes) throws(Reject) {
        let item: StagedItem
        switch format {
        case .records(.brazeAttributes), .records(.brazeTrack):
            item = try braze(BrazeAttributesEncoder(limits: limits).encode(profile, notes: &notes))
        case .identify:
            item = try identify(AmplitudeWriter(shape: .main).userData(profile, &notes), &notes)
        case .records(let f):
            item = try whole(f, profile, &notes)
        }
        item.encode(into: &value)
    }

    // The writers emit objects only: nothing to hold back.
    mutating func emit(_ value: [UInt8], to out: inout ContainerWriter) {}

    static let brazeIdentifiers = ["external_id", "user_alias", "braze_id", "email", "phone"]

    private func braze(_ object: JSONObject) throws(Reject) -> StagedItem {
        guard let first = object.keys.first, Self.brazeIdentifiers.contains(first), let id = object.values.first else {
            // An anonymous push-token import: Braze makes a new user of each one, so it cannot
            // be followed from night to night.
            throw Reject(.noIdentifier, "no external_id, user alias, braze_id, email or phone: a user sync cannot follow")
        }
        var idKeys = 1
        if first == "user_alias", object.keys.count > 1, object.keys[1] == "_update_existing_only" { idKeys = 2 }
        let key: String
        if first == "user_alias", case .object(let alias) = id {
            key = "user_alias:\(alias["alias_label"]?.string ?? ""):\(alias["alias_name"]?.string ?? "")"
        } else {
            key = "\(first):\(Self.text(id))"
        }
        return StagedItem(
            wholeRecord: false, key: key, identifier: Self.pairs(object, 0..<idKeys), whole: [],
            attributes: Self.attributes(object, from: idKeys)
        )
    }

    private func identify(_ userData: JSONObject, _ notes: inout Notes) throws(Reject) -> StagedItem {
        let key: String
        if let u = userData["user_id"] {
            key = "user_id:\(Self.text(u))"
        } else if let d = userData["device_id"] {
            key = "device_id:\(Self.text(d))"
        } else {
            throw Reject(.noIdentifier, "no user_id or device_id")
        }
        var ids = JSONObject()
        var props = JSONObject()
        for (k, v) in userData.entries {
            switch k {
            case "user_id", "device_id": ids.appendNew(k, v)
            case "amp_props": props = v.object ?? JSONObject()
            // The Identify API sets user properties only.
            default: notes.unmap(k)
            }
        }
        return StagedItem(
            wholeRecord: false, key: key, identifier: Self.pairs(ids, 0..<ids.count), whole: [],
            attributes: Self.attributes(props, from: 0)
        )
    }

    private func whole(_ format: Format, _ profile: Profile, _ notes: inout Notes) throws(Reject) -> StagedItem {
        let writer = format.makeWriter(WriterOptions(limits: limits))
        var bytes: [UInt8] = []
        try writer.encode(profile, into: &bytes, notes: &notes)
        var parser = JSONParser(maxDepth: limits.maxDepth + 4)
        let parsed = bytes.withUnsafeBytes { try? parser.parse($0) }
        guard case .object(var record)? = parsed else {
            throw Reject(.wrongShape, "the \(format.rawValue) writer gave no object")
        }
        if format == .amplitude, let inner = record["userData"]?.object { record = inner }
        let idNames: [String] = switch format {
        case .amplitude: ["user_id", "device_id"]
        case .aam: ["username"]
        default: ["external_id", "braze_id", "user_aliases", "email", "phone", "device_id", "amplitude_id"]
        }
        guard let name = idNames.first(where: { record[$0] != nil }), let id = record[name] else {
            throw Reject(.noIdentifier, "no \(idNames.joined(separator: ", ")) to follow the user by")
        }
        var attributes = Self.attributes(record, from: 0)
        attributes.removeAll { $0.name == name }
        return StagedItem(wholeRecord: true, key: "\(name):\(Self.text(id))", identifier: [], whole: bytes, attributes: attributes)
    }

    /// A string as itself; anything else as its JSON text.
    private static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        var bytes: [UInt8] = []
        JSONWriter.write(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `"k":v,"k2":v2` for the keys in `range`.
    private static func pairs(_ object: JSONObject, _ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        for i in range {
            if i > range.lowerBound { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(object.keys[i], to: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.write(object.values[i], to: &out)
        }
        return out
    }

    private static func attributes(_ object: JSONObject, from start: Int) -> [(name: String, digest: UInt64, value: [UInt8])] {
        var out: [(name: String, digest: UInt64, value: [UInt8])] = []
        out.reserveCapacity(max(object.count - start, 0))
        for i in start..<object.count {
            var bytes: [UInt8] = []
            JSONWriter.write(object.values[i], to: &bytes)
            out.append((object.keys[i], ValueDigest.of(bytes), bytes))
        }
        return out
    }
}
