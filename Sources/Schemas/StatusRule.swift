/// Audience Manager user status in any case: `ACTIVE | INACTIVE | LOCKED`.
enum StatusRule {
    static func check(_ value: String) -> FieldCheck {
        let upper = String(decoding: value.utf8.map { $0 &- 97 < 26 ? $0 & ~0x20 : $0 }, as: UTF8.self)
        guard ["ACTIVE", "INACTIVE", "LOCKED"].contains(upper) else { return .invalid(.invalidStatus) }
        return upper == value ? .ok : .normalised(upper)
    }
}
