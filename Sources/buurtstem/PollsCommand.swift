import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import Foundation

/// `buurtstem polls`: opening and closing the polls.
struct PollsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polls",
        abstract: "Open and close the polls of an election.",
        subcommands: [Open.self, Close.self, Merge.self]
    )

    /// `buurtstem polls open`.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open the polls: ballots are accepted, no passes or kiosks can be added.",
            discussion: """
            Refused until the election is pre-published ('buurtstem election publish'): after the polls open nothing \
            can be pre-published, and observers could pin nothing.
            """
        )

        @Option(help: "The election id.")
        var election: String

        @Flag(help: ArgumentHelp(
            "Open without a pre-publication: only for a small vote with no observers to pin it.",
            discussion: "The record then has no prepublication.json and the verifier reports it as NOT PRE-PUBLISHED."))
        var withoutPrepublication = false

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let opened: Election
            do {
                opened = try Polls.open(election: election, store: store, withoutPrePublication: withoutPrepublication)
            } catch let error as BuurtstemError where error.remedy == .publishElection(election: election) {
                throw CommandError("\(EngineFailure(error: error)) (only for a small vote with no observers: "
                    + "'buurtstem polls open --election \(election) --without-prepublication')")
            }
            let fingerprint = try store.prePublication(election: opened.id)?.prePublication.fingerprint
            var view = ["election": opened.id, "state": opened.state.rawValue]
            view["fingerprint"] = fingerprint
            try output.emit(view) {
                "The polls of \(opened.id) are open." + (fingerprint.map { " Pre-published with fingerprint \($0)." }
                    ?? "\nWarning: opened without a pre-publication (--without-prepublication): observers cannot pin "
                        + "its definition, passes and kiosks, and the verifier will report the record as NOT PRE-PUBLISHED.")
            }
        }
    }

    /// `buurtstem polls close`.
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close kiosk logs: final signed checkpoints; no more ballots there. The polls close with the last kiosk.",
            discussion: """
            Without --kiosk every kiosk still open in this store is closed. With --kiosk only those: the other kiosks \
            on the store go on voting, and the polls of the store close when the last one is closed (here, or by a \
            merge that brings its final checkpoint). Needs the keys of the kiosks closed (BUURTSTEM_KIOSK_PASSPHRASE \
            or BUURTSTEM_PASSPHRASE, or a prompt).
            """
        )

        @Option(help: "The election id.")
        var election: String

        @Option(name: .customLong("kiosk"), help: "Close only this kiosk (repeat for several); the others on the store go on.")
        var kiosks: [String] = []

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            let checkpoints = try Polls.close(election: election, store: store, timeMillis: nowMillis(),
                                              only: kiosks.isEmpty ? nil : kiosks) { kiosk in
                try KeyFile.unseal(kiosk.keyFile, expected: try PublicKey(bytes: [UInt8](kiosk.publicKey)), passphrase: .kiosk)
            }
            let pollsClosed = try store.election(election).state == .closed
            try output.emit(checkpoints) {
                ([(pollsClosed ? "The polls of \(election) are closed." : "Kiosks closed; other kiosks of \(election) on this store are still open.")
                    + " Final checkpoints:"]
                    + checkpoints.map { "  \($0.logId): \($0.size) ballots, tree head \(Hex.encode($0.root))" }).joined(separator: "\n")
            }
        }
    }

    /// `buurtstem polls merge`.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the ballot logs of a location that kept its own store into this one.",
            discussion: """
            The location's store must be a copy of this one made after the passes were issued and the kiosks added. \
            Every ballot is kept; a pass used at two locations is settled at the tally (the first by time, kiosk, \
            sequence counts, the others are void and listed). A ballot of a pass revoked here at the desk (a \
            replaced stempas) is void too: a revoked pass never counts, the household's new pass does. Logs that \
            disagree (a fork), and a location store with stempas replacements of its own, are refused.
            """
        )

        @Option(help: "The election id.")
        var election: String

        @Option(help: "The location's database file (repeat for several).")
        var from: [String]

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try store.open()
            var summaries: [String: LocationMerge.Summary] = [:]
            for path in from {
                summaries[path] = try LocationMerge.merge(election: election, from: path, into: store)
            }
            try output.emit(summaries) {
                summaries.sorted { $0.key < $1.key }.map { path, summary in Self.line(path, summary) }.joined(separator: "\n")
            }
        }

        /// What a merge of the store at `path` did, for people.
        static func line(_ path: String, _ summary: LocationMerge.Summary) -> String {
            let added = summary.added.isEmpty ? "no new ballots"
                : summary.added.sorted { $0.key < $1.key }.map { "\($1) ballots of \($0)" }.joined(separator: ", ")
            var line = "\(path): \(added), \(summary.checkpointsAdded) checkpoints added, \(summary.alreadyPresent) ballots already present"
            if summary.revokedPassBallots > 0 {
                line += "\n  \(summary.revokedPassBallots) of the added ballots used a pass revoked here at the desk after the location's copy was made: "
                    + "each is void at the tally (a revoked pass never counts; the household's new pass does)"
            }
            return line
        }
    }
}
