import JSON

/// What differs between the two vendors: the request of a run of items, how many items and bytes
/// one request may hold, and how a 2xx answer reports items it did not take.
struct VendorProtocol: Sendable {
    let kind: DeliveryConfig.Kind
    let apiKey: String
    let maxItems: Int
    let maxBodyBytes: Int

    var contentType: String {
        switch kind {
        case .braze: "application/json"
        case .amplitude: "application/x-www-form-urlencoded"
        }
    }

    /// A request's items: `range` of the batch, or one item too large for any request.
    enum Chunk: Equatable {
        case send(Range<Int>)
        case tooLarge(index: Int, bytes: Int)
    }

    /// Cuts a batch into requests within the item and byte limits, keeping item order.
    func chunks(of items: [[UInt8]]) -> [Chunk] {
        var result: [Chunk] = []
        var start = 0
        var size = fixedBytes
        for (i, item) in items.enumerated() {
            let itemSize = bytes(of: item)
            if fixedBytes + itemSize > maxBodyBytes {
                if start < i { result.append(.send(start..<i)) }
                result.append(.tooLarge(index: i, bytes: itemSize))
                start = i + 1
                size = fixedBytes
                continue
            }
            let separator = i > start ? separatorBytes : 0
            if i - start == maxItems || size + separator + itemSize > maxBodyBytes {
                result.append(.send(start..<i))
                start = i
                size = fixedBytes + itemSize
            } else {
                size += separator + itemSize
            }
        }
        if start < items.count { result.append(.send(start..<items.count)) }
        return result
    }

    /// The request body of `items`.
    func body(_ items: ArraySlice<[UInt8]>) -> [UInt8] {
        var out: [UInt8] = []
        switch kind {
        case .braze:
            var size = fixedBytes
            for item in items { size += item.count + 1 }
            out.reserveCapacity(size)
            out.append(contentsOf: #"{"attributes":["#.utf8)
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: item)
            }
            out.append(contentsOf: "]}".utf8)
        case .amplitude:
            out.append(contentsOf: "api_key=".utf8)
            FormEncoding.append(apiKey.utf8, to: &out)
            out.append(contentsOf: "&identification=%5B".utf8)
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(contentsOf: "%2C".utf8) }
                FormEncoding.append(item, to: &out)
            }
            out.append(contentsOf: "%5D".utf8)
        }
        return out
    }

    /// The outcome of each of `count` items sent in one request answered 2xx with `body`.
    /// Braze lists the objects it skipped in `errors`, each with the `index` of the object in its
    /// array and the reason in `type`; an error that names no index cannot be tied to an item, so
    /// every item of the request is rejected with it (the next run sends them again, which only
    /// repeats absolute sets). Amplitude's 2xx takes every item.
    func outcomes(ofSuccess body: [UInt8], count: Int, mask: (String) -> String) -> [ItemOutcome] {
        var result = [ItemOutcome](repeating: .acknowledged, count: count)
        guard kind == .braze, !body.isEmpty else { return result }
        var parser = JSONParser()
        guard let value = try? body.withUnsafeBytes({ try parser.parse($0) }),
            let errors = value.object?["errors"]?.array, !errors.isEmpty
        else { return result }
        for error in errors {
            let message = mask(Self.message(of: error))
            if let inputArray = error.object?["input_array"]?.string, inputArray != "attributes" {
                continue
            }
            if let index = error.object?["index"]?.numberValue.flatMap({ Int($0.text) }),
                index >= 0, index < count
            {
                result[index] = .rejected(message)
            } else {
                return [ItemOutcome](repeating: .rejected(message), count: count)
            }
        }
        return result
    }

    /// The vendor's message of a failed answer: Braze's `message`, Amplitude's `error`, else the
    /// start of the body as text.
    static func failureMessage(_ body: [UInt8], status: Int) -> String {
        var parser = JSONParser()
        if let value = try? body.withUnsafeBytes({ try parser.parse($0) }), let object = value.object {
            for key in ["message", "error", "errors"] {
                if let text = object[key].map(message(of:)), !text.isEmpty { return clip(text) }
            }
        }
        let text = clip(String(decoding: body.prefix(300), as: UTF8.self))
        return text.isEmpty ? "HTTP \(status)" : text
    }

    private static func message(of value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .object(let o):
            for key in ["type", "message", "error"] {
                if let s = o[key]?.string { return s }
            }
            return "error without a message"
        case .array(let a): return a.map(message(of:)).joined(separator: "; ")
        default: return "error without a message"
        }
    }

    private static func clip(_ text: String) -> String {
        let oneLine = text.map { $0.isNewline ? " " : $0 }
        return oneLine.count > 300 ? String(oneLine.prefix(300)) + "..." : String(oneLine)
    }

    /// The parts of a body that do not depend on its items.
    private var fixedBytes: Int {
        switch kind {
        case .braze: 17  // {"attributes":[]}
        case .amplitude: 8 + FormEncoding.length(of: Array(apiKey.utf8)) + 22  // api_key=..&identification=%5B%5D
        }
    }

    private var separatorBytes: Int { kind == .braze ? 1 : 3 }

    private func bytes(of item: [UInt8]) -> Int {
        kind == .braze ? item.count : FormEncoding.length(of: item)
    }
}
