import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension Demo {
    /// What the demo's trustees did: the key ceremony before the election, the decryption after the mix.
    package struct TrusteesReport: Sendable, Codable {
        /// The trustees' names, trustee 1 first.
        package let names: [String]
        /// How many must decrypt (t of n).
        package let threshold: Int
        /// The folder with one folder per trustee (their own machine) and the coordinator's.
        package let folder: String
        /// The election key file the definition names.
        package let electionKeyFile: String
        /// The election public key Y, hex.
        package let publicKey: String
        /// The ceremony hash every trustee compared, hex.
        package let ceremonyHash: String
        /// The mix stage files, in order.
        package let stageFiles: [String]
        /// The trustees whose shares were combined.
        package let decryptedBy: [Int]
        /// The trustees who did not decrypt (away on the count day).
        package let absent: [Int]
        /// Valid decoded ballots.
        package let valid: Int
        /// Decoded plaintexts that are not a valid ballot.
        package let invalid: Int
    }

    /// The demo's trustees: two raadsleden of different parties and a notary, 2 of 3.
    static let trustees = ["R. de Boer (raadslid, partij A)", "S. Yilmaz (raadslid, partij B)", "A. de Vries (notaris)"]
    /// How many trustees must decrypt.
    static let threshold = 2
    /// The trustee who is away on the count day: the count goes on without them.
    static let absentTrustee = 2

    /// The passphrase of the demo's keys, as `Passphrase` reads it (from the environment, never a prompt).
    static var demoPassphrase: Passphrase {
        Passphrase(environment: [Passphrase.environmentVariable: passphrase], interactive: false)
    }

    /// The key ceremony of election `id` from files, as docs/trustees.md has people run it: each trustee in a folder
    /// of their own (`trustees/trustee-J`, their own machine) makes keys and a card, deals and receives their share;
    /// the coordinator (`trustees/coordinator`) only copies public files and combines the election key, which the
    /// gemeente puts next to its definition (`election-key.json` in `folder`). Returns that file and the ceremony.
    func runKeyCeremony(election id: String, steps: StepLog) throws -> (keyFile: URL, ceremonyHash: String, publicKey: String) {
        let base = folder.appendingPathComponent("trustees")
        let coordinator = base.appendingPathComponent("coordinator")
        let own = (1...Self.trustees.count).map { base.appendingPathComponent("trustee-\($0)") }
        return try steps.run("key ceremony of 3 trustees (2 of 3), each in their own folder, exchanging files only") {
            for folder in [coordinator.appendingPathComponent("dealings")] + own.map({ $0.appendingPathComponent("dealings") }) {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            var cards: [String] = []
            for (index, name) in Self.trustees.enumerated() {
                let made = try Trustees.initialise(name: name, folder: own[index].path, passphrase: Self.passphrase)
                cards.append(try Self.send(made.cardFile, to: coordinator.appendingPathComponent("card-\(index + 1).json")))
            }
            let ceremonyFile = coordinator.appendingPathComponent("ceremony.json").path
            let ceremony = try Trustees.makeCeremony(threshold: Self.threshold, cardFiles: cards, election: id, out: ceremonyFile)
            for trustee in own { _ = try Self.send(ceremonyFile, to: trustee.appendingPathComponent("ceremony.json")) }
            for (index, trustee) in own.enumerated() {
                let dealt = try Trustees.deal(ceremonyFile: trustee.appendingPathComponent("ceremony.json").path,
                                              keyFile: trustee.appendingPathComponent("trustee.key").path, passphrase: Self.demoPassphrase,
                                              out: trustee.appendingPathComponent("dealing.json").path)
                // The coordinator sends every dealing to every trustee.
                for folder in [coordinator] + own {
                    _ = try Self.send(dealt.file, to: folder.appendingPathComponent("dealings/dealing-\(index + 1).json"))
                }
            }
            var received: [String] = []
            for trustee in own {
                received.append(try Trustees.receive(ceremonyFile: trustee.appendingPathComponent("ceremony.json").path,
                                                     dealingsFolder: trustee.appendingPathComponent("dealings").path,
                                                     keyFile: trustee.appendingPathComponent("trustee.key").path, passphrase: Self.demoPassphrase,
                                                     out: trustee.appendingPathComponent("share.key").path).publicKey)
            }
            let combined = try Trustees.combine(ceremonyFile: ceremonyFile, dealingsFolder: coordinator.appendingPathComponent("dealings").path,
                                                out: coordinator.appendingPathComponent("election-key.json").path)
            guard received.allSatisfy({ $0 == combined.publicKey }) else {
                throw BuurtstemError(.conflict, "the trustees received different election keys (\(Set(received).sorted().joined(separator: ", "))); the ceremony failed")
            }
            for trustee in own { _ = try Self.send(combined.file, to: trustee.appendingPathComponent("election-key.json")) }
            let keyFile = folder.appendingPathComponent("election-key.json")
            _ = try Self.send(combined.file, to: keyFile)
            return (keyFile, ceremony.ceremonyHash, combined.publicKey)
        }
    }

    /// The count day of a secret election: two mix stages (the gemeente's, then a second one, each with its proof,
    /// written as files), both re-checked; the trustees other than the absent one decrypt the last stage in their
    /// own folders from files only; the gemeente combines their shares.
    func runSecretCount(election id: String, store: Store, ceremony: (keyFile: URL, ceremonyHash: String, publicKey: String),
                        steps: StepLog) throws -> TrusteesReport {
        let base = folder.appendingPathComponent("trustees")
        let mixFolder = folder.appendingPathComponent("mix")
        try FileManager.default.createDirectory(at: mixFolder, withIntermediateDirectories: true)
        let stageFiles = try steps.run("mix the encrypted ballots in two stages, each a re-encryption shuffle with its proof; re-check both proofs") {
            var files: [String] = []
            for _ in 1...2 {
                let stage = try SecretMix.run(election: id, store: store)
                let path = mixFolder.appendingPathComponent("stage-\(stage.stage).json").path
                try Self.writeJSON(stage, to: path)
                files.append(path)
            }
            let failures = try SecretMix.verify(election: id, store: store)
            guard failures.isEmpty else { throw BuurtstemError(.conflict, "a mix stage's proof fails: \(failures.joined(separator: "; "))") }
            return files
        }
        let present = (1...Self.trustees.count).filter { $0 != Self.absentTrustee }
        let summary = try steps.run("trustees \(present.map(String.init).joined(separator: " and ")) decrypt the last stage from files (trustee \(Self.absentTrustee) is away); combine their shares") {
            var shares: [(path: String, bytes: [UInt8])] = []
            let coordinator = base.appendingPathComponent("coordinator/shares")
            try FileManager.default.createDirectory(at: coordinator, withIntermediateDirectories: true)
            for index in present {
                let own = base.appendingPathComponent("trustee-\(index)")
                let stage = try Self.send(stageFiles[stageFiles.count - 1], to: own.appendingPathComponent("stage-\(stageFiles.count).json"))
                let file = try TrusteeDecryption.decrypt(stageFile: stage, electionKeyFile: own.appendingPathComponent("election-key.json").path,
                                                         shareFile: own.appendingPathComponent("share.key").path, passphrase: Self.demoPassphrase)
                let written = own.appendingPathComponent("decryption.json").path
                try Self.writeJSON(file, to: written)
                let sent = try Self.send(written, to: coordinator.appendingPathComponent("decryption-\(index).json"))
                shares.append((sent, [UInt8](try Data(contentsOf: URL(fileURLWithPath: sent)))))
            }
            return try DecryptionCombine.combine(election: id, store: store, files: shares)
        }
        return TrusteesReport(names: Self.trustees, threshold: Self.threshold, folder: base.path, electionKeyFile: ceremony.keyFile.path,
                              publicKey: ceremony.publicKey, ceremonyHash: ceremony.ceremonyHash, stageFiles: stageFiles,
                              decryptedBy: summary.trustees, absent: (1...Self.trustees.count).filter { !summary.trustees.contains($0) },
                              valid: summary.valid, invalid: summary.invalid)
    }

    /// The tally of the choices the demo generated, counted in the clear (the first ballot of each pass), shaped as
    /// `counted` (the secret election's tally): what a public election with the same choices would count.
    static func plaintextTally(_ counted: Tally, ballots: [(area: String, choices: [Choice])], ballot: BallotType) -> Tally {
        var tally = counted
        for c in tally.contests.indices {
            tally.contests[c].ballotsCounted = 0
            tally.contests[c].invalidBallots = 0
            tally.contests[c].ballots = []
            for p in tally.contests[c].projects.indices {
                tally.contests[c].projects[p].ballots = 0
                tally.contests[c].projects[p].points = 0
            }
        }
        let contestIndex = Dictionary(uniqueKeysWithValues: tally.contests.enumerated().map { ($1.area, $0) })
        let projectIndex = tally.contests.map { Dictionary(uniqueKeysWithValues: $0.projects.enumerated().map { ($1.id, $0) }) }
        for entry in ballots {
            guard let c = contestIndex[entry.area] else { continue }
            tally.contests[c].add(entry.choices, ballot: ballot, index: projectIndex[c])
        }
        return tally
    }

    /// Copies `path` to `destination` (replacing it), as a file is sent by mail or on a USB stick; returns the copy's path.
    @discardableResult
    static func send(_ path: String, to destination: URL) throws -> String {
        try AtomicFile.write([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), to: destination.path)
        return destination.path
    }

    /// Writes `value` as JSON with sorted keys, as `buurtstem mix --out` and `trustee decrypt --out` do.
    static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write([UInt8](try encoder.encode(value)), to: path)
    }
}
