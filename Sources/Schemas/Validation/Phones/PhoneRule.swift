import JSON
/// E.164 phone numbers, written as `+` and digits. Accepted: `+` and digits, optionally with
/// spaces, dots, dashes and parentheses; the international prefix `00` (also after `+`); a
/// `tel:+…` URI without parameters; and national numbers when a default region is given. The
/// calling code must be one of libphonenumber's and the national number's length one of that
/// code's possible lengths, 15 digits at most in all. Letters (vanity numbers) and extensions
/// (`x123`, `ext. 5`, `;ext=`) are invalid: E.164 has no place for them.
public enum PhoneRule {
    public static func check(_ value: String, defaultRegion: PhoneRegion?) -> FieldCheck {
        if isCanonical(value) { return .ok }
        guard let (written, international) = digits(of: value) else { return .invalid(.invalidPhone) }
        let plan = PhonePlan.shared
        let number: (code: Int, national: ArraySlice<UInt8>)?
        if international {
            number = plan.split(international: written)
        } else if let region = defaultRegion {
            number = plan.split(national: written, region: region)
        } else {
            number = nil
        }
        guard let (code, national) = number else { return .invalid(.invalidPhone) }
        // Most numbers arrive with spaces or dashes: build the rewrite in one buffer.
        var text: [UInt8] = []
        text.reserveCapacity(PhonePlan.maxDigits + 1)
        text.append(UInt8(ascii: "+"))
        var divisor = code >= 100 ? 100 : code >= 10 ? 10 : 1
        while divisor > 0 {
            text.append(UInt8(48 + code / divisor % 10))
            divisor /= 10
        }
        for d in national { text.append(d &+ 48) }
        if text.elementsEqual(value.utf8) { return .ok }
        return .normalised(String(decoding: text, as: UTF8.self))
    }

    /// `+` and digits that need no rewriting: decided on the bytes, without allocating, since
    /// this runs for nearly every record.
    private static func isCanonical(_ value: String) -> Bool {
        var bytes = value.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "+") else { return false }
        var count = 0
        var leading = 0  // the first three digits, for the calling code
        while let b = bytes.next() {
            let d = b &- 48
            guard d < 10, count < PhonePlan.maxDigits else { return false }
            if count < 3 { leading = leading * 10 + Int(d) }
            count += 1
        }
        guard count > 0 else { return false }
        let plan = PhonePlan.shared
        let first = min(count, 3)
        var divisor = 1
        for _ in 0..<first { divisor *= 10 }
        for length in 1...first {
            divisor /= 10
            let code = leading / divisor
            if code == 0 { return false }  // "+0…": maybe "+00", for the slow path
            if plan.fits(code: code, nationalLength: count - length) { return true }
        }
        return false
    }

    /// The digits of a written number (values 0-9) and whether it is international, or nil
    /// when it holds anything but digits and the separators.
    private static func digits(of value: String) -> ([UInt8], Bool)? {
        var bytes = Array(value.utf8)[...]
        if bytes.count > 4, bytes[0] | 0x20 == UInt8(ascii: "t"), bytes[1] | 0x20 == UInt8(ascii: "e"),
            bytes[2] | 0x20 == UInt8(ascii: "l"), bytes[3] == UInt8(ascii: ":")
        {
            bytes = bytes.dropFirst(4)
            // Only global numbers: a local tel: URI needs a phone-context, which we do not read.
            guard bytes.first == UInt8(ascii: "+") else { return nil }
        }
        var international = false
        if bytes.first == UInt8(ascii: "+") {
            international = true
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count)
        var inParentheses = false
        for b in bytes {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(b &- 48)
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"): continue
            case UInt8(ascii: "("):
                if inParentheses { return nil }
                inParentheses = true
            case UInt8(ascii: ")"):
                if !inParentheses { return nil }
                inParentheses = false
            default: return nil
            }
        }
        guard !inParentheses, !digits.isEmpty else { return nil }
        // "00" is the international prefix of most regions; "+00" is the same written twice.
        if digits.starts(with: [0, 0]) {
            digits.removeFirst(2)
            international = true
        }
        return (digits, international)
    }
}
