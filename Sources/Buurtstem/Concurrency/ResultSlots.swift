import Foundation

/// Fixed slots that concurrent workers fill, one slot each, read after all are done.
///
/// Every access holds `lock`, which is what makes the unchecked Sendable sound.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.withLock { slots[index] = value }
    }

    var values: [T] {
        lock.withLock { slots.map { $0! } }
    }
}

/// A thread-safe running total, for progress from concurrent workers.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    /// Adds `amount` and returns the new total.
    func add(_ amount: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += amount
        return value
    }
}
