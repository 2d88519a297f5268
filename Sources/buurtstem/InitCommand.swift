import ArgumentParser
import Buurtstem

/// `buurtstem init`: a new database and the gemeente's sealed issuing key.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database and the gemeente's sealed issuing key.",
        discussion: """
        The issuing key is sealed with a passphrase (Argon2id) and written with mode 0600, by default next to the
        database as NAME-issuing.key. The passphrase comes from BUURTSTEM_PASSPHRASE or is asked twice on the
        terminal. Existing files are never overwritten.
        """
    )

    @Option(help: "The gemeente's name, e.g. Groningen.")
    var gemeente: String

    @Option(help: "The gemeente's CBS code, GM followed by 4 digits, e.g. GM0014.")
    var code: String

    @Option(help: "Where to write the sealed issuing key (default: next to the database).")
    var key: String?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let keyPath = key ?? Gemeente.defaultKeyPath(forDatabase: store.db)
        let passphrase = try Passphrase.standard.obtain(purpose: "new issuing key of \(gemeente)", confirm: true)
        let result = try Gemeente.initialise(name: gemeente, code: code.uppercased(), databasePath: store.db,
                                             keyPath: keyPath, passphrase: passphrase)
        try output.emit(result) {
            """
            Created the Buurtstem database for gemeente \(result.name) (\(result.code)).
              database:     \(result.database)
              issuing key:  \(result.keyFile) (sealed, mode 0600)
              public key:   \(result.issuingPublicKey)
            Keep the passphrase apart from the key file. Next: buurtstem areas import FILE.csv
            """
        }
    }
}
