import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// A household's own question to the published record, answered locally from the record alone: "was my stempas
/// used, where and when, and did that ballot count?" The pass code never leaves the machine: its public key is
/// derived here and looked up in the issued passes and every kiosk's log. Only the household can ask this: a
/// gemeente that voted with the passes of households that stayed home leaves a record that verifies, and only
/// the household, seeing a use it did not make, can tell (docs/threat-model.md).
public enum PassCheck {
    /// One use of the pass.
    public struct Use: Sendable, Codable, Equatable {
        /// The kiosk whose log holds the ballot.
        public let kiosk: String
        /// Its position in the log.
        public let position: Int
        /// When it was cast (ms since 1970 UTC); in a secret election, the time of the first checkpoint of its log
        /// that includes it (a secret ballot carries no time).
        public let timeMillis: Int64
        /// The receipt's tracking code of this ballot.
        public let trackingCode: String
        /// Whether it counts (the first use by time, kiosk, sequence, of a pass not revoked) or is void.
        public let counted: Bool
    }

    /// What the record says about the pass.
    public struct Answer: Sendable, Codable {
        /// The pass's public key, hex (what the record holds instead of the code).
        public let pass: String
        /// The contest area it was issued for.
        public let area: String
        /// Every ballot cast with it, the counted one first; empty when it was not used.
        public let uses: [Use]
        /// Whether the election is secret: its ballots are encrypted and the record does not show their choices.
        public let encrypted: Bool
        /// Whether the pass was revoked at the desk when the household got a replacement: none of its ballots counts.
        public let revoked: Bool
    }

    /// Looks up the pass with `code` (as printed on the stempas) in the record at `folder`, signed by `issuingKey`.
    public static func check(record folder: URL, code: String, issuingKey: PublicKey) throws(HouseholdCheckFailure) -> Answer {
        let typed: TypeableCode
        do {
            typed = try TypeableCode(parsing: code, format: .stempas)
        } catch {
            throw HouseholdCheckFailure("--pass: \(error.description). Type the code exactly as printed on your stempas (groups of 3 with hyphens; case does not matter)")
        }
        let key = PassToken.passKey(secret: typed.bytes).publicKey
        let record = try PinnedRecord(folder: folder, issuingKey: issuingKey, kind: "election")
        let issuer = record.index.issuingPublicKey, election = record.index.election
        var area: String?
        for (number, line) in try record.lines(ElectionRecordFile.passes).enumerated() {
            guard let token = ExportedLine.pass(line, election: election) ?? (try? Run.strictLine(PassLine.self, line).get())?.token(election: election) else {
                throw HouseholdCheckFailure("\(ElectionRecordFile.passes) line \(number + 1) is not a pass: the record is damaged; run buurtstem-verify")
            }
            guard token.pass == key else { continue }
            guard token.isValid(issuer: issuer) else {
                throw HouseholdCheckFailure("your pass is in the record, but its token is not signed by the gemeente's issuing key: report this")
            }
            area = token.area
            break
        }
        // A pass made at the desk to replace a lost or damaged letter is not in passes.jsonl but in replacements.json.
        if area == nil, record.index.files.contains(where: { $0.name == ElectionRecordFile.replacements }),
           let entry = try record.decode(PassReplacements.self, ElectionRecordFile.replacements).entries.first(where: { $0.pass == key }) {
            guard entry.isValid(issuer: issuer), entry.election == election else {
                throw HouseholdCheckFailure("your replacement pass is in the record, but its entry is not signed by the gemeente's issuing key: report this")
            }
            area = entry.area
        }
        guard let area else {
            throw HouseholdCheckFailure("this pass was not issued in election \(election): check the code, and that this is the record of the election on your letter")
        }
        let logs = try ElectionLogs(record)
        let uses = logs.uses(of: key)
        var answer: [Use] = []
        for (index, entry) in uses.enumerated() {
            guard entry.isValidSignature else {
                throw HouseholdCheckFailure("kiosk \(entry.kiosk) position \(entry.position) names your pass but is not signed by it: report this to the gemeente and the observers")
            }
            let revoked = logs.isRevoked(key)
            guard logs.voidListedAsRuled(entry, uses: uses) else {
                throw HouseholdCheckFailure("the signed result \(index > 0 || revoked ? "counts" : "lists as void") your pass's ballot at kiosk \(entry.kiosk) position \(entry.position), "
                    + "against the rule that the first use of a pass not revoked counts: report this to the gemeente and the observers")
            }
            answer.append(Use(kiosk: entry.kiosk, position: entry.position, timeMillis: entry.timeMillis,
                              trackingCode: TrackingCode.code(leafHash: entry.leaf), counted: index == 0 && !revoked))
        }
        return Answer(pass: key.hex, area: area, uses: answer, encrypted: logs.isSecret, revoked: logs.isRevoked(key))
    }
}
