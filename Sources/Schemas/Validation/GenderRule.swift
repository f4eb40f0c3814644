import JSON
/// Braze genders `M F O N P`, from letters in any case or the English words.
enum GenderRule {
    private static let words: [String: String] = [
        "m": "M", "male": "M", "man": "M",
        "f": "F", "female": "F", "woman": "F",
        "o": "O", "other": "O",
        "n": "N", "not applicable": "N", "n/a": "N",
        "p": "P", "prefer not to say": "P",
    ]

    static func check(_ value: String) -> FieldCheck {
        // Canonical letters are the common case: no lower-cased copy for them.
        if value.utf8.count == 1, let b = value.utf8.first, "MFONP".utf8.contains(b) { return .ok }
        guard let letter = words[FieldText.asciiLowercased(value)] else {
            return .invalid(.invalidGender)
        }
        return letter == value ? .ok : .normalised(letter)
    }
}
