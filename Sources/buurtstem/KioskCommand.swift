import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import Foundation

/// `buurtstem kiosk`: an election's voting kiosks.
struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Add kiosks, sign checkpoints of their ballot logs, serve the voting page.",
        subcommands: [Add.self, List.self, Checkpoint.self, Serve.self]
    )

    /// `buurtstem kiosk add`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a kiosk: a new Ed25519 key, sealed, registered with the gemeente's signature.",
            discussion: """
            The kiosk's key is sealed with BUURTSTEM_KIOSK_PASSPHRASE (or BUURTSTEM_PASSPHRASE, or a prompt) and written \
            next to the database as kiosk-ELECTION-NAME.key. Kiosks are added before the polls open.
            """
        )

        @Option(help: "The election id.")
        var election: String

        @Option(help: "The kiosk's name, e.g. bibliotheek.")
        var name: String

        @Option(help: "Only accept passes of this contest area (default: every area of the election).")
        var area: String?

        @Option(help: "Where to write the kiosk's sealed key.")
        var kioskKey: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var key: IssuingKeyOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let issuingKey = try key.unseal(store, database: self.store.db)
            let passphrase = try Passphrase.kiosk.obtain(purpose: "new key of kiosk \(name)", confirm: true)
            let kiosk = try Kiosk.add(election: election, name: name, area: area,
                                      keyFile: kioskKey ?? Kiosk.defaultKeyPath(database: self.store.db, election: election, name: name),
                                      passphrase: passphrase, issuingKey: issuingKey, store: store)
            try output.emit(KioskView(kiosk)) {
                "Kiosk \(kiosk.name) added to \(kiosk.electionId)\(kiosk.area.map { " for \($0)" } ?? ""); key \(kiosk.keyFile) (sealed, mode 0600), "
                    + "public key \(Hex.encode(kiosk.publicKey))"
            }
        }
    }

    /// `buurtstem kiosk list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an election's kiosks with their ballot counts.")

        @Option(help: "The election id.")
        var election: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let views = try store.kiosks(election: election).map { kiosk in
                var view = KioskView(kiosk)
                view.ballots = try KioskLog(store: store, election: election, kiosk: kiosk.name).treeHead().size
                return view
            }
            try output.emit(views) {
                views.isEmpty ? "No kiosks." : views.map { "\($0.name)  \($0.area ?? "all areas")  \($0.ballots ?? 0) ballots\($0.closed ? "  (closed)" : "")" }
                    .joined(separator: "\n")
            }
        }
    }

    /// `buurtstem kiosk checkpoint`.
    struct Checkpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a checkpoint (size, tree head, time) of a kiosk's ballot log now.",
            discussion: "Run during the day (say, hourly); the final checkpoints are written by 'buurtstem polls close'."
        )

        @Option(help: "The election id.")
        var election: String

        @Option(help: "The kiosk's name.")
        var kiosk: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let registered = try store.kiosk(election: election, name: kiosk)
            let key = try KeyFile.unseal(registered.keyFile, expected: try PublicKey(bytes: [UInt8](registered.publicKey)), passphrase: .kiosk)
            let checkpoint = try KioskLog(store: store, election: election, kiosk: kiosk).checkpoint(kioskKey: key, timeMillis: nowMillis())
            try output.emit(checkpoint) {
                "Checkpoint of \(checkpoint.logId): \(checkpoint.size) ballots, tree head \(Hex.encode(checkpoint.root))"
            }
        }
    }
}

/// A kiosk as shown.
struct KioskView: Encodable {
    let election: String
    let name: String
    let area: String?
    let publicKey: String
    let keyFile: String
    let closed: Bool
    var ballots: UInt64?

    init(_ kiosk: Kiosk) {
        election = kiosk.electionId
        name = kiosk.name
        area = kiosk.area
        publicKey = Hex.encode(kiosk.publicKey)
        keyFile = kiosk.keyFile
        closed = kiosk.closed
    }
}
