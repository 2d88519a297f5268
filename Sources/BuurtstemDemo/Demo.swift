import Buurtstem
import Foundation

/// `buurtstem demo`: the whole story on a synthetic gemeente, in a folder of its own.
///
/// It sets up the gemeente (key, areas, register snapshot), runs an Ede-style cheque round, takes in twenty aanvragen
/// in two wijken and judges them, and runs a wijkstemdag in three wijken whose ballot holds the admitted aanvragen, with
/// two kiosks at two locations, through the polls closing, the merge, the tally and the published record. The
/// wijkstemdag is a secret election: three trustees (2 of 3) make its key from files, the gemeente mixes the encrypted
/// ballots in two stages and two trustees decrypt. The aanvragen the vote funded are then paid in instalments (one is
/// stopped). The caller
/// (the CLI) verifies the record with the independent verifier, which the engine does not import.
package struct Demo: Sendable {
    /// What the demo did, for the summary.
    package struct Report: Sendable, Codable {
        /// The folder with the database, key and files.
        package let folder: String
        /// The store.
        package let database: String
        /// The gemeente set up.
        package let gemeente: Gemeente.Initialised
        /// Areas imported.
        package let areas: AreaImport.Summary
        /// Register imported.
        package let register: RegisterOverview
        /// The cheque round.
        package let cheques: ChequeReport
        /// The wijkstemdag.
        package let stemdag: StemdagReport
        /// The round of aanvragen.
        package let proposals: ProposalsReport
        /// The steps, each with its wall time in seconds.
        package let steps: [Step]
    }

    /// A step and how long it took.
    package struct Step: Sendable, Codable {
        /// What was done.
        package let name: String
        /// Wall seconds.
        package let seconds: Double
    }

    /// The file that marks a folder as the demo's own, so a rerun may clear it.
    package static let marker = "BUURTSTEM-DEMO.txt"
    /// The passphrase of the demo's keys; a real gemeente chooses its own (see docs/operations.md).
    package static let passphrase = "demo-passphrase-not-for-production"

    /// Number of synthetic households.
    package let households: Int
    /// The folder to work in.
    package let folder: URL

    /// A demo with `households` households in `folder`.
    package init(households: Int, folder: URL) {
        self.households = households
        self.folder = folder
    }

    /// Runs every step, reporting progress lines through `progress`.
    package func run(progress: @escaping (String) -> Void) throws -> Report {
        guard households >= 1 && households <= 2_000_000 else {
            throw BuurtstemError(.badInput, "\(households) households is out of range: use 1 to 2,000,000")
        }
        try prepareFolder()
        let steps = StepLog(progress: progress)
        func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T { try steps.run(name, body) }
        let synthetic = step("make a synthetic gemeente with \(households) households") {
            SyntheticGemeente(households: households)
        }
        let areasFile = folder.appendingPathComponent("areas.csv")
        let householdsFile = folder.appendingPathComponent("households.csv")
        try Data(synthetic.areasCSV.utf8).write(to: areasFile)
        try Data(synthetic.householdsCSV.utf8).write(to: householdsFile)
        let database = folder.appendingPathComponent("buurtstem.sqlite").path
        let gemeente = try step("initialise the store and the sealed issuing key") {
            try Gemeente.initialise(name: synthetic.name, code: synthetic.code, databasePath: database,
                                    keyPath: Gemeente.defaultKeyPath(forDatabase: database), passphrase: Self.passphrase)
        }
        let store = try Store.open(path: database)
        let areas = try step("import wijken and buurten") {
            try AreaImport.run(Array(synthetic.areasCSV.utf8), file: areasFile.path, into: store)
        }
        _ = try step("import the household register (addresses are not stored)") {
            try RegisterImport.run(Array(synthetic.householdsCSV.utf8), file: householdsFile.path, eligibleAge: 16, into: store)
        }
        let overview = try RegisterOverview.load(from: store, snapshot: nil)
        let issuingKey = try KeyFile.unseal(Gemeente.defaultKeyPath(forDatabase: database), expected: try store.issuingPublicKey(),
                                            passphrase: Passphrase(environment: [Passphrase.environmentVariable: Self.passphrase], interactive: false))
        let cheques = try runChequeRound(store: store, householdsCSV: Array(synthetic.householdsCSV.utf8), issuingKey: issuingKey, steps: steps)
        // The aanvragen first: the admitted ones become projects of the stemdag, whose outcome decides which are paid.
        let intake = try receiveProposals(store: store, steps: steps)
        let stemdag = try runStemdag(store: store, synthetic: synthetic, householdsCSV: Array(synthetic.householdsCSV.utf8),
                                     issuingKey: issuingKey, steps: steps)
        let proposals = try runProposalExecution(intake, election: stemdag.election, store: store, issuingKey: issuingKey, steps: steps)
        let problems = try step("check the store") { try store.check() }
        guard problems.isEmpty else { throw BuurtstemError(.conflict, "the demo store is not sound: \(problems.joined(separator: "; "))") }
        return Report(folder: folder.path, database: database, gemeente: gemeente, areas: areas, register: overview,
                      cheques: cheques, stemdag: stemdag, proposals: proposals, steps: steps.steps)
    }

    /// Makes sure the folder is empty or an earlier demo's, and clears it.
    private func prepareFolder() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.path) {
            let contents = try manager.contentsOfDirectory(atPath: folder.path)
            guard contents.isEmpty || contents.contains(Self.marker) else {
                throw BuurtstemError(.alreadyExists, "\(folder.path) exists and is not a Buurtstem demo folder; choose another folder")
            }
            for item in contents { try manager.removeItem(at: folder.appendingPathComponent(item)) }
        } else {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try Data("Made by 'buurtstem demo'; a rerun clears this folder.\n".utf8).write(to: folder.appendingPathComponent(Self.marker))
    }
}

/// The demo's steps with their wall times, reported as they start.
final class StepLog {
    private let progress: (String) -> Void
    private(set) var steps: [Demo.Step] = []

    init(progress: @escaping (String) -> Void) {
        self.progress = progress
    }

    /// Runs `body` as step `name`.
    func run<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        progress("- \(name)...")
        let start = DispatchTime.now()
        let result = try body()
        steps.append(Demo.Step(name: name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9))
        return result
    }
}
