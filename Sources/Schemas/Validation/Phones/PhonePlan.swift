import JSON
/// libphonenumber's numbering plan (calling codes, possible national lengths, trunk prefixes,
/// regions), parsed once from the generated `PhoneTable.text`. Digits are values 0-9.
struct PhonePlan: Sendable {
    static let shared = PhonePlan(PhoneTable.text)

    /// E.164 allows at most 15 digits, calling code included.
    static let maxDigits = 15

    /// Per calling code (index 0-999): bit n set when a national number of n digits is
    /// possible; 0 when there is no such code. An array, not a dictionary: no hashing per record.
    private var lengths = [UInt32](repeating: 0, count: 1000)
    /// Per calling code: the trunk prefix its regions share, empty when none.
    private var trunkPrefixes = [[UInt8]](repeating: [], count: 1000)
    /// Region code (upper case) to its region.
    private(set) var regions: [String: PhoneRegion] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, let code = Int(fields[0]), (1..<1000).contains(code) else {
                preconditionFailure("bad phone table line: \(line)")
            }
            for length in fields[1].split(separator: ",") {
                guard let n = Int(length), (1..<32).contains(n) else { preconditionFailure("bad length in \(line)") }
                lengths[code] |= 1 << UInt32(n)
            }
            trunkPrefixes[code] = fields[2] == "-" ? [] : fields[2].utf8.map { $0 &- 48 }
            for entry in fields.dropFirst(3) {
                let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
                let region = String(parts[0])
                regions[region] = PhoneRegion(
                    code: region, callingCode: code, nationalPrefix: parts[1].utf8.map { $0 &- 48 })
            }
        }
    }

    /// Whether `code` is a calling code and a national number of `length` digits fits it and
    /// E.164's 15 digits.
    func fits(code: Int, nationalLength length: Int) -> Bool {
        guard length > 0, length < 32, digitCount(code) + length <= Self.maxDigits else { return false }
        return lengths[code] & (1 << UInt32(length)) != 0
    }

    /// The calling code at the start of an international number: the first of its 1-3 digit
    /// prefixes that is a code (codes are prefix-free, so at most one is).
    func callingCode<Digits: Collection<UInt8>>(of digits: Digits) -> (code: Int, length: Int)? {
        var code = 0
        for (i, d) in digits.prefix(3).enumerated() {
            code = code * 10 + Int(d)
            if code == 0 { return nil }
            if lengths[code] != 0 { return (code, i + 1) }
        }
        return nil
    }

    /// An international number split into calling code and national number. A trunk prefix
    /// written after the code (`+44 (0)20 …`) is dropped when the number only fits without it.
    func split(international digits: [UInt8]) -> (code: Int, national: ArraySlice<UInt8>)? {
        guard let (code, codeLength) = callingCode(of: digits) else { return nil }
        let national = digits[codeLength...]
        if fits(code: code, nationalLength: national.count) { return (code, national) }
        let trunk = trunkPrefixes[code]
        if !trunk.isEmpty, national.starts(with: trunk),
            fits(code: code, nationalLength: national.count - trunk.count)
        {
            return (code, national.dropFirst(trunk.count))
        }
        return nil
    }

    /// A national number of `region`: its national (trunk) prefix is dropped when present, and
    /// the rest must fit. A number starting with the prefix is never kept whole (`07911 1234`
    /// with GB is not `+44079111234`); regions without a national prefix, such as Italy, keep
    /// their leading 0.
    func split(national digits: [UInt8], region: PhoneRegion) -> (code: Int, national: ArraySlice<UInt8>)? {
        let prefix = region.nationalPrefix
        let hasPrefix = !prefix.isEmpty && digits.starts(with: prefix)
        let national = hasPrefix ? digits.dropFirst(prefix.count) : digits[...]
        return fits(code: region.callingCode, nationalLength: national.count) ? (region.callingCode, national) : nil
    }

    private func digitCount(_ code: Int) -> Int { code < 10 ? 1 : code < 100 ? 2 : 3 }
}
