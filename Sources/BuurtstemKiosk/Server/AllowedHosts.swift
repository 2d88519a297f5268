import Synchronization

/// The `Host` values the server answers to: its bound address and port, and for the loopback also `localhost`.
final class AllowedHosts: Sendable {
    private let names: [String]
    private let hosts = Mutex<Set<String>>([])

    init(host: String) {
        let bound = host.contains(":") ? "[\(host.lowercased())]" : host.lowercased()
        let loopback = ["127.0.0.1", "localhost", "[::1]"]
        names = loopback.contains(bound) ? loopback : [bound]
    }

    /// Called once the port is known.
    func bind(port: Int) {
        hosts.withLock { $0 = Set(names.map { "\($0):\(port)" }) }
    }

    func contains(_ host: String) -> Bool {
        hosts.withLock { $0.contains(host) }
    }

    func contains(where predicate: (String) -> Bool) -> Bool {
        hosts.withLock { $0.contains(where: predicate) }
    }
}
