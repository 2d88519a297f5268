#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A plain TCP connection to 127.0.0.1 for the kiosk server tests: raw bytes in and out, so a test can send half a
/// request, hold a connection idle, or see exactly when the server closes it.
/// `@unchecked Sendable`: its only state is the descriptor, set once; the kernel serialises calls on a socket.
final class LoopbackSocket: @unchecked Sendable {
    /// An answer as read off the wire.
    struct Answer: Sendable {
        let status: Int
        let headers: [(String, String)]
        let body: String

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    private let descriptor: Int32

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
        }
    }

    deinit { close(descriptor) }

    /// Sends `text`; false when the server already closed the connection.
    @discardableResult
    func write(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Waits up to `seconds` for the connection to have something to read: `.data`, `.closed` (the server closed
    /// it, or reset it) or `.nothing`. Reads and drops any data it sees until then.
    enum Readiness { case data, closed, nothing }
    func wait(seconds: Double) async -> Readiness {
        await Self.offThreadPool { self.waitBlocking(seconds: seconds) }
    }

    private func waitBlocking(seconds: Double) -> Readiness {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, Int32(seconds * 1000)) > 0 else { return .nothing }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_PEEK))
        return count > 0 ? .data : .closed
    }

    /// Reads one whole answer (head and `Content-Length` body), waiting at most `seconds` in all. Generous: in the
    /// full suite on 2 cores the server's tasks can wait long for a thread while other suites block theirs.
    func answer(seconds: Double = 120) async throws -> Answer {
        try await Self.offThreadPool { try self.answerBlocking(seconds: seconds) }.get()
    }

    /// Runs blocking socket work on a Dispatch thread, never on Swift concurrency's few threads: the server under
    /// test runs in this process and needs them to answer.
    private static func offThreadPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    private static func offThreadPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async -> Result<T, any Error> {
        await offThreadPool { Result { try body() } }
    }

    private func answerBlocking(seconds: Double) throws -> Answer {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let answer = Self.parse(received) { return answer }
            let left = deadline.timeIntervalSinceNow
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard left > 0, poll(&entry, 1, Int32(left * 1000)) > 0 else { throw POSIXError(.ETIMEDOUT) }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { throw POSIXError(.ECONNRESET) }
            received += buffer[0..<count]
        }
    }

    /// The answer in `bytes`, once all of it has arrived.
    private static func parse(_ bytes: [UInt8]) -> Answer? {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let lines = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        guard bytes.count >= end + 4 + length else { return nil }
        return Answer(status: status, headers: headers, body: String(decoding: bytes[(end + 4)..<(end + 4 + length)], as: UTF8.self))
    }
}
