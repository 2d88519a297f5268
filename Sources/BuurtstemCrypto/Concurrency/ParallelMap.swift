import Foundation

/// The one parallel map of Buurtstem's targets: `transform` applied to every index on all cores, results in order.
///
/// ``indices(_:minimumCount:_:)`` cuts the work into one contiguous chunk per core (many small equal jobs); below
/// `minimumCount` items the map runs on the calling thread, where the cost of starting workers would exceed the work.
/// ``each(_:_:)`` hands out one index at a time to whichever core is free (a few unequal jobs: files, chunks, runs).
package enum ParallelMap {
    /// `transform(0) ..< transform(count)` in order, computed on all cores.
    package static func indices<R: Sendable>(
        _ count: Int, minimumCount: Int = 64, _ transform: @Sendable (Int) -> R
    ) -> [R] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard count >= minimumCount, workers > 1 else { return (0..<count).map(transform) }
        let chunk = (count + workers - 1) / workers
        var results = [R?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each worker writes only its own chunk, and concurrentPerform returns after all of them.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = worker * chunk
                guard start < count else { return }
                for index in start..<min(count, start + chunk) { out[index] = transform(index) }
            }
        }
        return results.map { $0! }
    }

    /// `transform` of every element of `items`, in order, computed on all cores.
    package static func map<T: Sendable, R: Sendable>(
        _ items: [T], minimumCount: Int = 64, _ transform: @Sendable (T) -> R
    ) -> [R] {
        indices(items.count, minimumCount: minimumCount) { transform(items[$0]) }
    }

    /// `transform(0) ..< transform(count)` in order, each index on whichever core is free: for a few jobs of unequal
    /// length, where a fixed split per core would leave a core idle at the end.
    package static func each<R: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> R) -> [R] {
        guard count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else { return (0..<count).map(transform) }
        var results = [R?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot, and concurrentPerform returns after all of them.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: count) { out[$0] = transform($0) }
        }
        return results.map { $0! }
    }
}
