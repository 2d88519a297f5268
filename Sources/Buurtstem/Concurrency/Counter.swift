import Foundation

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
