import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// Issue 15 for cheque rounds: the record's own pre-publication must match the record, and a pinned one
/// (`--pinned`, `--fingerprint`), kept from before the first redemption, must match it too: the round's terms, the
/// issued set (count, total, root, ledger key, cheques per buurt) and the initiatives.
extension ChequeRun {
    /// Declares the checks that run for this verification, and warns when nothing was pinned.
    func declarePinningChecks() {
        if let pin {
            report.pinned(pin.fingerprint)
            report.declare(Run.pinnedCheck, "the round's terms, issued set (count, total, root, ledger key, cheques per buurt) and initiatives are those of the pre-publication pinned with fingerprint \(pin.fingerprint)")
        } else {
            report.warn("NOTHING WAS PINNED: without --pinned DIR or --fingerprint CODE (the round's pre-publication from before the first redemption) this report shows only that the record is consistent. Whoever holds the gemeente's keys can change the round's terms, the issued set or the initiatives and re-sign everything consistently.")
        }
        // Declared here, before the others, when the record has one or its index lists one (then its absence fails).
        let listed = (try? JSONDecoder().decode(RecordIndex.self, from: Data(contentsOf: url(ChequeRecord.index))))?
            .files.contains { $0.name == ChequeRecord.prePublication } ?? false
        if listed || FileManager.default.fileExists(atPath: url(ChequeRecord.prePublication).path) {
            report.declare(Run.prePublicationCheck, "the record's prepublication.json is signed by the issuing key and its terms, issued set and initiatives are the record's")
        }
        if !observerCheckpoints.isEmpty {
            report.declare(Run.observerCheck, "every ledger checkpoint saved by an observer (--checkpoint) is signed by the round's ledger key, and the final ledger is consistent with it: its first entries have the tree head the checkpoint fixed")
        }
    }

    /// Every observer's ledger checkpoint: signed by the ledger key of the signed issued set, of this round's ledger,
    /// no larger than the final ledger, and the head of the ledger's first `size` entries is the one it fixed. With the
    /// whole ledger in hand that head is what an RFC 9162 consistency proof from the checkpoint to the final head
    /// proves, without trusting a proof the gemeente supplies.
    func checkObserverCheckpoints() {
        guard let round, let issued else { return }
        for saved in observerCheckpoints {
            let checkpoint = saved.checkpoint, file = saved.file
            report.counted(Run.observerCheck)
            guard checkpoint.logId == round.ledgerLogId else {
                report.fail(Run.observerCheck, file: file, "names log '\(checkpoint.logId)', not this round's ledger '\(round.ledgerLogId)': it is a checkpoint of another round or election")
                continue
            }
            guard checkpoint.signer == issued.ledgerPublicKey, checkpoint.isValid else {
                report.fail(Run.observerCheck, file: file, "the checkpoint at \(checkpoint.size) entries is not signed by the ledger key of the signed issued set: the saved copy is damaged, or the issued set's ledger key was replaced")
                continue
            }
            guard checkpoint.size <= ledgerSize, let head = heads[checkpoint.size] else {
                report.fail(Run.observerCheck, file: file, "the ledger key signed \(checkpoint.size) entries at \(ChequeRecord.time(checkpoint.timeMillis)), but the final ledger has \(ledgerSize): redemptions were dropped after the observer saw them")
                continue
            }
            if head != checkpoint.root {
                report.fail(Run.observerCheck, file: file, "the final ledger is not consistent with the checkpoint the ledger key signed at \(checkpoint.size) entries (\(ChequeRecord.time(checkpoint.timeMillis))): its first \(checkpoint.size) entries have another tree head, so redemptions were changed, dropped, added or reordered after the observer saw them")
            }
        }
    }

    /// The record's own pre-publication and the observer's pin, against the round, issued set and initiatives read.
    mutating func checkPrePublication() {
        guard let round, let issued else { return }
        let name = ChequeRecord.prePublication
        var own: ChequeRoundPrePublication?
        let holdsOwn = index?.files.contains { $0.name == name } ?? FileManager.default.fileExists(atPath: url(name).path)
        if holdsOwn {
            report.declare(Run.prePublicationCheck, "the record's prepublication.json is signed by the issuing key and its terms, issued set and initiatives are the record's")
            report.counted(Run.prePublicationCheck)
            // It spells its own keys (`issuing_public_key`), which `convertFromSnakeCase` would no longer match.
            own = Run.read(ChequeRoundPrePublication.self, name, in: folder, check: Run.prePublicationCheck, decoder: checkpointDecoder, report: report)
            if let own {
                if own.format != ChequeRoundPrePublication.formatName {
                    report.fail(Run.prePublicationCheck, file: name, "format '\(own.format)' is not \(ChequeRoundPrePublication.formatName)")
                }
                if !own.isValid || own.issuingPublicKey != round.issuingPublicKey {
                    report.fail(Run.prePublicationCheck, file: name, "is not signed by the round's issuing key")
                }
                compare(own, round: round, issued: issued, check: Run.prePublicationCheck, source: name)
            }
        } else if round.bindsRedemptions {
            report.warn("NOT PRE-PUBLISHED: the record holds no pre-publication (prepublication.json): the round was not published before its first redemption, so nothing fixes its terms, issued set and initiatives against later change. Its redemptions are signed by the cheques.")
        }
        if !round.bindsRedemptions {
            report.warn("format 1: redemptions not bound. The cheques of this round have no keys and its redemptions are signed by the ledger key alone: whoever holds it can add a redemption for an unused cheque or move one to another initiative, and only the household holding the cheque can see it (buurtstem cheques check).")
        }

        switch pin {
        case nil:
            break
        case .folder:
            report.counted(Run.pinnedCheck)
            report.fail(Run.pinnedCheck, file: name, "the pinned pre-publication is an election's, not a cheque round's: pin the folder made by 'buurtstem cheques round publish'")
        case let .chequeFolder(path, pinned):
            report.counted(Run.pinnedCheck)
            if !round.bindsRedemptions {
                report.fail(Run.pinnedCheck, file: ChequeRecord.round, "the record is of format \(round.format), whose redemptions are not signed by the cheques, but the round was pre-published (format \(ChequeRecord.formatBound)): a pre-published round's record in the old format was downgraded")
            }
            if let (file, message) = PinnedOwn.folderMismatch(own: own, pinned: pinned, path: path, name: name, index: ChequeRecord.index,
                                                             subject: "round", required: true) {
                report.fail(Run.pinnedCheck, file: file, message)
            }
            compare(pinned, round: round, issued: issued, check: Run.pinnedCheck, source: "the pinned \(path)/\(name)")
        case let .fingerprint(code, prefix):
            report.counted(Run.pinnedCheck)
            if let (file, message) = PinnedOwn.fingerprintMismatch(own: own, code: code, prefix: prefix, name: name, index: ChequeRecord.index) {
                report.fail(Run.pinnedCheck, file: file, message)
                return
            }
            guard let own else { return }
            if !round.bindsRedemptions {
                report.fail(Run.pinnedCheck, file: ChequeRecord.round, "the record is of format \(round.format), whose redemptions are not signed by the cheques: a pre-published round's record in the old format was downgraded")
            }
            compare(own, round: round, issued: issued, check: Run.pinnedCheck, source: name)
        }
    }

    /// `published` against the record: each difference is a failure of `check` naming what changed.
    private func compare(_ published: ChequeRoundPrePublication, round: ChequeRecord.Round, issued: ChequeRecord.Issued,
                         check: String, source: String) {
        func fail(_ file: String, _ message: String) { report.fail(check, file: file, "\(message) (\(source))") }
        if published.round != round.roundId || published.gemeente != round.gemeenteCode || published.issuingPublicKey != round.issuingPublicKey {
            fail(ChequeRecord.round, "is round '\(round.roundId)' of \(round.gemeenteCode), but the pre-publication is of round '\(published.round)' of \(published.gemeente) or names another issuing key")
        }
        let terms = ChequeRoundPrePublication.Terms(
            snapshot: round.snapshot, scope: round.scope, valueCents: round.valueCents, issueDate: round.issueDate,
            validUntil: round.validUntil, validFromMillis: round.validFromMs, expiresMillis: round.expiresMs)
        if terms != published.terms {
            let p = published.terms
            var changed: [String] = []
            if terms.snapshot != p.snapshot { changed.append("snapshot \(p.snapshot) -> \(terms.snapshot)") }
            if terms.scope != p.scope { changed.append("scope \(p.scope) -> \(terms.scope)") }
            if terms.valueCents != p.valueCents { changed.append("value_cents \(p.valueCents) -> \(terms.valueCents)") }
            if terms.issueDate != p.issueDate || terms.validFromMillis != p.validFromMillis { changed.append("issue_date \(p.issueDate) -> \(terms.issueDate)") }
            if terms.validUntil != p.validUntil || terms.expiresMillis != p.expiresMillis { changed.append("valid_until \(p.validUntil) -> \(terms.validUntil)") }
            fail(ChequeRecord.round, "the round's terms differ from the pre-published ones: \(changed.joined(separator: ", "))")
        }
        if issued.count != published.count || issued.totalCents != published.totalCents || issued.root.bytes != published.root
            || issued.ledgerPublicKey != published.ledgerPublicKey || issued.issuedAtMs != published.issuedAtMillis {
            fail(ChequeRecord.issued, "the issued set differs from the pre-published one (count \(published.count) -> \(issued.count), "
                + "root \(Self.short(published.root)) -> \(Self.short(issued.root.bytes))"
                + (issued.ledgerPublicKey != published.ledgerPublicKey ? ", another ledger key" : "") + "): cheques were added, removed or changed")
        }
        var perBuurt: [String: UInt64] = [:]
        for count in published.buurten where perBuurt.updateValue(count.issued, forKey: count.buurt) != nil {
            fail(ChequeRecord.prePublication, "buurt \(count.buurt) is listed twice in the pre-publication")
        }
        for (buurt, count) in issuedPerBuurt.sorted(by: { $0.key < $1.key }) where perBuurt[buurt] != count {
            fail(ChequeRecord.issuedCheques, "buurt \(buurt) has \(count) cheques, the pre-publication \(perBuurt[buurt] ?? 0)")
        }
        for (buurt, count) in perBuurt.sorted(by: { $0.key < $1.key }) where issuedPerBuurt[buurt] == nil {
            fail(ChequeRecord.issuedCheques, "buurt \(buurt) has no cheques, the pre-publication \(count)")
        }
        var before: [UInt64: ChequeRoundPrePublication.Initiative] = [:]
        for initiative in published.initiatives { before[initiative.id] = initiative }
        var seen: Set<UInt64> = []
        for initiative in initiatives {
            seen.insert(initiative.id)
            let now = ChequeRoundPrePublication.Initiative(
                id: initiative.id, buurt: initiative.buurt, title: initiative.title, description: initiative.description,
                targetCents: initiative.targetCents, deadline: initiative.deadline, closesAtMillis: initiative.closesAtMs)
            guard let then = before[initiative.id] else {
                fail(ChequeRecord.initiatives, "initiative \(initiative.id) ('\(initiative.title)') is not in the pre-publication: it was added after the round was published")
                continue
            }
            if then != now {
                fail(ChequeRecord.initiatives, "initiative \(initiative.id) differs from the pre-published one"
                    + (then.targetCents != now.targetCents ? " (target_cents \(then.targetCents) -> \(now.targetCents))" : "")
                    + (then.title != now.title ? " (title changed)" : "") + (then.buurt != now.buurt ? " (buurt \(then.buurt) -> \(now.buurt))" : "")
                    + (then.deadline != now.deadline ? " (deadline \(then.deadline) -> \(now.deadline))" : ""))
            }
        }
        for initiative in published.initiatives where !seen.contains(initiative.id) {
            fail(ChequeRecord.initiatives, "initiative \(initiative.id) ('\(initiative.title)') of the pre-publication is missing: it was removed")
        }
    }
}
