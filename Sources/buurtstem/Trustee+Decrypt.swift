import ArgumentParser
import Buurtstem
import Foundation

extension TrusteeCommand {
    /// `buurtstem trustee decrypt`.
    struct Decrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write your decryption shares of the last mix stage, with their proofs.",
            discussion: """
            Runs on your own machine from files only: the stage file the last 'buurtstem mix --out' wrote, the \
            election key (election-key.json) and your sealed key share (share.key, from 'buurtstem trustee receive'), \
            unsealed with BUURTSTEM_PASSPHRASE or a prompt. Any t trustees' files decrypt the election together \
            ('buurtstem decrypt combine' on the gemeente's store, which checks them against its last stage); no file \
            alone reveals a ballot.
            """
        )

        @Option(help: "The last mix stage file ('buurtstem mix --out').")
        var stage: String

        @Option(help: "The election key file (election-key.json).")
        var electionKey: String

        @Option(help: "Your sealed key share (share.key).")
        var share: String

        @Option(help: "Where to write your decryption shares (JSON).")
        var out: String

        @OptionGroup var output: OutputOptions

        func run() throws {
            let file = try TrusteeDecryption.decrypt(stageFile: stage, electionKeyFile: electionKey, shareFile: share, passphrase: .standard)
            try writeJSON(file, to: out)
            try output.emit(["trustee": file.trustee, "stage": file.stage]) {
                "Decryption shares of trustee \(file.trustee) for mix stage \(file.stage) of '\(file.election)' written to \(out)."
            }
        }
    }
}
