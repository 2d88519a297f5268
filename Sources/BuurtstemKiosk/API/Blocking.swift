import Dispatch

/// Runs store work (SQLite commits wait for the disk) on a Dispatch queue, so it never holds up the threads that
/// Swift concurrency and the server's event loops share.
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
