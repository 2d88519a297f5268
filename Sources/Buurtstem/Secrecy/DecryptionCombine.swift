import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem decrypt combine`: the plaintexts of the last mix stage from any t trustees' valid shares, decoded
/// (PlaintextEncoding, then the choice bytes, then the ballot rules) and stored as the decoded ballots that
/// `Tally.count` counts. A plaintext that is not a valid ballot is stored and counted as invalid, never dropped.
public enum DecryptionCombine {
    /// What a combination did.
    public struct Summary: Sendable, Codable {
        /// The election.
        public let election: String
        /// The mix stage decrypted.
        public let stage: Int
        /// The trustees whose shares were combined.
        public let trustees: [Int]
        /// Shares left out, and why.
        public let excluded: [String]
        /// Valid decoded ballots.
        public let valid: Int
        /// Plaintexts that are not a valid ballot.
        public let invalid: Int
    }

    /// Combines the share files `files` (paths, as named on the command line) and stores the decoded ballots.
    public static func combine(election electionId: String, store: Store, files: [(path: String, bytes: [UInt8])]) throws -> Summary {
        let election = try SecretElection(electionId, store: store)
        guard let last = try election.stages().last else {
            throw BuurtstemError(.wrongState, "'\(electionId)' has no mix stage yet: mix the ballots and have the trustees decrypt the last stage first",
                                 remedy: .decryptBallots(election: electionId))
        }
        guard try election.decoded().isEmpty else {
            throw BuurtstemError(.wrongState, "the ballots of '\(electionId)' are already decrypted; the tally counts them")
        }
        let hash = election.definition.hash
        var shareFiles: [DecryptionSharesFile] = []
        for file in files {
            let shares: DecryptionSharesFile
            do {
                shares = try JSONDecoder().decode(DecryptionSharesFile.self, from: Data(file.bytes))
            } catch {
                throw BuurtstemError(.badInput, "\(file.path) is not a decryption shares file (\(error)); use the file a trustee's decryption wrote", cause: error)
            }
            guard shares.election == electionId, shares.definitionHash == hash, shares.stage == last.stage else {
                throw BuurtstemError(.badInput, "\(file.path) decrypts election '\(shares.election)' stage \(shares.stage), not '\(electionId)' stage \(last.stage) "
                    + "(the last mix stage): ask trustee \(shares.trustee) to decrypt the last stage again")
            }
            shareFiles.append(shares)
        }
        var lines: [DecodedBallotLine] = []
        var used: Set<Int> = [], excluded: Set<String> = []
        for area in last.areas {
            let ciphertexts = area.outputs.flatMap { $0 }
            let shares = shareFiles.compactMap { file in
                file.areas.first { $0.area == area.area }.map { DecryptionShare(trustee: file.trustee, partials: $0.partials, proof: $0.proof) }
            }
            let context = DecryptionSharesFile.context(election: electionId, definitionHash: hash, stage: last.stage, area: area.area)
            let outcome: ThresholdDecryption.Outcome
            do {
                outcome = try ThresholdDecryption.combine(ciphertexts, shares: shares, electionKey: election.key, context: context)
            } catch {
                throw BuurtstemError(.badInput, "cannot decrypt area \(area.area) of '\(electionId)': \(error). "
                    + missing(shareFiles.map(\.trustee), of: election.key.trusteeCount))
            }
            used.formUnion(outcome.trustees)
            excluded.formUnion(outcome.excluded.map(\.description))
            let contest = election.definition.contest(for: area.area)
            let width = election.secret.width
            for position in 0..<area.outputs.count {
                let points = Array(outcome.plaintexts[(position * width)..<((position + 1) * width)])
                let (choices, problem) = decode(points, width: width, type: election.definition.ballot, contest: contest)
                lines.append(DecodedBallotLine(area: area.area, position: position, choices: choices, problem: problem))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let usedFiles = shareFiles.filter { used.contains($0.trustee) }
        try store.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decodedBallot WHERE electionId = ?", arguments: [electionId]) == 0 else {
                throw BuurtstemError(.conflict, "the ballots of '\(electionId)' were decrypted meanwhile")
            }
            for file in usedFiles {
                try db.execute(sql: "INSERT OR REPLACE INTO decryptionShare (electionId, stage, trustee, file) VALUES (?, ?, ?, ?)",
                               arguments: [electionId, last.stage, file.trustee, try encoder.encode(file)])
            }
            for line in lines {
                try db.execute(sql: "INSERT INTO decodedBallot (electionId, area, position, choices, problem) VALUES (?, ?, ?, ?, ?)",
                               arguments: [electionId, line.area, line.position,
                                           try line.choices.map { String(decoding: try encoder.encode($0), as: UTF8.self) }, line.problem])
            }
        }
        return Summary(election: electionId, stage: last.stage, trustees: used.sorted(), excluded: excluded.sorted(),
                       valid: lines.filter { $0.choices != nil }.count, invalid: lines.filter { $0.choices == nil }.count)
    }

    /// Which trustees sent shares and which did not, so the gemeente knows whom to ask (a missing trustee only
    /// matters when fewer than t valid shares remain).
    static func missing(_ sent: [Int], of count: Int) -> String {
        let present = Set(sent), absent = (1...max(count, 1)).filter { !present.contains($0) }
        let from = present.isEmpty ? "No shares were given" : "Shares were given by trustee(s) " + present.sorted().map(String.init).joined(separator: ", ")
        return from + (absent.isEmpty ? "" : "; trustee(s) " + absent.map(String.init).joined(separator: ", ") + " of \(count) did not decrypt: "
            + "ask them to decrypt the last mix stage's file with their key share and send their shares file")
    }

    /// The choices of a plaintext, or why it is not a valid ballot of `contest`.
    static func decode(_ points: [Ristretto255.Point], width: Int, type: BallotType, contest: Contest?) -> ([Choice]?, String?) {
        let bytes: [UInt8]
        do {
            bytes = try PlaintextEncoding.decode(points, width: width)
        } catch {
            return (nil, "not an encoding of a ballot: \(error)")
        }
        guard let choices = ChoiceBytes.decode(bytes) else { return (nil, "the plaintext is not canonical choice bytes") }
        guard let contest else { return (nil, "no contest for the area") }
        do {
            let canonical = try BallotRules.validate(choices, type: type, contest: contest)
            guard canonical == choices else { return (nil, "the choices are not in canonical order") }
            return (choices, nil)
        } catch {
            return (nil, "not a valid ballot: \(error)")
        }
    }
}
