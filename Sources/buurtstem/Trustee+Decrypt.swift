import ArgumentParser
import Buurtstem
import Foundation

extension TrusteeCommand {
    /// `buurtstem trustee decrypt`.
    struct Decrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write your decryption shares of the last mix stage, with their proofs.",
            discussion: """
            Your key share is unsealed with BUURTSTEM_PASSPHRASE or a prompt. Any t trustees' files decrypt the \
            election together ('buurtstem decrypt combine'); no file alone reveals a ballot.
            """
        )

        @Option(help: "The election id.")
        var election: String

        @Option(help: "Your sealed key share file.")
        var key: String

        @Option(help: "Where to write your decryption shares (JSON).")
        var out: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let secret = try SecretElection(election, store: store)
            let share = try TrusteeDecryption.openShare(key, electionKey: secret.key, passphrase: .standard)
            let file = try TrusteeDecryption.decrypt(election: election, store: store, keyShare: share)
            try writeJSON(file, to: out)
            try output.emit(["trustee": file.trustee, "stage": file.stage]) {
                "Decryption shares of trustee \(file.trustee) for mix stage \(file.stage) of '\(election)' written to \(out)."
            }
        }
    }
}
