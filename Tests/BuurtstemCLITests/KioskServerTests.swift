import Buurtstem
import BuurtstemKiosk
import Foundation
import Logging
import Synchronization
import Testing

/// The kiosk's HTTP server itself (`KioskServer`), run in this process on a free loopback port and spoken to over
/// plain sockets: what it logs, which requests it refuses, and how it treats slow, idle and surplus connections.
@Suite("buurtstem kiosk serve: the HTTP server")
struct KioskServerTests {
    /// Every line the server logged.
    final class LogLines: Sendable {
        let lines = Mutex<[String]>([])
    }

    /// A log handler that keeps every line, so a test can read the server's whole log.
    struct CapturingLog: LogHandler {
        let lines: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        init(into lines: LogLines) {
            self.lines = lines
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            lines.lines.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(metadata)") }
        }
    }

    /// A kiosk server on a prepared store (polls open), running until `stop()`.
    final class Running: Sendable {
        let port: Int
        let codes: [String]
        private let lines: LogLines
        private let task: Task<Void, any Error>

        init(requestTimeoutSeconds: Int = 10, maxConnections: Int = 32) async throws {
            let (cli, codes) = try StemdagCommandTests.prepared()
            try StemdagCommandTests.publish(cli)
            #expect(try cli.run("polls", "open", "--election", "kw-now").status == 0)
            let service = try KioskServiceTests.service(cli)
            let lines = LogLines()
            let logger = Logger(label: "kiosk-test") { _ in CapturingLog(into: lines) }
            let server = KioskServer(service: service, pin: try StaffPin("482916"), configuration: .init(
                host: "127.0.0.1", port: 0, requestTimeoutSeconds: requestTimeoutSeconds, maxConnections: maxConnections), logger: logger)
            let (urls, continuation) = AsyncStream.makeStream(of: String.self)
            task = Task { try await server.run { url in continuation.yield(url) } }
            var iterator = urls.makeAsyncIterator()
            guard let url = await iterator.next(), let port = URL(string: url)?.port else { throw POSIXError(.ECONNREFUSED) }
            self.port = port
            self.codes = codes
            self.lines = lines
        }

        /// Everything the server logged so far.
        var log: String { lines.lines.withLock { $0.joined(separator: "\n") } }

        func stop() async {
            task.cancel()
            _ = await task.result
        }

        /// One request on its own connection (`Connection: close`); the answer.
        func request(_ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil) async throws -> LoopbackSocket.Answer {
            let socket = try LoopbackSocket(port: port)
            var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            if let body { head += "Content-Length: \(body.utf8.count)\r\n" }
            #expect(socket.write(head + "\r\n" + (body ?? "")))
            return try await socket.answer()
        }

        /// A new session: the cookie header to send back and the CSRF token.
        func session() async throws -> (cookie: String, token: String) {
            let answer = try await request("GET", "/api/session")
            let cookie = try #require(answer.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
            let token = try #require(answer.body.firstMatch(of: /"csrfToken":"([0-9a-f]+)"/)?.1)
            return (cookie, String(token))
        }

        /// A POST from the page of `session`, with `contentType`.
        func post(_ path: String, _ body: String, session: (cookie: String, token: String),
                  contentType: String = "application/json") async throws -> LoopbackSocket.Answer {
            try await request("POST", path, headers: ["Cookie": session.cookie, "X-CSRF-Token": session.token, "Content-Type": contentType], body: body)
        }
    }

    @Test("a pass code typed into the address (GET /CODE) never reaches the request log; the kiosk's own paths do")
    func noCodeInTheLog() async throws {
        let server = try await Running()
        defer { Task { await server.stop() } }
        let code = server.codes[0]
        for path in ["/\(code)", "/\(code.replacingOccurrences(of: "-", with: ""))", "/api/\(code)", "/STEMPAS:\(code)"] {
            #expect(try await server.request("GET", path).status == 404)
        }
        #expect(try await server.request("GET", "/api/status").status == 200)
        let log = server.log
        #expect(!log.contains(code) && !log.contains(code.replacingOccurrences(of: "-", with: "")), "\(log)")
        #expect(!log.contains(String(code.prefix(7))), "not even a part of the code")
        #expect(log.contains("GET (other path) 404"), "\(log)")
        #expect(log.contains("GET /api/status 200"), "\(log)")
        await server.stop()
    }

    @Test("a POST must be exactly application/json (charset utf-8 allowed), not a type that starts with it")
    func exactContentType() async throws {
        let server = try await Running()
        defer { Task { await server.stop() } }
        let session = try await server.session()
        let body = #"{"code":"\#(server.codes[0])"}"#
        for accepted in ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8", #"application/json; charset="utf-8""#] {
            #expect(try await server.post("/api/pass", body, session: session, contentType: accepted).status == 200, "\(accepted)")
        }
        for refused in ["application/jsonx", "application/json-patch+json", "application/json; charset=latin1",
                        "application/json; boundary=x", "application/json; charset=utf-8; x=y", "text/plain", "application/jso", ""] {
            let answer = try await server.post("/api/pass", body, session: session, contentType: refused)
            #expect(answer.status == 415 && answer.body.contains("contentType"), "\(refused): \(answer.status)")
        }
        await server.stop()
    }

    @Test("a cast body with a key twice is refused, and the pass stays unused")
    func duplicateKeys() async throws {
        let server = try await Running()
        defer { Task { await server.stop() } }
        let session = try await server.session()
        let (code, other) = (server.codes[0], server.codes[1])
        let choices = #"[{"project":"KW-01","value":1}]"#
        let bodies = [
            #"{"code":"\#(other)","code":"\#(code)","choices":\#(choices)}"#,
            #"{"code":"\#(code)","choices":[],"choices":\#(choices)}"#,
            #"{"code":"\#(code)","\u0063ode":"\#(other)","choices":\#(choices)}"#,
            #"{"code":"\#(code)","choices":[{"project":"KW-01","value":1,"value":2}]}"#,
            #"{"code":"\#(code)","choices":[{"project":"KW-01","project":"KW-02","value":1}]}"#,
        ]
        for body in bodies {
            let answer = try await server.post("/api/cast", body, session: session)
            #expect(answer.status == 400 && answer.body.contains("duplicateKey"), "\(body): \(answer.status) \(answer.body)")
        }
        // The same key in two different objects is fine, and so is the pass: no ballot was cast above.
        let cast = try await server.post("/api/cast", #"{"code":"\#(code)","choices":[{"project":"KW-01","value":1},{"project":"KW-02","value":1}]}"#, session: session)
        #expect(cast.status == 200 && cast.body.contains("trackingCode"), "\(cast.body)")
        #expect(try await server.post("/api/pass", #"{"code":"\#(other)"}"#, session: session).status == 200)
        await server.stop()
    }

    @Test("300 new sessions do not push out the session of a voter in the middle of a ballot")
    func sessionFlood() async throws {
        let server = try await Running()
        defer { Task { await server.stop() } }
        let voter = try await server.session()
        let code = server.codes[0]
        #expect(try await server.post("/api/pass", #"{"code":"\#(code)"}"#, session: voter).status == 200)
        for _ in 0..<300 { #expect(try await server.request("GET", "/api/session").status == 200) }
        let cast = try await server.post("/api/cast", #"{"code":"\#(code)","choices":[{"project":"KW-03","value":1}]}"#, session: voter)
        #expect(cast.status == 200 && cast.body.contains("trackingCode"), "\(cast.status) \(cast.body)")
        await server.stop()
    }

    @Test("half-sent and idle connections are closed after the request timeout; at most maxConnections are open")
    func slowAndSurplusConnections() async throws {
        // A timeout of 8 s leaves room on a loaded machine between opening the four and checking the fifth.
        let timeout = 8.0
        let server = try await Running(requestTimeoutSeconds: Int(timeout), maxConnections: 4)
        let opened = Date()
        defer { Task { await server.stop() } }
        let partial = "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n"
        // Four connections fill the server: two with half a request head, one idle, one trickling its head.
        let held = try (0..<4).map { _ in try LoopbackSocket(port: server.port) }
        held[0].write(partial)
        held[1].write(partial + "X-Slow: 1\r\n")
        try await Task.sleep(for: .milliseconds(300))
        // A fifth is not served while the four are open...
        let fifth = try LoopbackSocket(port: server.port)
        fifth.write(partial + "Connection: close\r\n\r\n")
        let trickler = held[3]
        let trickle = Task {
            for character in "GET /api/status HTTP/1.1\r\nX-Trickle: \(String(repeating: "a", count: 80))" {
                guard trickler.write(String(character)) else { return }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        let waited = await fifth.wait(seconds: 1)
        // Only while the timeout cannot yet have closed a held one does an answer to the fifth prove a fault.
        if Date().timeIntervalSince(opened) < timeout - 0.5 {
            #expect(waited == .nothing, "the fifth connection waits while four are open")
        } else {
            print("slowAndSurplusConnections: the machine took over \(timeout - 0.5) s to get here; the fifth's wait is not judged")
        }
        // ...until the timeout closes the stalled ones, the trickling one included (its head would take 27 s).
        let started = Date()
        for (index, socket) in held.enumerated() {
            #expect(await socket.wait(seconds: 20) == .closed, "connection \(index) was closed by the server")
        }
        #expect(Date().timeIntervalSince(started) < 20, "closed after the 8 s timeout, not when the trickle ended (27 s)")
        trickle.cancel()
        let answer = try await fifth.answer(seconds: 20)
        #expect(answer.status == 200)
        await server.stop()
    }

    @Test("weak staff PINs are refused at start, saying why without repeating the PIN")
    func weakPins() throws {
        for weak in ["0000", "1111", "99999999", "1234", "123456", "4321", "987654", "7890", "1212", "123123", "4545"] {
            do {
                _ = try StaffPin(weak)
                Issue.record("\(weak) was accepted")
            } catch {
                #expect(error.message.contains("choose 6 or more digits") && !error.message.contains(weak), "\(weak): \(error.message)")
            }
        }
        for fine in ["482916", "4829", "1357", "20261205", "1231"] {
            #expect(throws: Never.self) { try StaffPin(fine) }
        }
    }
}
