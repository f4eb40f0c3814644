import JSON
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// One connection of the fake vendor: collects a request, records it, answers per the script.
final class FakeVendorHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let options: FakeVendor.Options
    private let kind: FakeVendor.Kind
    private let state: NIOLockedValueBox<FakeVendor.State>
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    /// Requests of this connection not answered yet: ordinal -> users. A connection closed by the
    /// client (a timeout) ends them, as far as the client can know.
    private var open: [Int: [String]] = [:]

    init(options: FakeVendor.Options, kind: FakeVendor.Kind, state: NIOLockedValueBox<FakeVendor.State>) {
        self.options = options
        self.kind = kind
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.removeAll(keepingCapacity: true)
        case .body(var buffer):
            if options.recordBodies || kind == .amplitude {
                body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
            }
        case .end:
            guard let head else { return }
            self.head = nil
            handle(head, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        for (ordinal, users) in open {
            release(ordinal: ordinal, users: users, status: 0)
            state.withLockedValue { s in s.overlaps.removeAll { $0.holder == ordinal } }
        }
        open.removeAll()
        context.fireChannelInactive()
    }

    private func handle(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let received = ContinuousClock.now
        var request = RecordedRequest(
            ordinal: 0, received: received, answered: nil, method: head.method.rawValue, path: head.uri,
            headers: head.headers.map { (name: $0.name.lowercased(), value: $0.value) },
            body: [], items: nil, users: [], formKey: nil, status: 0)
        var parsed: (items: [JSONValue]?, key: String?) = (nil, nil)
        if options.recordBodies || kind == .amplitude {
            parsed = VendorBody.read(body, kind: kind)
            request.items = parsed.items
            request.formKey = parsed.key
            request.users = (parsed.items ?? []).map { VendorBody.user(of: $0, kind: kind) }
        }
        if options.recordBodies { request.body = body }
        let itemCount = parsed.items?.count ?? 0
        let now = FakeVendor.wallClock()

        // The vendor's own checks come first, then the script.
        let (ordinal, reply, rateHeaders): (Int, Reply, [Reply.Header]) = state.withLockedValue { s in
            let ordinal = s.count
            s.count += 1
            request.ordinal = ordinal
            for user in request.users {
                if s.usersInFlight[user, default: 0] > 0, let holder = s.holders[user] {
                    s.overlaps.append((user, holder))
                }
                s.usersInFlight[user, default: 0] += 1
                s.holders[user] = ordinal
            }
            var headers: [Reply.Header] = []
            var forced: Reply?
            if let window = options.window {
                if now >= s.windowStart + Double(window.seconds) {
                    s.windowStart = (now / Double(window.seconds)).rounded(.down) * Double(window.seconds)
                    s.windowUsed = 0
                }
                s.windowUsed += 1
                let reset = Int(s.windowStart) + window.seconds
                headers = [
                    Reply.Header("X-RateLimit-Limit", String(window.limit)),
                    Reply.Header("X-RateLimit-Remaining", String(max(window.limit - s.windowUsed, 0))),
                    Reply.Header("X-RateLimit-Reset", String(reset)),
                ]
                if s.windowUsed > window.limit {
                    forced = .status(429, body: #"{"message":"rate limit exceeded"}"#)
                }
            }
            if forced == nil, !authorized(head, formKey: parsed.key) {
                forced = .fatal(401, "Invalid API key")
            }
            if forced == nil, itemCount > options.maxItems {
                forced = .status(413, body: #"{"message":"too many objects"}"#)
            }
            let reply = forced ?? s.script(request)
            if options.recordBodies { s.requests.append(request) }
            return (ordinal, reply, headers)
        }
        open[ordinal] = request.users
        answer(reply, extraHeaders: rateHeaders, ordinal: ordinal, users: request.users, itemCount: itemCount,
               context: context)
    }

    private func authorized(_ head: HTTPRequestHead, formKey: String?) -> Bool {
        if options.key.isEmpty { return true }
        return switch kind {
        case .braze: head.headers.first(name: "authorization") == "Bearer \(options.key)"
        case .amplitude: formKey == options.key
        }
    }

    private func answer(_ reply: Reply, extraHeaders: [Reply.Header], ordinal: Int, users: [String],
                        itemCount: Int, context: ChannelHandlerContext) {
        switch reply {
        case .delayed(let delay, let next):
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: .nanoseconds(Int64(delay.components.seconds) * 1_000_000_000
                                                             + delay.components.attoseconds / 1_000_000_000)) {
                let (handler, context) = loopBound.value
                handler.answer(next, extraHeaders: extraHeaders, ordinal: ordinal, users: users,
                               itemCount: itemCount, context: context)
            }
        case .drop:
            finish(ordinal: ordinal, users: users, status: 0)
            context.close(promise: nil)
        case .success:
            let body = kind == .braze
                ? #"{"message":"success","attributes_processed":\#(itemCount)}"# : "success"
            write(200, body: body, headers: extraHeaders, ordinal: ordinal, users: users, context: context)
        case .itemErrors(let errors):
            let list = errors.map {
                #"{"type":"\#($0.message)","input_array":"attributes","index":\#($0.index)}"#
            }.joined(separator: ",")
            let body = #"{"message":"success","attributes_processed":\#(itemCount - errors.count),"errors":[\#(list)]}"#
            write(201, body: body, headers: extraHeaders, ordinal: ordinal, users: users, context: context)
        case .status(let status, let body, let headers):
            write(status, body: body, headers: extraHeaders + headers, ordinal: ordinal, users: users, context: context)
        }
    }

    private func write(_ status: Int, body: String, headers: [Reply.Header], ordinal: Int, users: [String],
                       context: ChannelHandlerContext) {
        var responseHeaders = HTTPHeaders()
        let bytes = Array(body.utf8)
        responseHeaders.add(name: "Content-Type", value: body.hasPrefix("{") ? "application/json" : "text/plain")
        responseHeaders.add(name: "Content-Length", value: String(bytes.count))
        for h in headers { responseHeaders.add(name: h.name, value: h.value) }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status),
                                    headers: responseHeaders)
        // Recorded before the answer leaves: the client cannot have its answer any earlier.
        finish(ordinal: ordinal, users: users, status: status)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    private func finish(ordinal: Int, users: [String], status: Int) {
        guard open.removeValue(forKey: ordinal) != nil else { return }
        release(ordinal: ordinal, users: users, status: status)
    }

    private func release(ordinal: Int, users: [String], status: Int) {
        let now = ContinuousClock.now
        state.withLockedValue { s in
            for user in users {
                let n = s.usersInFlight[user, default: 0] - 1
                s.usersInFlight[user] = n > 0 ? n : nil
                if n <= 0 || s.holders[user] == ordinal { s.holders[user] = nil }
            }
            if options.recordBodies, let i = s.requests.lastIndex(where: { $0.ordinal == ordinal }) {
                s.requests[i].answered = now
                s.requests[i].status = status
            }
        }
    }
}
