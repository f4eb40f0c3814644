import Foundation

/// A bounded, ordered hand-off between threads: the one place where the pipeline's threads
/// wait for each other (the read-ahead, the record stage and the compressor pool).
///
/// A fixed set of items (buffers, batches) circulates. Each trip gets the next sequence number:
///
///     reserve (producer) -> submit -> take (a worker) -> complete -> claim (in order) -> release
///                        \---------------- complete (no workers) ---/
///
/// - One producer reserves items in sequence, fills them and either submits them to the workers
///   or completes them itself.
/// - Workers take submitted items oldest first and complete them in any order.
/// - Items are claimed strictly in sequence: `claim(seq)` waits until `seq` is complete and every
///   earlier item has been released. The claimer is one consumer thread, or whichever worker
///   holds `seq` (so only one thread at a time is "in turn", e.g. writing to a sink).
/// - At most `capacity` items are between reserve and release, so a producer ahead of the others
///   waits in `reserve`, and memory stays constant.
///
/// `close` says no more items will be submitted: `take` then returns nil once none is left.
/// `stop` (cancel, or a failure, of which the first is kept) makes every waiting and later
/// `reserve`, `take` and `claim` return nil, so that everyone stops; an item already taken is
/// finished by its worker, which then finds `claim` returning nil.
///
/// The hand-off also starts the threads of its stage and `join` waits until they have ended,
/// after which the owner alone touches what they shared.
///
/// `@unchecked Sendable` is safe because every field is touched only while holding `condition`.
/// An item belongs to one side at a time, passed with its state under the lock, which orders
/// the reads and writes of whatever memory it points to.
final class OrderedHandOff<Item, Failure: Error>: @unchecked Sendable {
    /// An item on its trip, with its sequence number.
    struct Ticket {
        let seq: Int
        var item: Item
    }

    private enum State {
        case free, reserved, queued, working, done, claimed
    }

    private let condition = NSCondition()
    let capacity: Int
    /// Items not on a trip, the last released last: `reserve` takes that one, whose memory is
    /// the most likely to be warm, and a stage that needs fewer items never touches the rest.
    private var free: [Item]
    /// The item of sequence number `seq` is in slot `seq % capacity` while on its trip.
    private var onTrip: [Item?]
    private var states: [State]
    private var nextReserve = 0
    private var nextTake = 0
    /// Every item before this one has been released.
    private var released = 0
    private var closed = false
    private var stopped = false
    private var firstFailure: Failure?
    private var running = 0

    /// - Parameter items: the items that circulate, at least one; their number is the capacity.
    init(_ items: [Item]) {
        capacity = items.count
        free = items.reversed()
        onTrip = Array(repeating: nil, count: items.count)
        states = Array(repeating: .free, count: items.count)
    }

    /// The first failure passed to `stop`.
    var failure: Failure? {
        condition.lock()
        defer { condition.unlock() }
        return firstFailure
    }

    // MARK: Producer

    /// The next item in sequence, once it is free; nil after `stop`.
    func reserve() -> Ticket? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && nextReserve >= released + capacity { condition.wait() }
        // Fewer than `capacity` are out, so one is free.
        if stopped { return nil }
        guard let item = free.popLast() else { return nil }
        let seq = nextReserve
        nextReserve += 1
        onTrip[seq % capacity] = item
        states[seq % capacity] = .reserved
        return Ticket(seq: seq, item: item)
    }

    /// Hands a reserved item to the workers.
    func submit(_ ticket: Ticket) {
        put(ticket, .queued)
    }

    /// Says that no more items will be submitted; the workers end once none is left.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    // MARK: Workers

    /// The oldest submitted item; nil once closed with none left, or after `stop`.
    func take() -> Ticket? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if stopped || capacity == 0 { return nil }
            let slot = nextTake % capacity
            if nextTake < nextReserve && states[slot] == .queued, let item = onTrip[slot] {
                states[slot] = .working
                nextTake += 1
                return Ticket(seq: nextTake - 1, item: item)
            }
            if closed { return nil }
            condition.wait()
        }
    }

    /// Marks an item done, ready to be claimed: one a worker took, or one the producer reserved
    /// and filled itself when the stage has no workers.
    func complete(_ ticket: Ticket) {
        put(ticket, .done)
    }

    // MARK: In order

    /// Waits until `seq` is done and every item before it released; nil after `stop`.
    func claim(_ seq: Int) -> Ticket? {
        condition.lock()
        defer { condition.unlock() }
        if capacity == 0 { return nil }
        while !stopped && !(seq == released && states[seq % capacity] == .done) { condition.wait() }
        if stopped { return nil }
        guard let item = onTrip[seq % capacity] else { return nil }
        states[seq % capacity] = .claimed
        return Ticket(seq: seq, item: item)
    }

    /// Gives a claimed item back (with whatever storage it holds now) for a later trip.
    func release(_ ticket: Ticket) {
        condition.lock()
        free.append(ticket.item)
        onTrip[ticket.seq % capacity] = nil
        states[ticket.seq % capacity] = .free
        released = ticket.seq + 1
        condition.broadcast()
        condition.unlock()
    }

    // MARK: Stopping and threads

    /// Stops everyone: every waiting and later `reserve`, `take` and `claim` returns nil. The
    /// first failure given is kept. Safe to call more than once, from any thread.
    func stop(failure: Failure? = nil) {
        condition.lock()
        stopped = true
        if firstFailure == nil { firstFailure = failure }
        condition.broadcast()
        condition.unlock()
    }

    /// Starts `count` threads running `body` with their number, named `name` when alone, else
    /// `name-0`, `name-1`, ...
    func start(threads count: Int, name: String, _ body: @escaping @Sendable (Int) -> Void) {
        condition.lock()
        running += count
        condition.unlock()
        for n in 0..<count {
            let thread = Thread { [self] in
                body(n)
                condition.lock()
                running -= 1
                condition.broadcast()
                condition.unlock()
            }
            thread.name = count == 1 ? name : "\(name)-\(n)"
            thread.start()
        }
    }

    /// Waits until every thread started by `start` has ended.
    func join() {
        condition.lock()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func put(_ ticket: Ticket, _ state: State) {
        condition.lock()
        onTrip[ticket.seq % capacity] = ticket.item
        states[ticket.seq % capacity] = state
        condition.broadcast()
        condition.unlock()
    }
}
