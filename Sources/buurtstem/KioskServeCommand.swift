import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import BuurtstemKiosk
import Foundation

extension KioskCommand {
    /// `buurtstem kiosk serve`: the touch-screen voting page of one kiosk.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the kiosk's touch-screen voting page and its staff screen on this machine.",
            discussion: """
            Open the printed URL in the kiosk's browser (full screen). Voters enter or scan their stempas, vote and get \
            a receipt; ballots go through the same library call as 'buurtstem vote'. The staff screen (the \
            'Medewerker' button) opens with a PIN of 4 to 16 digits, read from --pin-file (a file only its owner may \
            read), else from BUURTSTEM_KIOSK_PIN, else asked on the terminal; never give it as an argument. The kiosk's \
            key is unsealed at start with BUURTSTEM_KIOSK_PASSPHRASE (or BUURTSTEM_PASSPHRASE, or a prompt). \
            Stop with Ctrl-C. See docs/kiosk.md.
            """
        )

        @Option(help: "The election id.")
        var election: String

        @Option(help: "The kiosk's name (added with 'buurtstem kiosk add').")
        var kiosk: String

        @Option(help: "The address to listen on; keep 127.0.0.1 (this machine only) unless you know why not.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on (0: any free port).")
        var port = 8080

        @Option(help: "A file holding the staff PIN (mode 0600).")
        var pinFile: String?

        @Option(help: "Seconds the receipt stays on screen before the page resets for the next voter.")
        var receiptSeconds = 60

        @Option(help: "Seconds without a touch after which an unfinished ballot is abandoned (a warning comes first).")
        var idleSeconds = 180

        @Option(help: "The address where residents check their receipt after the election (the gemeente's results page); shown on the receipt with a QR code.")
        var checkURL: String?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
            guard receiptSeconds >= 5, idleSeconds >= 15 else {
                throw ValidationError("--receipt-seconds must be at least 5 and --idle-seconds at least 15")
            }
            if let checkURL {
                guard let url = URL(string: checkURL), ["https", "http"].contains(url.scheme?.lowercased() ?? ""), url.host != nil,
                      checkURL.count <= 200 else {
                    throw ValidationError("--check-url must be a web address such as https://www.gemeente.nl/stemdag (at most 200 characters)")
                }
            }
        }

        func run() async throws {
            let store = try store.open()
            let pin = try StaffPin(try readPin())
            let registered = try store.kiosk(election: election, name: kiosk)
            let key = try KeyFile.unseal(registered.keyFile, expected: try PublicKey(bytes: [UInt8](registered.publicKey)), passphrase: .kiosk)
            let service = try KioskService(store: store, election: election, kiosk: kiosk, kioskKey: key)
            if !["127.0.0.1", "localhost", "::1"].contains(host) {
                printError("warning: listening on \(host): other machines that can reach it can open the voting page")
            }
            let server = KioskServer(service: service, pin: pin, configuration: .init(
                host: host, port: port, receiptSeconds: receiptSeconds, idleSeconds: idleSeconds, checkURL: checkURL))
            let (election, kiosk) = (election, kiosk)
            try await server.run { url in
                print("Stemzuil \(kiosk) van \(election) / kiosk \(kiosk) of \(election): \(url)")
                fflush(nil)
            }
        }

        /// The PIN: from --pin-file, else BUURTSTEM_KIOSK_PIN, else typed twice on the terminal.
        func readPin() throws -> String {
            if let pinFile {
                var info = stat()
                guard stat(pinFile, &info) == 0, let data = FileManager.default.contents(atPath: pinFile) else {
                    throw ValidationError("cannot read the PIN file \(pinFile): check the path and that you may read it")
                }
                guard info.st_mode & 0o077 == 0 else {
                    throw ValidationError("the PIN file \(pinFile) can be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); run 'chmod 600 \(pinFile)'")
                }
                return String(decoding: data, as: UTF8.self)
            }
            if let pin = ProcessInfo.processInfo.environment["BUURTSTEM_KIOSK_PIN"] { return pin }
            guard isatty(STDIN_FILENO) == 1 else {
                throw ValidationError("a staff PIN is needed: give --pin-file FILE or set BUURTSTEM_KIOSK_PIN, or run in a terminal to type it")
            }
            guard let first = getpass("Staff PIN for the kiosk screen (4 to 16 digits): ").map({ String(cString: $0) }),
                  let second = getpass("Type it again: ").map({ String(cString: $0) }) else {
                throw ValidationError("cannot read the PIN from the terminal: use --pin-file or BUURTSTEM_KIOSK_PIN")
            }
            guard first == second else { throw ValidationError("the two PINs differ; start again") }
            return first
        }
    }
}
