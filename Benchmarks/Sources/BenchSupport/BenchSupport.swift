import Dispatch
import Foundation

/// The wall time of `body` in seconds.
public func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// `transform` over `0..<count` on all cores, results in order (the main package's parallel map is
/// package-internal, so the benchmarks keep this one).
public func parallel<R: Sendable>(_ count: Int, _ transform: @escaping @Sendable (Int) -> R) -> [R] {
    let slots = UnsafeMutableBufferPointer<R?>.allocate(capacity: count)
    slots.initialize(repeating: nil)
    defer { slots.deallocate() }
    nonisolated(unsafe) let out = slots
    let workers = ProcessInfo.processInfo.activeProcessorCount
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var index = worker
        while index < count {
            out[index] = transform(index)
            index += workers
        }
    }
    return slots.map { $0! }
}
