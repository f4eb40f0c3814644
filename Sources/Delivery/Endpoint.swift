/// A checked endpoint URL: https anywhere, plain http only to a loopback host (the tests' fake
/// vendors), so a key never travels in clear over a network.
struct Endpoint: Sendable, Equatable {
    /// The endpoint as given, without a trailing slash.
    let base: String
    let isHTTPS: Bool
    let host: String

    init(parsing text: String) throws(DeliveryConfigError) {
        var base = text
        while base.hasSuffix("/") { base.removeLast() }
        let lower = base.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            isHTTPS = true
            rest = base.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            isHTTPS = false
            rest = base.dropFirst(7)
        } else {
            throw .invalidEndpoint(text)
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") || rest.contains("?") || rest.contains("#") {
            // Credentials or a query in the URL would end up in messages; the key has its own place.
            throw .invalidEndpoint(text)
        }
        let host: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidEndpoint(text) }
            host = authority[authority.index(after: authority.startIndex)..<close]
        } else {
            host = authority.prefix { $0 != ":" }
        }
        guard !host.isEmpty else { throw .invalidEndpoint(text) }
        self.host = host.lowercased()
        self.base = base
        if !isHTTPS && !Self.isLoopback(self.host) { throw .insecureEndpoint(text) }
    }

    func url(_ path: String) -> String { base + path }

    /// 127.0.0.0/8, ::1 (also written out in full) and localhost.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) }),
            let octets = Optional(parts.compactMap { UInt8($0) }), octets.count == 4
        else { return false }
        return octets[0] == 127
    }
}
