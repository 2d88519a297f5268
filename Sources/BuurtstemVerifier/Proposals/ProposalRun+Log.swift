import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension ProposalRun {
    /// Reads `log.jsonl`: each entry's leaf hash, sequence, time and form; keeps the tree head of every prefix.
    mutating func readLog() {
        guard let header, let lines = lines(ProposalRecordFile.log, check: Self.logEntries) else { return }
        let file = ProposalRecordFile.log
        report.counted(Self.logEntries, 0)
        var log = MerkleLog()
        var lastTime = Int64.min
        var highest: UInt64 = 0
        for (number, text) in lines {
            report.counted(Self.logEntries)
            logLines += 1
            if let problem = StrictJSON.problem(text) {
                report.fail(Self.logEntries, file: file, line: number, "not a log entry: \(problem)")
                continue
            }
            let line: ProposalLogLine
            do { line = try decoder.decode(ProposalLogLine.self, from: text) } catch let error as DecodingError {
                report.fail(Self.logEntries, file: file, line: number, "not a log entry: \(Run.describe(error))")
                continue
            } catch {
                report.fail(Self.logEntries, file: file, line: number, "not a log entry: \(error)")
                continue
            }
            let entry = line.entry
            let leaf = entry.leafHash(logId: header.logId)
            if leaf != line.leafHash.bytes {
                report.fail(Self.logEntries, file: file, line: number, "leaf_hash is not the hash of the entry's canonical bytes: the entry was changed")
            }
            log.append(leafHash: leaf)
            heads.append(log.root)
            if entry.sequence != UInt64(logLines - 1) {
                report.fail(Self.logEntries, file: file, line: number, "sequence \(entry.sequence) where \(logLines - 1) is due: an entry was dropped, added or moved")
            }
            if entry.timeMillis < lastTime {
                report.fail(Self.logEntries, file: file, line: number, "time_ms \(entry.timeMillis) is earlier than the entry before it (\(lastTime)): entries were reordered or back-dated")
            }
            lastTime = max(lastTime, entry.timeMillis)
            checkForm(entry, line: number, highest: &highest)
            entries.append((number, entry))
        }
    }

    /// The shape of one entry: which proposal it is about, ids and texts.
    mutating func checkForm(_ entry: ProposalEntry, line: Int, highest: inout UInt64) {
        let file = ProposalRecordFile.log
        func fail(_ message: String) { report.fail(Self.logEntries, file: file, line: line, message) }
        switch entry.body {
        case let .criteria(set, items):
            if entry.proposal != 0 { fail("criteria are about the whole log (proposal 0), not proposal \(entry.proposal)") }
            if set.isEmpty || items.isEmpty { fail("a criteria entry names its set and at least one criterion") }
            if Set(items.map(\.id)).count != items.count { fail("a criterion id appears twice in the set") }
            for item in items where !ProposalSteps.isId(item.id) || item.name.isEmpty {
                fail("criterion '\(item.id.prefix(40))' needs an id of a-z, 0-9 and '-' and a name")
            }
        case let .received(area, title, _, requested):
            if entry.proposal != highest + 1 {
                fail("proposal \(entry.proposal) is received where \(highest + 1) is next: ids are given in order, each received once")
            }
            highest = max(highest, entry.proposal)
            if received[entry.proposal] == nil {
                received[entry.proposal] = entry.body
            }
            if title.isEmpty || requested == 0 { fail("a received proposal has a title and a requested amount above 0") }
            if !(area.hasPrefix("BU") && area.count == 10) && !(area.hasPrefix("WK") && area.count == 8) {
                fail("area '\(area.prefix(20))' is not a CBS buurt (BU + 8 digits) or wijk (WK + 6 digits) code")
            }
        case let .interest(assessor, statement):
            if !ProposalSteps.isId(assessor) { fail("assessor '\(assessor.prefix(40))' is not an assessor id (a-z, 0-9, '-'): the log names no person") }
            if statement.isEmpty { fail("a declared interest says what it is") }
        case let .judgement(assessor, criterion, _, reason):
            if !ProposalSteps.isId(assessor) { fail("assessor '\(assessor.prefix(40))' is not an assessor id (a-z, 0-9, '-'): the log names no person") }
            if !ProposalSteps.isId(criterion) { fail("criterion '\(criterion.prefix(40))' is not a criterion id") }
            if reason.isEmpty { fail("a judgement without a written reason") }
        case let .payment(amount, milestone, _):
            if amount == 0 || milestone.isEmpty { fail("a payment has an amount above 0 and names the milestone it pays for") }
        case let .funding(amount, reason):
            if amount == 0 || reason.isEmpty { fail("a funding entry has an amount above 0 and says why it is not the requested amount") }
        case let .coFunding(funders):
            if !bound { fail("a co_funding entry in a format 1 record, which has none: proposals.json's format was changed") }
            if funders.isEmpty || funders.contains(where: { $0.cents == 0 || $0.name.isEmpty }) || Set(funders.map(\.name)).count != funders.count {
                fail("a co_funding entry names at least one co-funder, each once, with an amount above 0")
            }
        case .status, .decision:
            break
        }
        if entry.proposal != 0, received[entry.proposal] == nil {
            fail("is about proposal \(entry.proposal), which the log has not received")
        } else if entry.proposal == 0, entry.body.kind != "criteria" {
            fail("a \(entry.body.kind) entry must be about a proposal (proposal 0 is the whole log)")
        }
    }

    /// `checkpoints.jsonl`: signatures, log id, sizes and times in order, heads equal the log's, the last covers all.
    func checkCheckpoints() {
        guard let header, let lines = lines(ProposalRecordFile.checkpoints, check: Self.logCheckpoints) else { return }
        let file = ProposalRecordFile.checkpoints
        report.counted(Self.logCheckpoints, 0)
        var previous: Checkpoint?
        for (number, text) in lines {
            report.counted(Self.logCheckpoints)
            guard StrictJSON.problem(text) == nil, let checkpoint = try? decoder.decode(Checkpoint.self, from: text) else {
                report.fail(Self.logCheckpoints, file: file, line: number, "not a checkpoint {log_id, size, root, time_ms, signer, signature}")
                continue
            }
            if checkpoint.signer != header.issuingPublicKey || !checkpoint.isValid {
                report.fail(Self.logCheckpoints, file: file, line: number, "is not signed by the issuing key proposals.json names")
            }
            if checkpoint.logId != header.logId {
                report.fail(Self.logCheckpoints, file: file, line: number, "is a checkpoint of '\(checkpoint.logId)', not of \(header.logId)")
            }
            if let previous, checkpoint.size < previous.size || checkpoint.timeMillis < previous.timeMillis {
                report.fail(Self.logCheckpoints, file: file, line: number, "is smaller or earlier than the checkpoint before it: a log only grows")
            }
            if checkpoint.size > UInt64(heads.count - 1) {
                report.fail(Self.logCheckpoints, file: file, line: number, "covers \(checkpoint.size) entries, but the log has \(heads.count - 1): entries were dropped")
            } else {
                if heads[Int(checkpoint.size)] != checkpoint.root {
                    report.fail(Self.logCheckpoints, file: file, line: number, "its tree head differs from that of the log's first \(checkpoint.size) entries: the log was changed after it was signed")
                }
                if checkpoint.size > 0, let last = entries.last(where: { $0.entry.sequence < checkpoint.size }), last.entry.timeMillis > checkpoint.timeMillis {
                    report.fail(Self.logCheckpoints, file: file, line: number, "is dated before the last entry it covers")
                }
            }
            previous = checkpoint
        }
        guard let previous else {
            report.fail(Self.logCheckpoints, file: file, "has no checkpoint: nothing signs the log")
            return
        }
        if previous.size != UInt64(logLines) {
            report.fail(Self.logCheckpoints, file: file, "the last checkpoint covers \(previous.size) of the log's \(logLines) entries: entries after it are signed by no one")
        }
    }
}
