// The fake vendor as a program, for scripts/bench:
//
//   fake-vendor serve --kind braze|amplitude --key KEY [--port N] [--port-file F] [--stats F]
//       answers success to every request until SIGTERM or SIGINT, then writes to --stats the
//       request count, the seconds from the first to the last request, their rate, and the most
//       requests that started within any one second.
//   fake-vendor send --kind braze|amplitude --endpoint URL --requests N [--items 75]
//       [--rps R] [--concurrency C]
//       delivers N generated batches of --items objects through the Sender (the key comes from
//       the environment variable FAKE_VENDOR_KEY), then prints its summary and requests/s.
import Delivery
import Dispatch
import FakeVendor

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
    var line = "fake-vendor: \(message)\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    exit(64)
}

func say(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail("usage: fake-vendor serve|send OPTIONS") }
arguments.removeFirst()
var options: [String: String] = [:]
while let name = arguments.first {
    arguments.removeFirst()
    guard name.hasPrefix("--"), let value = arguments.first else { fail("expected --name value, got '\(name)'") }
    arguments.removeFirst()
    options[String(name.dropFirst(2))] = value
}
@MainActor func option(_ name: String, _ fallback: String? = nil) -> String {
    guard let value = options[name] ?? fallback else { fail("--\(name) is required") }
    return value
}
@MainActor func number(_ name: String, _ fallback: String? = nil) -> Int {
    guard let n = Int(option(name, fallback)) else { fail("--\(name) must be a whole number") }
    return n
}
guard let kind = FakeVendor.Kind(rawValue: option("kind")) else { fail("--kind is braze or amplitude") }

switch command {
case "serve":
    let vendor = try await FakeVendor(
        .init(kind: kind, key: option("key"), window: nil, recordBodies: false), port: number("port", "0"))
    let started = NIOLockedStarts()
    vendor.setScript { request in
        started.record()
        return .success
    }
    if let file = options["port-file"] {
        let text = "\(vendor.port)\n"
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { fail("cannot write \(file)") }
        text.utf8CString.withUnsafeBufferPointer { _ = write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }
    say("fake-vendor: \(kind.rawValue) on \(vendor.endpoint)")
    let statsFile = options["stats"]
    signalSources = writeStatsOnSignal(started, to: statsFile)
    while true { try await Task.sleep(for: .seconds(3600)) }

case "send":
    guard let key = getenv("FAKE_VENDOR_KEY").map({ String(cString: $0) }) else { fail("FAKE_VENDOR_KEY is not set") }
    let requests = number("requests")
    let items = number("items", "75")
    let config = DeliveryConfig(
        kind: kind == .braze ? .braze : .amplitude, endpoint: option("endpoint"), apiKey: key,
        requestsPerSecond: Double(option("rps", "1000000")) ?? 1_000_000, batchSize: items,
        maxTries: 3, concurrency: number("concurrency", "8"))
    try await send(config, requests: requests, items: items)

default:
    fail("unknown command '\(command)' (serve or send)")
}

func format1(_ x: Double) -> String { String(Double(Int((x * 10).rounded())) / 10) }
func format3(_ x: Double) -> String { String(Double(Int((x * 1000).rounded())) / 1000) }

/// Off the main actor: the batches and callbacks then run where the sender runs its loop.
nonisolated func send(_ config: DeliveryConfig, requests: Int, items: Int) async throws {
    let sender = try Sender(config)
    let batches = (0..<requests).lazy.map { n in
        SyntheticBatch.make(id: Int64(n), items: items, kind: config.kind)
    }
    let clock = ContinuousClock()
    let start = clock.now
    let summary = try await sender.deliver(batches, willSend: { _ in }, didFinish: { _ in })
    let seconds = (clock.now - start).components
    let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18
    say("""
        fake-vendor send: \(summary.requests) requests of \(items) objects in \(format3(elapsed)) s: \
        \(format1(Double(summary.requests) / elapsed)) requests/s; acknowledged \(summary.itemsAcknowledged), \
        rejected \(summary.itemsRejected), pending \(summary.itemsPending), retries \(summary.retries)
        """)
    if summary.itemsAcknowledged != requests * items { exit(1) }
}

/// Kept for the life of the process: a released source stops watching its signal.
nonisolated(unsafe) var signalSources: [any DispatchSourceSignal] = []

/// Off the main actor: the handlers run on a queue of their own.
nonisolated func writeStatsOnSignal(_ started: NIOLockedStarts, to statsFile: String?) -> [any DispatchSourceSignal] {
    signal(SIGTERM, SIG_IGN)
    signal(SIGINT, SIG_IGN)
    let queue = DispatchQueue(label: "fake-vendor.signals")
    return [SIGTERM, SIGINT].map { sig in
        let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
        source.setEventHandler {
            let summary = started.summary()
            if let statsFile {
                let fd = open(statsFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                if fd >= 0 {
                    let text = summary + "\n"
                    text.utf8CString.withUnsafeBufferPointer { _ = write(fd, $0.baseAddress, $0.count - 1) }
                    close(fd)
                }
            }
            say("fake-vendor: \(summary)")
            exit(0)
        }
        source.resume()
        return source
    }
}
