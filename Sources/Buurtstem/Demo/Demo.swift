import Foundation

/// `buurtstem demo`: the whole story on a synthetic gemeente, in a folder of its own.
///
/// It grows with the product: today it sets up the gemeente (key, areas, register snapshot); the cheque round,
/// the stemdag, allocation, record export and verification join it as they land.
public struct Demo: Sendable {
    /// What the demo did, for the summary.
    public struct Report: Sendable, Codable {
        /// The folder with the database, key and files.
        public let folder: String
        /// The store.
        public let database: String
        /// The gemeente set up.
        public let gemeente: Gemeente.Initialised
        /// Areas imported.
        public let areas: AreaImport.Summary
        /// Register imported.
        public let register: RegisterOverview
        /// The steps, each with its wall time in seconds.
        public let steps: [Step]
    }

    /// A step and how long it took.
    public struct Step: Sendable, Codable {
        /// What was done.
        public let name: String
        /// Wall seconds.
        public let seconds: Double
    }

    /// The file that marks a folder as the demo's own, so a rerun may clear it.
    public static let marker = "BUURTSTEM-DEMO.txt"
    /// The passphrase of the demo's keys; a real gemeente chooses its own (see docs/operations.md).
    public static let passphrase = "demo-passphrase-not-for-production"

    /// Number of synthetic households.
    public let households: Int
    /// The folder to work in.
    public let folder: URL

    /// A demo with `households` households in `folder`.
    public init(households: Int, folder: URL) {
        self.households = households
        self.folder = folder
    }

    /// Runs every step, reporting progress lines through `progress`.
    public func run(progress: (String) -> Void) throws -> Report {
        guard households >= 1 && households <= 2_000_000 else {
            throw UsageError("--households \(households) is out of range: use 1 to 2,000,000")
        }
        try prepareFolder()
        var steps: [Step] = []
        func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            progress("- \(name)...")
            let start = DispatchTime.now()
            let result = try body()
            steps.append(Step(name: name, seconds: Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9))
            return result
        }
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
        let problems = try step("check the store") { try store.check() }
        guard problems.isEmpty else { throw UsageError("the demo store is not sound: \(problems.joined(separator: "; "))") }
        return Report(folder: folder.path, database: database, gemeente: gemeente, areas: areas, register: overview, steps: steps)
    }

    /// Makes sure the folder is empty or an earlier demo's, and clears it.
    private func prepareFolder() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.path) {
            let contents = try manager.contentsOfDirectory(atPath: folder.path)
            guard contents.isEmpty || contents.contains(Self.marker) else {
                throw UsageError("\(folder.path) exists and is not a Buurtstem demo folder; choose another --out")
            }
            for item in contents { try manager.removeItem(at: folder.appendingPathComponent(item)) }
        } else {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try Data("Made by 'buurtstem demo'; a rerun clears this folder.\n".utf8).write(to: folder.appendingPathComponent(Self.marker))
    }
}
