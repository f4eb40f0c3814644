import AsyncHTTPClient
import NIOCore
import NIOHTTP1

extension Sender {
    /// Sends one batch as one request or more (item and byte limits, 413 halves) and returns
    /// the outcome of every item. Never throws: a refused key comes back as `stop`.
    func send(_ batch: OutgoingBatch, client: HTTPClient, limiter: RateLimiter) async -> BatchResult {
        var outcomes = [ItemOutcome](repeating: .pending("run stopped before this item was sent"), count: batch.items.count)
        var counts = RequestCounts()
        var stop: DeliveryStop?
        for chunk in vendor.chunks(of: batch.items) {
            switch chunk {
            case .tooLarge(let index, let bytes):
                outcomes[index] = .rejected(
                    "the object takes \(bytes) bytes in a request, over the limit of \(config.maxBodyBytes)")
            case .send(let range):
                guard stop == nil, !Task.isCancelled else { continue }
                do {
                    try await send(range, of: batch.items, client: client, limiter: limiter,
                                   into: &outcomes, counts: &counts)
                } catch {
                    stop = error
                }
            }
        }
        return BatchResult(outcome: BatchOutcome(id: batch.id, items: outcomes), counts: counts, stop: stop)
    }

    /// One request for `range`, and its halves after a 413.
    private func send(
        _ range: Range<Int>, of items: [[UInt8]], client: HTTPClient, limiter: RateLimiter,
        into outcomes: inout [ItemOutcome], counts: inout RequestCounts
    ) async throws(DeliveryStop) {
        switch await exchange(items[range], client: client, limiter: limiter, counts: &counts) {
        case .items(let answers):
            for (offset, answer) in answers.enumerated() { outcomes[range.lowerBound + offset] = answer }
        case .all(let answer):
            for i in range { outcomes[i] = answer }
        case .tooLarge(let message):
            guard range.count > 1 else {
                outcomes[range.lowerBound] = .rejected("HTTP 413 for this object alone: \(message)")
                return
            }
            counts.splits += 1
            let middle = range.lowerBound + range.count / 2
            try await send(range.lowerBound..<middle, of: items, client: client, limiter: limiter,
                           into: &outcomes, counts: &counts)
            if Task.isCancelled { return }
            try await send(middle..<range.upperBound, of: items, client: client, limiter: limiter,
                           into: &outcomes, counts: &counts)
        case .unauthorized(let status, let message):
            throw .unauthorized(status: status, message: message)
        }
    }

    /// How a request ended, after its retries.
    private enum Answer {
        case items([ItemOutcome])
        case all(ItemOutcome)
        case tooLarge(String)
        case unauthorized(Int, String)
    }

    /// Sends `items` in one request until it gets an answer to act on: retries 5xx, 408,
    /// timeouts and dropped connections with backoff up to `maxTries`, waits out 429s.
    private func exchange(
        _ items: ArraySlice<[UInt8]>, client: HTTPClient, limiter: RateLimiter,
        counts: inout RequestCounts
    ) async -> Answer {
        var request = HTTPClientRequest(url: endpoint.url(config.kind.path))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: vendor.contentType)
        request.headers.add(name: "User-Agent", value: "etl-sync")
        if config.kind == .braze {
            request.headers.add(name: "Authorization", value: "Bearer \(config.apiKey)")
        }
        let body = ByteBuffer(bytes: vendor.body(items))
        let backoff = Backoff(base: config.backoffBase, cap: config.backoffCap)
        let stopped = Answer.all(.pending("run stopped before an answer"))
        var tries = 0
        var rateLimited = 0
        while true {
            do { try await limiter.acquire() } catch { return stopped }
            // A try ends at its timeout, or at the job's deadline if that comes first: the run
            // must end before the next cron tick, and an unanswered batch stays pending.
            var limit = config.timeout
            if let deadline = config.deadline {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { return .all(.pending("the deadline came before an answer")) }
                limit = min(limit, left)
            }
            tries += 1
            counts.requests += 1
            request.body = .bytes(body)
            let problem: String
            do {
                let response = try await client.execute(request, timeout: .nanoseconds(limit.nanoseconds))
                var buffer = try await response.body.collect(upTo: 1 << 20)
                let answer = buffer.readBytes(length: buffer.readableBytes) ?? []
                let advice = RateLimitHeaders(header: { response.headers.first(name: $0) })
                await limiter.observe(advice)
                let status = Int(response.status.code)
                switch status {
                case 200..<300:
                    return .items(vendor.outcomes(ofSuccess: answer, count: items.count, mask: config.mask))
                case 401, 403:
                    return .unauthorized(status, message(answer, status))
                case 413:
                    return .tooLarge(message(answer, status))
                case 429:
                    tries -= 1
                    rateLimited += 1
                    counts.rateLimitWaits += 1
                    guard rateLimited <= config.maxRateLimitWaits else {
                        return .all(.pending("HTTP 429 \(rateLimited) times in a row: \(message(answer, status))"))
                    }
                    // At least a moment: a reset already past must not turn into a busy loop.
                    let pause = max(advice.retryAfter ?? advice.untilReset ?? config.rateLimitPause, .milliseconds(100))
                    if pastDeadline(after: pause) {
                        return .all(.pending("HTTP 429 and the deadline comes before the pause ends"))
                    }
                    await limiter.pause(for: pause)
                    continue
                case 408, 500..<600:
                    problem = "HTTP \(status): \(message(answer, status))"
                case 300..<400:
                    return .all(.pending("HTTP \(status): redirects are not followed; check the endpoint"))
                case 400..<500:
                    return .all(.rejected("HTTP \(status): \(message(answer, status))"))
                default:
                    problem = "HTTP \(status)"
                }
            } catch {
                if Task.isCancelled { return stopped }
                problem = describe(error)
            }
            guard tries < config.maxTries else {
                return .all(.pending("\(problem) (\(tries) tries)"))
            }
            let delay = backoff.delay(afterTry: tries)
            if pastDeadline(after: delay) {
                return .all(.pending("\(problem); the deadline comes before the next try"))
            }
            do { try await Task.sleep(for: delay) } catch { return stopped }
            counts.retries += 1
        }
    }

    private func pastDeadline(after delay: Duration) -> Bool {
        guard let deadline = config.deadline else { return false }
        return ContinuousClock.now + delay >= deadline
    }

    private func message(_ body: [UInt8], _ status: Int) -> String {
        config.mask(VendorProtocol.failureMessage(body, status: status))
    }

    /// A transport failure in words, for the item's pending reason.
    private func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout:
                return "no answer within \(config.timeout)"
            case .remoteConnectionClosed:
                return "the connection closed before the answer"
            default:
                return config.mask("request failed: \(error)")
            }
        }
        return config.mask("request failed: \(error)")
    }
}
