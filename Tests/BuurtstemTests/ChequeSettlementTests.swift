import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

@Suite("Cheque rounds: settlement and record")
struct ChequeSettlementTests {
    static let afterExpiry = Date(timeIntervalSince1970: 1_782_900_000)  // 2026-07-01T10:00:00Z

    @Test("settlement: funded at or above target with all collected, the rest back to the gemeente, to the cent")
    func sums() throws {
        let issued = try IssuedRound.make(scope: .buurt)
        let exact = try issued.initiative("BU00140102", target: 1500)  // two cheques reach it exactly
        let above = try issued.initiative("BU00140103", target: 1000)
        let short = try issued.initiative("BU00140200", target: 10_000)
        let none = try issued.initiative("BU00140300", target: 500)
        func redeem(_ initiative: Initiative, _ codes: ArraySlice<String>) throws {
            let redeemer = try ChequeRedeemer(store: issued.store, initiative: initiative.id!)
            for code in codes { _ = try redeemer.redeem(code: code, channel: .online, now: IssuedRound.during).get() }
        }
        try redeem(exact, issued.codes(in: "BU00140102").prefix(2))
        try redeem(above, issued.codes(in: "BU00140103").prefix(5))
        try redeem(short, issued.codes(in: "BU00140200").prefix(3))
        #expect(throws: BuurtstemError.self) {  // cheques are still valid
            try ChequeSettlement.settle(round: issued.round.id, in: issued.store, issuingKey: issued.issuingKey,
                                        ledgerKey: issued.ledgerKey, now: IssuedRound.during)
        }
        #expect(throws: BuurtstemError.self) {  // keys swapped
            try ChequeSettlement.settle(round: issued.round.id, in: issued.store, issuingKey: issued.ledgerKey,
                                        ledgerKey: issued.issuingKey, now: Self.afterExpiry)
        }
        let report = try ChequeSettlement.settle(round: issued.round.id, in: issued.store, issuingKey: issued.issuingKey,
                                                 ledgerKey: issued.ledgerKey, now: Self.afterExpiry)
        #expect(report.initiatives.map(\.funded) == [true, true, false, false])
        #expect(report.initiatives.map(\.collectedCents) == [1500, 3750, 2250, 0])
        #expect(report.initiatives.map(\.fundedCents) == [1500, 3750, 0, 0])
        let s = report.settlement
        #expect(s.issuedCents == 34_500 && s.redeemedCents == 7500 && s.fundedCents == 5250)
        #expect(s.returnedCents == 2250 && s.unredeemedCents == 27_000 && s.ledgerSize == 10)
        #expect(report.total.households == 46 && report.total.redeemed == 10 && report.total.percent == 21.7)
        let buurt = try #require(report.buurten.first { $0.code == "BU00140103" })
        #expect(buurt.households == 6 && buurt.redeemed == 5 && buurt.percent == 83.3)
        let wijk = try #require(report.wijken.first { $0.code == "WK001401" })
        #expect(wijk.households == 19 && wijk.redeemed == 7 && wijk.percent == 36.8)
        // Signed by the issuing key over the stored lines; a changed amount breaks it.
        let initiatives = [exact, above, short, none]
        let lines = zip(initiatives, report.initiatives).map { initiative, line in
            (initiative, ChequeSettlementLine(roundId: issued.round.id, initiativeId: initiative.id!, cheques: line.cheques,
                                              collectedCents: line.collectedCents, funded: line.funded, fundedCents: line.fundedCents))
        }
        let root = [UInt8](try #require(try issued.store.chequeIssuance(issued.round.id)).root)
        #expect(s.isValid(issuedRoot: root, lines: lines))
        var tampered = s
        tampered.fundedCents += 1
        #expect(!tampered.isValid(issuedRoot: root, lines: lines))
        #expect(try issued.store.check().isEmpty)
        // Final: no second settlement, no more redemptions, no new initiatives.
        #expect(throws: BuurtstemError.self) {
            try ChequeSettlement.settle(round: issued.round.id, in: issued.store, issuingKey: issued.issuingKey,
                                        ledgerKey: issued.ledgerKey, now: Self.afterExpiry)
        }
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: none.id!)
        #expect((try? redeemer.redeem(code: issued.codes(in: "BU00140300")[0], channel: .online, now: IssuedRound.during).get()) == nil)
        let standing = try InitiativeStanding.list(in: issued.store, round: issued.round.id)
        #expect(standing.map(\.state) == [.funded, .funded, .notFunded, .notFunded])
    }

    @Test("settling early needs --before-expiry; afterwards the round accepts no cheque")
    func early() throws {
        let issued = try IssuedRound.make()
        let initiative = try issued.initiative("BU00140100")
        let report = try ChequeSettlement.settle(round: issued.round.id, in: issued.store, issuingKey: issued.issuingKey,
                                                 ledgerKey: issued.ledgerKey, now: IssuedRound.during, beforeExpiry: true)
        #expect(report.settlement.redeemedCents == 0 && report.settlement.unredeemedCents == 34_500)
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: initiative.id!)
        let result = try redeemer.redeem(code: issued.codes(in: "BU00140100")[0], channel: .online, now: IssuedRound.during)
        #expect(throws: RedemptionRejection(.roundSettled)) { try result.get() }
    }

    @Test("the record export: every file, streamed lists, signatures that verify, no contact and no code")
    func export() throws {
        let issued = try IssuedRound.make()
        let initiative = try issued.initiative("BU00140101", contact: "06-12345678 initiatiefnemer@example.nl")
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: initiative.id!)
        for code in issued.codes(in: "BU00140101") { _ = try redeemer.redeem(code: code, channel: .online, now: IssuedRound.during).get() }
        _ = try ChequeCheckpoint.make(round: issued.round.id, in: issued.store, ledgerKey: issued.ledgerKey, now: IssuedRound.during)
        _ = try ChequeSettlement.settle(round: issued.round.id, in: issued.store, issuingKey: issued.issuingKey,
                                        ledgerKey: issued.ledgerKey, now: Self.afterExpiry)
        let out = issued.folder.appendingPathComponent("record")
        let summary = try ChequeRecordExport.export(round: issued.round.id, from: issued.store, to: out, issuingKey: issued.issuingKey)
        #expect(summary.files == ["round.json", "issued.json", "issued-cheques.jsonl", "initiatives.jsonl", "ledger.jsonl",
                                  "checkpoints.jsonl", "settlement.json", "record.json"])
        #expect(summary.issued == 46 && summary.ledgerEntries == 4 && summary.checkpoints == 2 && summary.settled)
        var everything = ""
        for file in summary.files { everything += try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8) }
        #expect(!everything.contains("initiatiefnemer@example.nl") && !everything.contains("06-12345678"))
        for cheque in issued.cheques { #expect(!everything.contains(cheque.code)) }
        #expect(!everything.contains("Javastraat") && !everything.contains("0014010000100037"))
        // The issued file's signature verifies over the documented bytes, from the files alone.
        let issuedFile = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("issued.json"))) as! [String: Any]
        let roundFile = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("round.json"))) as! [String: Any]
        #expect(roundFile["format"] as? String == "buurtstem-cheque-round/2")
        var bytes = ByteWriter(tag: "buurtstem/cheque-issuance/v2")
        bytes.append(string: roundFile["gemeente_code"] as! String)
        bytes.append(string: roundFile["round_id"] as! String)
        bytes.append(u64: UInt64(roundFile["snapshot"] as! Int))
        bytes.append(string: roundFile["scope"] as! String)
        bytes.append(u64: UInt64(roundFile["value_cents"] as! Int))
        bytes.append(string: roundFile["issue_date"] as! String)
        bytes.append(string: roundFile["valid_until"] as! String)
        bytes.append(i64: Int64(roundFile["valid_from_ms"] as! Int))
        bytes.append(i64: Int64(roundFile["expires_ms"] as! Int))
        bytes.append(u64: UInt64(issuedFile["count"] as! Int))
        bytes.append(u64: UInt64(issuedFile["total_cents"] as! Int))
        bytes.append(raw: Hex.decode(issuedFile["root"] as! String)!)
        bytes.append(raw: Hex.decode(issuedFile["ledger_public_key"] as! String)!)
        bytes.append(i64: Int64(issuedFile["issued_at_ms"] as! Int))
        let signer = try PublicKey(hex: issuedFile["signer"] as! String)
        #expect(signer.hex == roundFile["issuing_public_key"] as? String)
        #expect(signer.isValidSignature(try Signature(hex: issuedFile["signature"] as! String), for: bytes.bytes))
        let ledger = try String(contentsOf: out.appendingPathComponent("ledger.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(ledger.count == 4 && ledger[0].contains("\"sequence\":0"))
        // The settlement's signature verifies over the documented bytes, built here by hand from the files: the
        // settlement's own fields, the issued root and each initiative's fields from initiatives.jsonl, by id.
        let settlementFile = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("settlement.json"))) as! [String: Any]
        let initiativeLines = try String(contentsOf: out.appendingPathComponent("initiatives.jsonl"), encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        var settled = ByteWriter(tag: "buurtstem/cheque-settlement/v1")
        settled.append(string: settlementFile["round_id"] as! String)
        settled.append(raw: Hex.decode(issuedFile["root"] as! String)!)
        settled.append(u64: UInt64(settlementFile["ledger_size"] as! Int))
        settled.append(raw: Hex.decode(settlementFile["ledger_root"] as! String)!)
        settled.append(i64: Int64(settlementFile["settled_at_ms"] as! Int))
        for field in ["issued_cents", "redeemed_cents", "funded_cents", "returned_cents", "unredeemed_cents"] {
            settled.append(u64: UInt64(settlementFile[field] as! Int))
        }
        let lines = settlementFile["initiatives"] as! [[String: Any]]
        #expect(lines.count == 1 && initiativeLines.count == 1)
        settled.append(u32: UInt32(lines.count))
        for line in lines {
            let initiative = try #require(initiativeLines.first { $0["id"] as? Int == line["id"] as? Int })
            settled.append(u64: UInt64(line["id"] as! Int))
            settled.append(string: initiative["buurt"] as! String)
            settled.append(string: initiative["title"] as! String)
            settled.append(string: initiative["description"] as! String)
            settled.append(u64: UInt64(initiative["target_cents"] as! Int))
            settled.append(string: initiative["deadline"] as! String)
            settled.append(i64: Int64(initiative["closes_at_ms"] as! Int))
            settled.append(u64: UInt64(line["cheques"] as! Int))
            settled.append(u64: UInt64(line["collected_cents"] as! Int))
            settled.append(u8: line["funded"] as! Bool ? 1 : 0)
            settled.append(u64: UInt64(line["funded_cents"] as! Int))
        }
        #expect(settlementFile["signer"] as? String == roundFile["issuing_public_key"] as? String)
        #expect(signer.isValidSignature(try Signature(hex: settlementFile["signature"] as! String), for: settled.bytes))
        // The index lists every other file with its SHA-256, signed by the issuing key over the documented bytes.
        let index = try JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: out.appendingPathComponent("record.json")))
        #expect(index.kind == "cheque-round" && index.election == issued.round.id && index.isValid)
        #expect(index.issuingPublicKey.hex == roundFile["issuing_public_key"] as? String)
        #expect(index.files.map(\.name) == summary.files.dropLast().sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        for file in index.files {
            #expect(file.sha256.bytes == SHA.sha256([UInt8](try Data(contentsOf: out.appendingPathComponent(file.name)))), "\(file.name)")
        }
        #expect(throws: BuurtstemError.self) {
            try ChequeRecordExport.export(round: issued.round.id, from: issued.store, to: out, issuingKey: issued.issuingKey)
        }
        #expect(throws: BuurtstemError.self) {
            try ChequeRecordExport.export(round: issued.round.id, from: issued.store, to: issued.folder.appendingPathComponent("other"),
                                          issuingKey: issued.ledgerKey)
        }
    }
}
