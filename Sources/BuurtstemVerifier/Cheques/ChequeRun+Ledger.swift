import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension ChequeRun {
    // MARK: - Initiatives

    mutating func checkInitiatives() {
        let file = ChequeRecord.initiatives
        guard var reader = lines(ChequeRecord.Initiative.self, file, check: Self.initiativesCheck) else { return }
        report.counted(Self.initiativesCheck, 0)  // it runs, even over a round without initiatives
        while let batch = next(&reader, file, check: Self.initiativesCheck) {
            for item in batch {
                report.counted(Self.initiativesCheck)
                guard let initiative = item.value else {
                    report.fail(Self.initiativesCheck, file: file, line: item.line, "not an initiative {id, buurt, title, description, target_cents, deadline, closes_at_ms}: \(item.problem ?? "")")
                    continue
                }
                if initiative.id == 0 || initiatives.last.map({ $0.id >= initiative.id }) == true {
                    report.fail(Self.initiativesCheck, file: file, line: item.line, "initiative \(initiative.id): ids must be positive and increasing (a duplicate or a reordering)")
                }
                if !roundBuurten.contains(initiative.buurt) {
                    report.fail(Self.initiativesCheck, file: file, line: item.line, "initiative \(initiative.id): buurt '\(initiative.buurt)' is not a buurt of the gemeente (round.json)")
                }
                if !ChequeRecord.isDutchEnd(of: initiative.deadline, initiative.closesAtMs) {
                    report.fail(Self.initiativesCheck, file: file, line: item.line, "initiative \(initiative.id): closes_at_ms \(initiative.closesAtMs) is not the end of its deadline \(initiative.deadline) in the Netherlands")
                }
                if initiativeIndex[initiative.id] == nil { initiativeIndex[initiative.id] = initiatives.count }
                initiatives.append(initiative)
            }
        }
    }

    // MARK: - Checkpoints

    /// Reads the checkpoints first: their sizes say at which points the ledger's tree head must be kept.
    mutating func readCheckpoints() {
        let file = ChequeRecord.checkpoints
        guard var reader = lines(Checkpoint.self, file, check: Self.ledgerCheckpoints, decoder: checkpointDecoder) else { return }
        while let batch = next(&reader, file, check: Self.ledgerCheckpoints) {
            for item in batch {
                guard let checkpoint = item.value else {
                    report.counted(Self.ledgerCheckpoints)
                    report.fail(Self.ledgerCheckpoints, file: file, line: item.line, "not a checkpoint {log_id, size, root, time_ms, signer, signature}: \(item.problem ?? "")")
                    continue
                }
                checkpoints.append((item.line, checkpoint))
            }
        }
    }

    /// Each checkpoint against the ledger key and the heads the ledger had at its size.
    mutating func checkCheckpoints() {
        guard let round, let issued else { return }
        report.counted(Self.ledgerCheckpoints, 0)
        let file = ChequeRecord.checkpoints
        var previous: Checkpoint?
        for (line, checkpoint) in checkpoints {
            report.counted(Self.ledgerCheckpoints)
            if checkpoint.signer != issued.ledgerPublicKey {
                report.fail(Self.ledgerCheckpoints, file: file, line: line, "the checkpoint at \(checkpoint.size) entries is signed by \(checkpoint.signer.hex.prefix(16))..., not by the ledger key of the signed issued set")
            } else if !checkpoint.isValid {
                report.fail(Self.ledgerCheckpoints, file: file, line: line, "the ledger key's signature on the checkpoint at \(checkpoint.size) entries does not match: the checkpoint was altered")
            }
            if checkpoint.logId != round.ledgerLogId {
                report.fail(Self.ledgerCheckpoints, file: file, line: line, "the checkpoint names log '\(checkpoint.logId)', not '\(round.ledgerLogId)'")
            }
            if let head = heads[checkpoint.size] {
                if head != checkpoint.root {
                    report.fail(Self.ledgerCheckpoints, file: file, line: line, "the ledger's first \(checkpoint.size) entries do not have the tree head the ledger key signed: entries were changed, dropped, added or reordered")
                }
                if let time = timesAt[checkpoint.size], checkpoint.timeMillis < time {
                    report.fail(Self.ledgerCheckpoints, file: file, line: line, "the checkpoint at \(checkpoint.size) entries is dated before its last entry")
                }
            } else {
                report.fail(Self.ledgerCheckpoints, file: file, line: line, "the ledger key signed a checkpoint at \(checkpoint.size) entries, but the ledger has only \(ledgerSize): entries were dropped")
            }
            if let previous, checkpoint.size < previous.size || checkpoint.timeMillis < previous.timeMillis {
                report.fail(Self.ledgerCheckpoints, file: file, line: line, "the checkpoint at \(checkpoint.size) entries comes after one at \(previous.size) entries made at the same time or later: checkpoints are listed in the order they were made")
            }
            previous = checkpoint
        }
        let covered = checkpoints.last?.checkpoint.size ?? 0
        if covered != ledgerSize {
            report.fail(Self.ledgerCheckpoints, file: ChequeRecord.ledger, "the ledger has \(ledgerSize) entries, but the final checkpoint covers \(covered): "
                + (covered > ledgerSize ? "entries were dropped"
                    : settlement.map { $0.ledgerSize < ledgerSize } == true ? "the entries after it are signed by no one, and a settled round takes no redemptions: entries were added after settlement"
                    : settlement != nil ? "the final checkpoint, which settlement makes, is missing from checkpoints.jsonl"
                    : "the entries after it are signed by no one (make a checkpoint with 'buurtstem cheques checkpoint' before exporting)"))
        }
    }

    // MARK: - Ledger

    /// Streams the ledger: leaf hashes on all cores, then every rule the engine applied, the tree heads at the
    /// checkpoints' and settlement's sizes, and the collected amounts per initiative.
    mutating func checkLedger(progress: (Int) -> Void) {
        guard let round else { return }
        report.counted(Self.entries, 0)  // it runs, even over an empty ledger
        report.counted(Self.redemptionSignatures, 0)
        let file = ChequeRecord.ledger, roundId = round.roundId
        let keep = Set(checkpoints.map(\.checkpoint.size) + observerCheckpoints.map(\.checkpoint.size) + (settlement.map { [$0.ledgerSize] } ?? []))
        let settledSize = settlement?.ledgerSize
        var collected: [UInt64: Collected] = [:]
        if settledSize == 0 { settledCollected = collected }
        var log = MerkleLog()
        var lastSequence: UInt64?
        var lastTime: Int64?
        guard var reader = lines(ChequeRecord.LedgerLine.self, file, check: Self.entries) else { return }
        while let batch = next(&reader, file, check: Self.entries) {
            let leaves = ParallelMap.map(batch.map(\.value)) { line in
                line.map { (leaf: MerkleHash.leaf($0.leafBytes(round: roundId)), signed: $0.signatureHolds(round: roundId)) }
            }
            for (item, computed) in zip(batch, leaves) {
                let leaf = computed?.leaf
                report.counted(Self.entries)
                guard let entry = item.value, let leaf else {
                    report.fail(Self.entries, file: file, line: item.line, "not a ledger entry {sequence, code_hash, initiative, channel, value_cents, time_ms, leaf_hash}: \(item.problem ?? "")")
                    continue
                }
                let expected = lastSequence.map { $0 &+ 1 } ?? 0
                if entry.sequence != expected {
                    report.fail(Self.entries, file: file, line: item.line, "entry \(entry.sequence) follows "
                        + (lastSequence.map { "entry \($0)" } ?? "nothing") + ": entries were dropped, duplicated or reordered")
                }
                lastSequence = entry.sequence
                if leaf != entry.leafHash.bytes {
                    report.fail(Self.entries, file: file, line: item.line, "entry \(entry.sequence): leaf_hash is not the hash of the entry's fields: the entry was altered")
                }
                checkSignature(entry, signed: computed?.signed, line: item.line)
                checkRules(entry, line: item.line, lastTime: lastTime)
                lastTime = max(lastTime ?? entry.timeMs, entry.timeMs)
                // A value other than the round's already fails the check, so a wrapped sum never passes unnoticed.
                collected[entry.initiative, default: Collected()].cheques &+= 1
                collected[entry.initiative, default: Collected()].cents &+= entry.valueCents
                log.append(leafHash: leaf)
                let size = UInt64(log.size)
                if keep.contains(size) {
                    heads[size] = log.root
                    timesAt[size] = entry.timeMs
                }
                if size == settledSize { settledCollected = collected }
            }
            progress(log.size)
        }
        ledgerSize = UInt64(log.size)
    }

    /// Format 2: the entry names the key the issued set commits to for its cheque, and that key signed it.
    private mutating func checkSignature(_ entry: ChequeRecord.LedgerLine, signed: Bool?, line: Int) {
        guard let round else { return }
        let file = ChequeRecord.ledger
        func fail(_ message: String) { report.fail(Self.redemptionSignatures, file: file, line: line, "entry \(entry.sequence): \(message)") }
        guard round.bindsRedemptions else {
            if entry.chequeKey != nil || entry.signature != nil {
                fail("has a cheque_key or signature, which a round of format 1 does not have")
            }
            return
        }
        report.counted(Self.redemptionSignatures)
        guard let key = entry.chequeKey, let signed else {
            fail("is not signed by its cheque (no cheque_key or signature): whoever holds the ledger key alone could have made it")
            return
        }
        if let hash = CodeHash(entry.codeHash.bytes), let committed = cheques[hash]?.key, committed.bytes != key.bytes {
            fail("is signed by key \(Self.short(key.bytes)), not by the key the issued set commits to for cheque \(Self.short(entry.codeHash.bytes)): it was made without the cheque's code")
        } else if !signed {
            fail("the cheque's signature does not match the entry (sequence, initiative, channel, value, time): it was made or changed without the cheque's code")
        }
    }

    /// The redemption rules of docs/record.md on one entry.
    private mutating func checkRules(_ entry: ChequeRecord.LedgerLine, line: Int, lastTime: Int64?) {
        guard let round else { return }
        let file = ChequeRecord.ledger
        func fail(_ message: String) { report.fail(Self.entries, file: file, line: line, "entry \(entry.sequence): \(message)") }
        let hash = entry.codeHash.bytes
        var chequeBuurt: String?
        if let key = CodeHash(hash) {
            if let cheque = cheques[key] {
                chequeBuurt = buurtCodes[Int(cheque.buurt)]
                if cheque.redeemedBy != 0 {
                    fail("cheque \(Self.short(hash)) is redeemed twice: entry \(cheque.redeemedBy - 1) redeemed it before")
                } else {
                    cheques[key]?.redeemedBy = UInt32(clamping: entry.sequence &+ 1)
                }
            } else {
                fail("cheque \(Self.short(hash)) was never issued: it is not in the signed issued set")
            }
        } else {
            fail("code_hash is not a 32-byte hash")
        }
        if !ChequeRecord.channels.contains(entry.channel) {
            fail("channel '\(entry.channel)' is none of \(ChequeRecord.channels.joined(separator: ", "))")
        }
        if entry.valueCents != round.valueCents {
            fail("value_cents is \(entry.valueCents), but every cheque of this round is worth \(round.valueCents)")
        }
        if let lastTime, entry.timeMs < lastTime {
            fail("time \(ChequeRecord.time(entry.timeMs)) is before the previous entry's \(ChequeRecord.time(lastTime)): the ledger's time never runs back")
        }
        if entry.timeMs < round.validFromMs || entry.timeMs >= round.expiresMs {
            fail("redeemed at \(ChequeRecord.time(entry.timeMs)), outside the cheques' validity (\(round.issueDate) to \(round.validUntil))")
        }
        guard let index = initiativeIndex[entry.initiative] else {
            fail("initiative \(entry.initiative) does not exist (initiatives.jsonl)")
            return
        }
        let initiative = initiatives[index]
        if entry.timeMs >= initiative.closesAtMs {
            fail("redeemed at \(ChequeRecord.time(entry.timeMs)), after initiative \(initiative.id) stopped collecting (deadline \(initiative.deadline))")
        }
        if let chequeBuurt, !ChequeRecord.scopeAllows(round.scope, chequeBuurt: chequeBuurt, initiativeBuurt: initiative.buurt) {
            fail("a cheque of buurt \(chequeBuurt) went to initiative \(initiative.id) in buurt \(initiative.buurt), which the round's scope '\(round.scope)' does not allow")
        }
    }
}
