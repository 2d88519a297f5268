import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

@Suite("Cheque rounds: redeem, ledger, checkpoints")
struct ChequeRedeemTests {
    private func reason(_ result: Result<Redemption, RedemptionRejection>) -> RedemptionRejection.Reason? {
        if case let .failure(rejection) = result { return rejection.reason }
        return nil
    }

    @Test("a valid cheque is redeemed once; the second time says when it was redeemed")
    func redeemOnce() throws {
        let issued = try IssuedRound.make()
        let initiative = try issued.initiative("BU00140101")
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: initiative.id!)
        let code = issued.codes(in: "BU00140101")[0]
        let first = try redeemer.redeem(code: code.lowercased(), channel: .online, now: IssuedRound.during)
        let redemption = try first.get()
        #expect(redemption.sequence == 0 && redemption.valueCents == 750 && redemption.initiativeId == initiative.id)
        let later = IssuedRound.during.addingTimeInterval(3600)
        #expect(reason(try redeemer.redeem(code: code, channel: .paper, now: later)) == .alreadyRedeemed(timeMillis: 1_773_136_800_000))
        #expect(try issued.store.chequeRedemption(of: try ChequeCode.parse(code), round: issued.round.id) == redemption)
        let standing = try InitiativeStanding.list(in: issued.store, round: issued.round.id, now: IssuedRound.during)
        #expect(standing.map(\.cheques) == [1] && standing.map(\.collectedCents) == [750])
    }

    @Test("mistyped codes are reported as typing errors, not as unknown cheques")
    func mistyped() throws {
        let issued = try IssuedRound.make()
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: try issued.initiative("BU00140101").id!)
        var code = Array(issued.codes(in: "BU00140101")[0])
        code[2] = code[2] == "A" ? "B" : "A"
        guard case let .mistyped(error) = reason(try redeemer.redeem(code: String(code), channel: .online, now: IssuedRound.during)) else {
            Issue.record("a changed character was not reported as a typing error")
            return
        }
        #expect(error.kind == .checkMismatch)
        guard case let .mistyped(short) = reason(try redeemer.redeem(code: "ABCD-EFGH", channel: .online, now: IssuedRound.during)),
              case .wrongLength = short.kind else {
            Issue.record("a short code was not reported as a wrong length")
            return
        }
        guard case let .mistyped(bad) = reason(try redeemer.redeem(code: "ABCD-EFGH-JKMN-PQRS-U", channel: .online, now: IssuedRound.during)),
              case .invalidCharacter("U", 17) = bad.kind else {
            Issue.record("an impossible character was not reported with its position")
            return
        }
        // A stempas code is not a cheque code, even when typed correctly.
        #expect(reason(try redeemer.redeem(code: TypeableCode.random(.stempas).formatted, channel: .online, now: IssuedRound.during)) != nil)
    }

    @Test("a well-formed code that was never issued in this round is unknown")
    func unknown() throws {
        let issued = try IssuedRound.make()
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: try issued.initiative("BU00140101").id!)
        #expect(reason(try redeemer.redeem(code: TypeableCode.random(.cheque).formatted, channel: .online, now: IssuedRound.during)) == .unknownCode)
    }

    @Test("before the issue date, on the last valid millisecond, and once expired")
    func validity() throws {
        let issued = try IssuedRound.make()
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: try issued.initiative("BU00140101").id!)
        let codes = issued.codes(in: "BU00140101")
        let beforeIssue = Date(timeIntervalSince1970: 1_772_319_599.999)  // 2026-02-28T22:59:59.999Z
        #expect(reason(try redeemer.redeem(code: codes[0], channel: .online, now: beforeIssue)) == .notYetValid(issueDate: "2026-03-01"))
        let expired = Date(timeIntervalSince1970: 1_782_856_800)  // 2026-07-01T00:00 in Amsterdam
        #expect(reason(try redeemer.redeem(code: codes[0], channel: .online, now: expired)) == .expired(validUntil: "2026-06-30"))
        #expect((try? redeemer.redeem(code: codes[0], channel: .online, now: expired.addingTimeInterval(-0.001)).get()) != nil)
        // The ledger's time never runs back: a later redemption with an earlier clock is stamped with the later time.
        let next = try redeemer.redeem(code: codes[1], channel: .online, now: IssuedRound.during).get()
        #expect(next.timeMillis == 1_782_856_799_999)
    }

    @Test("an initiative stops collecting after its deadline")
    func initiativeClosed() throws {
        let issued = try IssuedRound.make()
        let initiative = try issued.initiative("BU00140101", deadline: "2026-04-30")
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: initiative.id!)
        let mayFirst = Date(timeIntervalSince1970: 1_777_586_400)  // 2026-05-01T00:00 in Amsterdam (CEST)
        #expect(reason(try redeemer.redeem(code: issued.codes(in: "BU00140101")[0], channel: .online, now: mayFirst))
            == .initiativeClosed(deadline: "2026-04-30"))
        #expect(throws: BuurtstemError.self) { try issued.initiative("BU00140101", deadline: "2026-07-31") }  // after valid-until
        #expect(throws: BuurtstemError.self) { try issued.initiative("BU00149999") }  // unknown buurt
    }

    @Test("scope: buurt", arguments: [(ChequeScope.buurt, "BU00140101", true), (.buurt, "BU00140100", false), (.buurt, "BU00140200", false),
                                      (.wijk, "BU00140101", true), (.wijk, "BU00140100", true), (.wijk, "BU00140200", false),
                                      (.gemeente, "BU00140101", true), (.gemeente, "BU00140401", true)])
    func scope(scope: ChequeScope, initiativeBuurt: String, allowed: Bool) throws {
        let issued = try IssuedRound.make(scope: scope, addresses: false)
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: try issued.initiative(initiativeBuurt).id!)
        let result = try redeemer.redeem(code: issued.codes(in: "BU00140101")[0], channel: .kiosk, now: IssuedRound.during)
        if allowed {
            #expect((try? result.get()) != nil)
        } else {
            let area = scope == .wijk ? "WK001401" : "BU00140101"
            #expect(reason(result) == .outOfScope(scope: scope, chequeArea: area, initiativeBuurt: initiativeBuurt))
        }
    }

    @Test("each ledger entry is the documented canonical bytes; checkpoints sign the RFC 9162 head with the round's ledger key")
    func ledgerAndCheckpoints() throws {
        let issued = try IssuedRound.make(scope: .gemeente)
        let initiative = try issued.initiative("BU00140200")
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: initiative.id!)
        var entries: [Redemption] = []
        for (index, cheque) in issued.cheques.prefix(7).enumerated() {
            entries.append(try redeemer.redeem(code: cheque.code, channel: .paper, now: IssuedRound.during.addingTimeInterval(Double(index))).get())
        }
        let first = try ChequeCheckpoint.make(round: issued.round.id, in: issued.store, ledgerKey: issued.ledgerKey, now: IssuedRound.during)
        for cheque in issued.cheques.dropFirst(7).prefix(4) {
            entries.append(try redeemer.redeem(code: cheque.code, channel: .online, now: IssuedRound.during.addingTimeInterval(60)).get())
        }
        let second = try ChequeCheckpoint.make(round: issued.round.id, in: issued.store, ledgerKey: issued.ledgerKey, now: IssuedRound.during)
        // Format 2: the cheque's own key, derived from its code, signs the entry; the leaf covers the signature.
        let code = try ChequeCode.parse(issued.cheques[0].code)
        let chequeKey = ChequeKey.signingKey(code: code.bytes, round: "2026-voorjaar")
        var manual = ByteWriter(tag: "buurtstem/cheque-redemption/v2")
        manual.append(string: "2026-voorjaar")
        manual.append(u64: 0)
        manual.append(raw: ChequeCode.hash(code, round: "2026-voorjaar"))
        manual.append(raw: chequeKey.publicKey.bytes)
        manual.append(u64: UInt64(initiative.id!))
        manual.append(string: "paper")
        manual.append(u64: 750)
        manual.append(i64: 1_773_136_800_000)
        #expect(entries[0].canonicalBytes == manual.bytes)
        #expect(entries[0].signature.map { chequeKey.publicKey.isValidSignature(try! Signature(bytes: [UInt8]($0)), for: manual.bytes) } == true)
        #expect(entries[0].leafBytes == manual.bytes + [UInt8](entries[0].signature ?? Data()))
        let tree = MerkleTree(leafHashes: entries.map { MerkleHash.leaf($0.leafBytes) })
        #expect(entries.map { [UInt8]($0.leafHash) } == tree.leaves)
        #expect(first.logId == "cheques/2026-voorjaar/ledger" && first.size == 7 && first.root == tree.root(of: 0..<7))
        #expect(second.size == 11 && second.root == tree.root)
        #expect(first.isValid && second.isValid && first.signer == issued.ledgerKey.publicKey)
        #expect(second.timeMillis == 1_773_136_860_000)  // not before the last entry
        #expect(MerkleProof.verifyConsistency(oldSize: 7, oldRoot: first.root, newSize: 11, newRoot: second.root,
                                              proof: tree.consistencyProof(oldSize: 7)))
        #expect(throws: BuurtstemError.self) {
            try ChequeCheckpoint.make(round: issued.round.id, in: issued.store, ledgerKey: issued.issuingKey)
        }
        #expect(try issued.store.check().isEmpty)
    }

    @Test("two redeemers on separate connections race for the same codes: exactly one wins each")
    func race() async throws {
        let issued = try IssuedRound.make(scope: .gemeente, addresses: false)
        let initiatives = [try issued.initiative("BU00140100"), try issued.initiative("BU00140401")]
        let path = issued.store.path
        let codes = issued.cheques.prefix(24).map(\.code)
        let results = try await withThrowingTaskGroup(of: [Bool].self) { group in
            for initiative in initiatives {
                group.addTask {
                    // Each task its own Store (its own connection pool), like two processes.
                    let redeemer = try ChequeRedeemer(store: try Store.open(path: path), initiative: initiative.id!)
                    return try codes.map { code in
                        switch try redeemer.redeem(code: code, channel: .online, now: IssuedRound.during) {
                        case .success: return true
                        case let .failure(rejection):
                            guard case .alreadyRedeemed = rejection.reason else { throw rejection }
                            return false
                        }
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for index in codes.indices {
            #expect(results.filter { $0[index] }.count == 1, "code \(index)")
        }
        #expect(try ChequeRoundStatus.load(issued.round.id, from: issued.store).redeemed == 24)
        #expect(try issued.store.check().isEmpty)
    }

    @Test("a bulk file: each line its own outcome, acknowledged in order; bad lines lose none of the others")
    func bulk() throws {
        let issued = try IssuedRound.make(scope: .wijk)
        let redeemer = try ChequeRedeemer(store: issued.store, initiative: try issued.initiative("BU00140102").id!)
        let wijk = issued.cheques.filter { $0.buurt.hasPrefix("BU001401") }.map(\.code)
        let other = issued.codes(in: "BU00140300")[0]
        let text = "# collected door to door\n\(wijk[0])\n\nnot a code\n\(wijk[1])\r\n\(wijk[0])\n\(other)\n  \(wijk[2].lowercased())  \n"
        var outcomes: [ChequeRedeemer.LineOutcome] = []
        try redeemer.redeem(lines: text, channel: .paper, now: { IssuedRound.during }) { outcomes.append($0) }
        #expect(outcomes.map(\.line) == [2, 4, 5, 6, 7, 8])
        #expect(outcomes.map(\.rejection) == [nil, "mistyped", nil, "already-redeemed", "out-of-scope", nil])
        #expect(outcomes.compactMap(\.redemption).map(\.sequence) == [0, 1, 2])
        #expect(outcomes.compactMap(\.redemption).allSatisfy { $0.channel == .paper })
    }
}
