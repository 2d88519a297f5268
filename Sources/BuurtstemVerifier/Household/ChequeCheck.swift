import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// A household's own question to a cheque round's published record, answered locally: "was my cheque redeemed,
/// when, and for which initiative; was that initiative funded?" The code never leaves the machine: its hash
/// (docs/record.md, "Code hash") is computed here and looked up in the issued set and the ledger. A redemption
/// the household did not make (a desk or a ledger-key holder spending an unused cheque) shows here and nowhere else.
public enum ChequeCheck {
    /// The redemption of the cheque, as the ledger holds it.
    public struct Redemption: Sendable, Codable, Equatable {
        /// Its position in the ledger.
        public let sequence: UInt64
        /// When (ms since 1970 UTC).
        public let timeMillis: Int64
        /// `online`, `paper` or `kiosk`.
        public let channel: String
        /// The initiative it went to.
        public let initiative: UInt64
        /// That initiative's title.
        public let initiativeTitle: String
        /// Whether the initiative was funded, once the round is settled (nil before).
        public let funded: Bool?
        /// Format 2: whether the entry is signed by the key derived from this cheque's code (so only someone who
        /// had the code could have made it); nil in a round of format 1, whose redemptions no cheque signs.
        public let signedByCheque: Bool?
    }

    /// What the record says about the cheque.
    public struct Answer: Sendable, Codable {
        /// The round.
        public let round: String
        /// The cheque's code hash, hex (what the record holds instead of the code).
        public let codeHash: String
        /// The buurt it was issued in.
        public let buurt: String
        /// Every ledger entry of the cheque: none (not redeemed) or one (more would fail buurtstem-verify).
        public let redemptions: [Redemption]
        /// `true` in a round of format 2: the issued set holds this cheque's key (derived from the code) and its
        /// redemption must be signed with it; `false` for an older round, whose redemptions the ledger key alone signs.
        public let bound: Bool
    }

    /// The code hash of cheque `code` in round `round` (docs/record.md, "Code hash").
    static func codeHash(_ code: [UInt8], round: String) -> [UInt8] {
        var w = ByteWriter(tag: "buurtstem/cheque-code/v1")
        w.append(string: round)
        w.append(bytes: code)
        return SHA.sha256(w.bytes)
    }

    /// Looks up the cheque with `code` (as printed) in the round record at `folder`, signed by `issuingKey`.
    public static func check(record folder: URL, code: String, issuingKey: PublicKey) throws(HouseholdCheckFailure) -> Answer {
        let typed: TypeableCode
        do {
            typed = try TypeableCode(parsing: code, format: .cheque)
        } catch {
            throw HouseholdCheckFailure("--code: \(error.description). Type the code exactly as printed on your cheque (groups of 4 with hyphens; case does not matter)")
        }
        let record = try PinnedRecord(folder: folder, issuingKey: issuingKey, kind: ChequeRecord.indexKind)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let round = try record.decode(ChequeRecord.Round.self, ChequeRecord.round, decoder: decoder)
        let hash = codeHash(typed.bytes, round: round.roundId)
        func lines<T: Decodable>(_ type: T.Type, _ name: String) throws(HouseholdCheckFailure) -> [T] {
            var values: [T] = []
            for (number, line) in try record.lines(name).enumerated() {
                if let problem = StrictJSON.problem(line) { throw HouseholdCheckFailure("\(name) line \(number + 1) \(problem)") }
                do { values.append(try decoder.decode(T.self, from: line)) } catch {
                    throw HouseholdCheckFailure("\(name) line \(number + 1) cannot be read: the record is damaged; run buurtstem-verify")
                }
            }
            return values
        }
        guard let issued = try lines(ChequeRecord.IssuedLine.self, ChequeRecord.issuedCheques).first(where: { $0.codeHash.bytes == hash }) else {
            throw HouseholdCheckFailure("this cheque was not issued in round \(round.roundId): check the code, and that this is the record of the round on your cheque")
        }
        let chequeKey = ChequeKey.signingKey(code: typed.bytes, round: round.roundId).publicKey.bytes
        if round.bindsRedemptions, issued.chequeKey?.bytes != chequeKey {
            throw HouseholdCheckFailure("the issued set holds another key for your cheque than the one your code gives: the record was changed "
                + "by someone without your code. Report it to the gemeente and to observers, with this record")
        }
        let initiatives = try lines(ChequeRecord.Initiative.self, ChequeRecord.initiatives)
        let settlement: ChequeRecord.Settlement? = record.index.files.contains { $0.name == ChequeRecord.settlement }
            ? try record.decode(ChequeRecord.Settlement.self, ChequeRecord.settlement, decoder: decoder) : nil
        let redemptions = try lines(ChequeRecord.LedgerLine.self, ChequeRecord.ledger).filter { $0.codeHash.bytes == hash }.map { entry in
            Redemption(sequence: entry.sequence, timeMillis: entry.timeMs, channel: entry.channel, initiative: entry.initiative,
                       initiativeTitle: initiatives.first { $0.id == entry.initiative }?.title ?? "(unknown initiative \(entry.initiative))",
                       funded: settlement.map { $0.initiatives.first { $0.id == entry.initiative }?.funded ?? false },
                       signedByCheque: round.bindsRedemptions
                           ? entry.chequeKey?.bytes == chequeKey && entry.signatureHolds(round: round.roundId) == true : nil)
        }
        return Answer(round: round.roundId, codeHash: Hex.encode(hash), buurt: issued.buurt, redemptions: redemptions,
                      bound: round.bindsRedemptions)
    }
}
