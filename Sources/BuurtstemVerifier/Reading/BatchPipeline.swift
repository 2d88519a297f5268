import BuurtstemCrypto
import Dispatch
import Foundation

/// Streams a file's lines in batches through two stages: `check` on every line of a batch on all cores, then
/// `consume` on the batch's results, in file order, on the calling thread.
///
/// The ordered stage (Merkle appends, the use of each pass, the report) of batch k runs while batch k+1 is being
/// checked, and the reading of batch k+2 too, so no core waits for it. At most three batches are in memory (one
/// read ahead, one being checked, one being consumed): memory stays bounded however long the file is.
enum BatchPipeline {
    /// One line of the file: its 1-based number and its bytes.
    typealias Line = (line: Int, bytes: Data)

    /// Runs both stages over every line of `reader`. A read error is thrown only after every batch read before it
    /// was consumed, as if the file were read one batch at a time.
    static func run<R: Sendable>(_ reader: inout LineReader, batchSize: Int,
                                 check: @escaping @Sendable (ArraySlice<Line>) -> [R],
                                 consume: ([R]) throws -> Void) throws {
        var pending = PendingBatch(try reader.next(batchSize), check: check)
        var upcoming = Result { try reader.next(batchSize) }
        while true {
            let results = pending.wait()
            if results.isEmpty { return }
            // Start the next batch before consuming this one: its signatures keep the cores busy meanwhile.
            let next = try? upcoming.get()
            if let next { pending = PendingBatch(next, check: check) }
            try consume(results)
            if next == nil { _ = try upcoming.get() }
            upcoming = Result { try reader.next(batchSize) }
        }
    }

    /// `check` over `lines` in chunks of `chunk` lines on all cores, results in order. Chunks are handed out as
    /// workers become free (not one fixed half per core), so a core slowed by the ordered stage does not leave
    /// the other one idle at the end of the batch; per chunk, `check` can reuse one decoder.
    static func parallelChunks<R: Sendable>(_ lines: [Line], chunk: Int = 64,
                                            _ check: @Sendable (ArraySlice<Line>) -> [R]) -> [R] {
        let chunks = (lines.count + chunk - 1) / chunk
        guard chunks > 1 else { return check(lines[...]) }
        return ParallelMap.each(chunks) { index in check(lines[index * chunk..<min(lines.count, (index + 1) * chunk)]) }
            .flatMap { $0 }
    }
}

/// One batch being checked on other threads while the caller consumes the previous one.
///
/// `@unchecked Sendable`: `results` is written once, by the background task, before it signals `done`, and read
/// only after `wait()` has taken that signal, so the semaphore orders the write before every read.
private final class PendingBatch<R: Sendable>: @unchecked Sendable {
    private var results: [R] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ lines: [BatchPipeline.Line], check: @escaping @Sendable (ArraySlice<BatchPipeline.Line>) -> [R]) {
        guard !lines.isEmpty else {
            done.signal()
            return
        }
        DispatchQueue.global().async {
            self.results = BatchPipeline.parallelChunks(lines, check)
            self.done.signal()
        }
    }

    /// The batch's results, once every line is checked. Call once.
    func wait() -> [R] {
        done.wait()
        return results
    }
}
