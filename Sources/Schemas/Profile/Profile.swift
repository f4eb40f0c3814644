import JSON
/// The canonical user profile: every conversion goes reader -> `Profile` -> writer.
/// Field names follow the `profile` format. Absent values are nil or empty.
public struct Profile: Hashable, Sendable {
    // Identities
    public var externalId: String?
    public var brazeId: String?
    public var amplitudeId: Int64?
    public var deviceId: String?
    public var userAliases: [UserAlias] = []
    public var username: String?
    public var aamUserId: Int64?
    public var aamPid: Int64?

    // Standard attributes
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    /// E.164 once validated.
    public var phone: String?
    /// ISO 3166-1 alpha-2 once validated.
    public var country: String?
    /// ISO 639-1 once validated.
    public var language: String?
    public var homeCity: String?
    /// IANA name once validated.
    public var timeZone: String?
    /// `YYYY-MM-DD` once validated.
    public var dob: String?
    /// One of `M F O N P` once validated.
    public var gender: String?
    public var title: String?
    /// UTC timestamps once validated.
    public var createdAt: String?
    public var firstSessionAt: String?
    public var lastSessionAt: String?
    /// `opted_in | subscribed | unsubscribed`
    public var emailSubscribe: String?
    public var pushSubscribe: String?
    /// `ACTIVE | INACTIVE | LOCKED`
    public var status: String?
    public var isAdmin: Bool?
    public var groups: [Int64] = []

    // Vendor data with a canonical home
    public var cohorts: [String] = []
    public var recommendations: [Recommendation] = []
    /// Amplitude computed properties, in source order.
    public var computations = JSONObject()

    /// Custom attributes in source order.
    public var customAttributes = JSONObject()
    /// Braze `inc` / `add` / `remove` operations, in source order.
    public var customAttributeOps: [CustomAttributeOp] = []

    /// What one vendor has and no other format can hold, keyed by vendor (`amplitude`, `braze`,
    /// `aam`) and then by the vendor's own key, so that a same-vendor conversion loses nothing.
    public var vendorExtras = JSONObject()

    public init() {}
}

/// A Braze user alias.
public struct UserAlias: Hashable, Sendable {
    public var name: String
    public var label: String
    public init(name: String, label: String) {
        self.name = name
        self.label = label
    }
}

/// One Amplitude recommendation result.
public struct Recommendation: Hashable, Sendable {
    public var recId: String
    public var childRecId: String?
    public var items: [JSONValue] = []
    public var isControl: Bool?
    public var recommendationSource: String?
    /// As the source gave it (Amplitude sends epoch seconds).
    public var lastUpdated: JSONValue?
    /// Keys of the source object that have no field here, kept for an amplitude -> amplitude run.
    public var extras = JSONObject()

    public init(recId: String) { self.recId = recId }
}

/// A Braze custom attribute operation (`{"inc": 1}`, `{"add": [...]}`, `{"remove": [...]}`).
public struct CustomAttributeOp: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case inc, add, remove }
    public var key: String
    public var kind: Kind
    public var value: JSONValue
    public init(key: String, kind: Kind, value: JSONValue) {
        self.key = key
        self.kind = kind
        self.value = value
    }
}
