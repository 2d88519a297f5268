import Buurtstem
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// The kiosk's local web server (Hummingbird 2): the voting page and its JSON API for one kiosk of one election.
///
/// Bound to `127.0.0.1` by default: the touch screen's browser runs on the same machine. Requests are logged as
/// method, path and status only (`RequestLogMiddleware`); requests from other hosts or origins, with a query
/// string, or without the session's CSRF token are refused (`RequestGuard`).
package struct KioskServer: Sendable {
    /// What the page needs to know at start.
    package struct PageSettings: Sendable, Equatable, Codable {
        /// The election id.
        package let election: String
        /// The election's title.
        package let title: String
        /// The kiosk's name.
        package let kiosk: String
        /// Seconds the receipt stays on screen before the page resets for the next voter.
        package let receiptSeconds: Int
        /// Seconds without a touch or key after which a half-finished ballot is abandoned and the page resets.
        package let idleSeconds: Int
        /// Where residents check their receipt after the election (the gemeente's results page), if given.
        package let checkURL: String?
        /// That address as a QR code: an SVG `data:` URL for the receipt's image.
        package let checkQR: String?
    }

    /// Where to listen and how the page behaves.
    package struct Configuration: Sendable {
        /// The address to bind to (default `127.0.0.1`: this machine only).
        package var host: String
        /// The port (0: any free port; the URL passed to `onRunning` says which).
        package var port: Int
        /// Seconds the receipt stays on screen.
        package var receiptSeconds: Int
        /// Seconds of inactivity after which the page resets.
        package var idleSeconds: Int
        /// Seconds a connection may take to send a complete request (from its opening, or from the previous answer
        /// on a kept-alive connection) and may stay idle; then the server closes it. Stops half-sent requests and
        /// idle connections from piling up.
        package var requestTimeoutSeconds: Int
        /// At most this many connections are open at once; further ones wait (unaccepted) until one closes.
        package var maxConnections: Int
        /// Where residents check their receipt after the election (an `https://` or `http://` address), shown on
        /// the receipt with a QR code; nil: the receipt tells them to ask the staff.
        package var checkURL: String?

        /// A configuration; the defaults suit a kiosk (one browser, which opens a handful of connections).
        package init(host: String = "127.0.0.1", port: Int = 8080, receiptSeconds: Int = 60, idleSeconds: Int = 180,
                    requestTimeoutSeconds: Int = 10, maxConnections: Int = 32, checkURL: String? = nil) {
            self.host = host
            self.port = port
            self.receiptSeconds = receiptSeconds
            self.idleSeconds = idleSeconds
            self.requestTimeoutSeconds = requestTimeoutSeconds
            self.maxConnections = maxConnections
            self.checkURL = checkURL
        }
    }

    private let service: KioskService
    private let pin: StaffPin
    private let configuration: Configuration
    private let logger: Logger

    /// A server for `service`, whose staff screen opens with `pin`.
    package init(service: KioskService, pin: StaffPin, configuration: Configuration = Configuration(),
                logger: Logger = Logger(label: "buurtstem.kiosk")) {
        self.service = service
        self.pin = pin
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until the process gets SIGINT or SIGTERM; calls `onRunning` with the page's URL once it listens.
    package func run(onRunning: @escaping @Sendable (String) async -> Void = { _ in }) async throws {
        let title = try await service.status().title
        let qr = try configuration.checkURL.map { url in
            "data:image/svg+xml;base64," + Data(try QRCode(url).svg(pixels: 132, label: url).utf8).base64EncodedString()
        }
        let settings = PageSettings(election: service.election, title: title, kiosk: service.kiosk,
                                    receiptSeconds: configuration.receiptSeconds, idleSeconds: configuration.idleSeconds,
                                    checkURL: configuration.checkURL, checkQR: qr)
        let hosts = AllowedHosts(host: configuration.host)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestLogMiddleware(logger: logger, knownPaths: KioskRoutes.paths))
        let sessions = SessionStore()
        router.add(middleware: RequestGuard(allowedHosts: hosts, sessions: sessions))
        KioskRoutes(service: service, sessions: sessions, pins: PinGuard(pin: pin), settings: settings).add(to: router)
        let host = configuration.host
        let app = Application(
            router: router,
            // The idle timeout runs from the connection's opening and from each answer; a request whose head has not
            // fully arrived by then (or whose body stalls that long) is dropped with its connection.
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(configuration.requestTimeoutSeconds)))),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil,
                                 availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: logger)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                hosts.bind(port: port)
                await onRunning("http://\(host.contains(":") ? "[\(host)]" : host):\(port)/")
            },
            logger: logger
        )
        try await app.runService()
    }
}

