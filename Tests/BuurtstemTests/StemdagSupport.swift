@testable import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// A Groningen store with the shipped register, the shipped Korrewegwijk election (polling window moved around
/// now, id `test-kw`), two kiosks and issued passes; returns the pass codes from the print output.
struct StemdagFixture {
    let store: Store
    let folder: URL
    let issuingKey: SigningKey
    let codes: [String]
    let kioskKeys: [String: SigningKey]
    static let passphrase = "test passphrase"

    init(ballotFile: String = "Ballots/wijkstemdag-korrewegwijk-2026.yaml", id: String = "test-kw", open: Bool = true,
         kioskAreas: [String: String] = [:], edit: (String) -> String = { $0 },
         fromProposals: ((Store) throws -> Void)? = nil) throws {
        let (store, folder) = try groningenStore()
        _ = try RegisterImport.run(try shippedFile("Examples/groningen/households.csv"), file: "households.csv", eligibleAge: 16, into: store)
        issuingKey = try KeyFile.unseal(folder.appendingPathComponent("issuing.key").path,
                                        passphrase: Passphrase(environment: ["BUURTSTEM_PASSPHRASE": Self.passphrase], interactive: false))
        let text = edit(Self.aroundNow(String(decoding: try shippedFile(ballotFile), as: UTF8.self), id: id))
        if let fromProposals {
            // Aanvragen made and admitted first, then the election with them on its ballot.
            try fromProposals(store)
            _ = try ProposalBallot.create(text, file: "test.yaml", issuingKey: issuingKey, in: store)
        } else {
            let definition = try ElectionFile.parse(text, file: "test.yaml", store: store)
            _ = try Election.create(definition, issuingKey: issuingKey, in: store)
        }
        var kioskKeys: [String: SigningKey] = [:]
        for name in ["bibliotheek", "buurthuis"] {
            let path = folder.appendingPathComponent("kiosk-\(name).key").path
            _ = try Kiosk.add(election: id, name: name, area: kioskAreas[name], keyFile: path, passphrase: Self.passphrase, issuingKey: issuingKey, store: store)
            kioskKeys[name] = try KeyFile.unseal(path, passphrase: Passphrase(environment: ["BUURTSTEM_PASSPHRASE": Self.passphrase], interactive: false))
        }
        let print = folder.appendingPathComponent("print")
        _ = try StempasIssuance.issue(election: id, store: store, issuingKey: issuingKey, addresses: nil, printFolder: print)
        let csv = try String(contentsOf: print.appendingPathComponent("stempassen.csv"), encoding: .utf8)
        codes = csv.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[2]) }
        if open {
            _ = try ElectionPublication.publish(election: id, store: store, issuingKey: issuingKey, folder: folder.appendingPathComponent("prepublication"))
            _ = try Polls.open(election: id, store: store)
        }
        self.store = store
        self.folder = folder
        self.kioskKeys = kioskKeys
    }

    /// The definition text with its polling window from an hour ago to an hour ahead and the given id.
    static func aroundNow(_ text: String, id: String) -> String {
        let formatter = ISO8601DateFormatter()
        let open = formatter.string(from: Date().addingTimeInterval(-3600))
        let close = formatter.string(from: Date().addingTimeInterval(3600))
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("id:") { return "id: \(id)" }
            if line.hasPrefix("  open:") { return "  open: \(open)" }
            if line.hasPrefix("  close:") { return "  close: \(close)" }
            return String(line)
        }.joined(separator: "\n")
    }
}

extension StemdagFixture {
    /// Adds a second contest (Oosterpark, WK001402) to a definition text.
    static func withOosterpark(_ text: String) -> String {
        text + """

          - area: WK001402
            budget: 50000
            projects:
              - id: OP-01
                title: Bankjes in het park
                description: Tien nieuwe bankjes.
                cost: 10000

        """
    }
}

extension Store {
    /// The issued pass with public key `key` in `election`, as its signed token; nil if none was issued.
    func storedPass(election: String, key: PublicKey) throws -> PassToken? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT area, signature FROM pass WHERE electionId = ? AND publicKey = ?",
                                             arguments: [election, Data(key.bytes)]) else { return nil }
            return PassToken(election: election, area: row["area"], pass: key, signature: try Signature(bytes: [UInt8](row["signature"] as Data)))
        }
    }
}
