import BuurtstemCrypto
import BuurtstemRecord

extension ChequeRun {
    /// The signed settlement against the ledger: per initiative and in total, to the cent.
    mutating func checkSettlement() {
        guard let round, let issued, let settlement else { return }
        let file = ChequeRecord.settlement
        func fail(_ message: String) { report.fail(Self.settlementCheck, file: file, message) }
        report.counted(Self.settlementCheck)
        if settlement.signer != round.issuingPublicKey {
            fail("is signed by \(settlement.signer.hex.prefix(16))..., not by the issuing key round.json names")
        }
        if !round.issuingPublicKey.isValidSignature(settlement.signature, for: settlement.signedBytes(issuedRoot: issued.root.bytes, initiatives: initiatives)) {
            fail("the issuing key's signature does not match: the settlement, the initiatives or the issued root were altered")
        }
        if settlement.roundId != round.roundId { fail("settles round '\(settlement.roundId)', not '\(round.roundId)'") }

        // The ledger the settlement closed: the engine refuses redemptions after settlement.
        if settlement.ledgerSize != ledgerSize {
            fail("settles \(settlement.ledgerSize) ledger entries, but the ledger has \(ledgerSize): entries were "
                + (ledgerSize > settlement.ledgerSize ? "added after settlement" : "dropped"))
        }
        // Also when entries were added after them: the ones it settles must be the ones it signed.
        if let head = heads[settlement.ledgerSize], head != settlement.ledgerRoot.bytes {
            fail("ledger_root is not the tree head of the ledger's first \(settlement.ledgerSize) entries: the entries it settles were changed")
        }
        if let final = checkpoints.last?.checkpoint {
            if final.size != settlement.ledgerSize || final.root != settlement.ledgerRoot.bytes {
                fail("ledger_size and ledger_root differ from the final checkpoint's (\(final.size) entries)")
            }
        } else {
            fail("the final checkpoint that settlement makes is missing from checkpoints.jsonl")
        }
        if let last = timesAt[settlement.ledgerSize], settlement.settledAtMs < last {
            fail("settled at \(ChequeRecord.time(settlement.settledAtMs)), before the last redemption it counts")
        }
        if settlement.issuedCents != issued.totalCents {
            fail("issued_cents \(settlement.issuedCents) differs from the signed issued set's total \(issued.totalCents)")
        }

        // Per initiative: the settlement's lines are the initiatives, by id.
        let listed = settlement.initiatives.map(\.id), known = initiatives.map(\.id)
        if listed != known {
            fail("settles initiatives \(listed.map(String.init).joined(separator: ", ")), but the round has \(known.map(String.init).joined(separator: ", "))")
        }
        // A ledger shorter than the settlement has no amounts at the settled size to compare with; the size check
        // above already says entries were dropped.
        guard ledgerSize >= settlement.ledgerSize else { return }
        var redeemed: UInt64 = 0, funded: UInt64 = 0
        for line in settlement.initiatives {
            report.counted(Self.settlementCheck)
            let got = settledCollected[line.id] ?? Collected()
            redeemed &+= got.cents
            guard let index = initiativeIndex[line.id] else { continue }
            let initiative = initiatives[index]
            let reached = got.cents >= initiative.targetCents
            if reached { funded &+= got.cents }
            let name = "initiative \(line.id) '\(initiative.title)'"
            if line.cheques != got.cheques || line.collectedCents != got.cents {
                fail("\(name): \(line.cheques) cheques, \(Self.euros(line.collectedCents)) collected in the settlement; the ledger's first \(settlement.ledgerSize) entries give \(got.cheques) cheques, \(Self.euros(got.cents))")
            }
            if line.funded != reached {
                fail("\(name) is marked \(line.funded ? "funded" : "not funded"), but it collected \(Self.euros(got.cents)) of its target \(Self.euros(initiative.targetCents))")
            }
            if line.fundedCents != (line.funded ? line.collectedCents : 0) {
                fail("\(name): funded_cents \(line.fundedCents) is not "
                    + (line.funded ? "all it collected (\(line.collectedCents))" : "0, though it is not funded"))
            }
        }
        // Redemptions for initiatives the round does not have are failures of the ledger check; count them here too.
        for (id, got) in settledCollected where initiativeIndex[id] == nil { redeemed &+= got.cents }
        let totals: [(String, UInt64, UInt64?)] = [
            ("redeemed_cents", settlement.redeemedCents, redeemed),
            ("funded_cents", settlement.fundedCents, funded),
            ("returned_cents", settlement.returnedCents, redeemed >= funded ? redeemed - funded : nil),
            ("unredeemed_cents", settlement.unredeemedCents, issued.totalCents >= redeemed ? issued.totalCents - redeemed : nil),
        ]
        for (field, stated, recomputed) in totals where stated != recomputed {
            fail("\(field) is \(Self.euros(stated)), but the ledger's first \(settlement.ledgerSize) entries give " + (recomputed.map(Self.euros) ?? "a negative amount (more redeemed than issued)"))
        }
    }

    /// Cents as euros for messages: "EUR 7.50".
    static func euros(_ cents: UInt64) -> String {
        let rest = cents % 100
        return "EUR \(cents / 100).\(rest < 10 ? "0" : "")\(rest)"
    }
}
