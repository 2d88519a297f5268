import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension ProposalRun {
    /// Replays the log in order: statuses, judgements, interests and decisions against the rules of
    /// docs/proposals.md. These are the checks that hold against a gemeente re-signing its own log.
    mutating func checkRules() {
        let file = ProposalRecordFile.log
        for check in [Self.statusCheck, Self.decisions, Self.recusals, Self.payments] { report.counted(check, 0) }
        var criteria: [ProposalEntry.Criterion] = []
        /// Per proposal: criterion id -> (met, assessor, line).
        var judgements: [UInt64: [String: (met: Bool, assessor: String, line: Int)]] = [:]
        /// Per proposal: assessors with a declared interest.
        var interests: [UInt64: Set<String>] = [:]
        /// Per proposal and assessor: lines of their judgements (to catch an interest declared afterwards too).
        var judgedBy: [UInt64: [String: [Int]]] = [:]
        /// Per proposal: paid so far, in cents.
        var paid: [UInt64: UInt64] = [:]
        /// Per proposal: the funded amount when a funding entry set it below the requested amount.
        var fundedAt: [UInt64: UInt64] = [:]
        for (line, entry) in entries {
            let id = entry.proposal
            switch entry.body {
            case let .criteria(_, items):
                criteria = items
            case .received:
                if statuses[id] == nil { statuses[id] = .received }
            case let .status(from, to, note):
                report.counted(Self.statusCheck)
                guard let current = statuses[id] else { continue }
                if current == .decidedByWijkteam, to == .funded || to == .notFunded {
                    checkWijkteamDecision(id, note: note, recused: interests[id] ?? [], line: line)
                }
                if from != current {
                    report.fail(Self.statusCheck, file: file, line: line, "proposal \(id) moves from '\(from.rawValue)', but the log had it at '\(current.rawValue)'")
                }
                if to == .admitted || to == .rejected {
                    report.fail(Self.statusCheck, file: file, line: line, "proposal \(id) is set to '\(to.rawValue)' by a status change: only a decision admits or rejects")
                } else if !ProposalSteps.mayMove(from: current, to: to) {
                    report.fail(Self.statusCheck, file: file, line: line, "proposal \(id) moves from '\(current.rawValue)' to '\(to.rawValue)': a status moves only forward, one named step at a time")
                }
                statuses[id] = to
            case let .interest(assessor, _):
                report.counted(Self.recusals)
                interests[id, default: []].insert(assessor)
                for earlier in judgedBy[id]?[assessor] ?? [] {
                    report.fail(Self.recusals, file: file, line: earlier, "\(assessor) judged proposal \(id) and declared an interest in it (line \(line)): a recused assessor's judgement")
                }
            case let .judgement(assessor, criterion, met, _):
                report.counted(Self.decisions)
                report.counted(Self.recusals)
                if interests[id]?.contains(assessor) == true {
                    report.fail(Self.recusals, file: file, line: line, "\(assessor) judged '\(criterion)' of proposal \(id) after declaring an interest in it: a recused assessor may not judge")
                }
                judgedBy[id, default: [:]][assessor, default: []].append(line)
                if statuses[id] != .inReview {
                    report.fail(Self.decisions, file: file, line: line, "proposal \(id) is judged while '\(statuses[id]?.rawValue ?? "unknown")', not in_review")
                }
                if !criteria.contains(where: { $0.id == criterion }) {
                    report.fail(Self.decisions, file: file, line: line, "'\(criterion)' is not a criterion in force")
                }
                if judgements[id]?[criterion] != nil {
                    report.fail(Self.decisions, file: file, line: line, "criterion '\(criterion)' of proposal \(id) is judged a second time")
                } else {
                    judgements[id, default: [:]][criterion] = (met, assessor, line)
                }
            case let .decision(outcome, reasons):
                report.counted(Self.decisions)
                report.counted(Self.statusCheck)
                if statuses[id] != .inReview {
                    report.fail(Self.statusCheck, file: file, line: line, "proposal \(id) is decided while '\(statuses[id]?.rawValue ?? "unknown")': only a proposal in_review is decided")
                }
                if outcome != .admitted && outcome != .rejected {
                    report.fail(Self.decisions, file: file, line: line, "a decision's outcome is admitted or rejected, not '\(outcome.rawValue)'")
                }
                checkDecision(id, outcome: outcome, reasons: reasons, criteria: criteria, judged: judgements[id] ?? [:],
                              recused: interests[id] ?? [], line: line)
                statuses[id] = outcome
            case let .payment(amount, _, _):
                report.counted(Self.payments)
                if statuses[id] != .funded && statuses[id] != .inExecution {
                    report.fail(Self.payments, file: file, line: line, "proposal \(id) is paid while '\(statuses[id]?.rawValue ?? "unknown")': only a funded proposal or one in execution is paid")
                }
                let (total, overflow) = (paid[id] ?? 0).addingReportingOverflow(amount)
                paid[id] = total
                if case let .received(_, _, _, requested)? = received[id], overflow || total > (fundedAt[id] ?? requested) {
                    report.fail(Self.payments, file: file, line: line, "proposal \(id)'s payments add up to \(total) cents, above its funded \(fundedAt[id] ?? requested) cents")
                }
            case let .funding(amount, _):
                report.counted(Self.payments)
                if statuses[id] != .funded || paid[id] != nil || fundedAt[id] != nil {
                    report.fail(Self.payments, file: file, line: line, "proposal \(id)'s funded amount is set while '\(statuses[id]?.rawValue ?? "unknown")'"
                        + (paid[id] != nil ? " after a payment" : fundedAt[id] != nil ? " a second time" : "") + ": it is set once, right after the move to funded, before any payment")
                }
                if case let .received(_, _, _, requested)? = received[id], amount >= requested {
                    report.fail(Self.payments, file: file, line: line, "proposal \(id) is funded at \(amount) cents, not below its requested \(requested) cents: a funding entry only lowers the amount")
                }
                fundedAt[id] = amount
            case .coFunding:
                break // the money check's (readPledges)
            }
        }
    }

    /// One decision against the criteria in force and the proposal's judgements.
    func checkDecision(_ id: UInt64, outcome: ProposalStatus, reasons: String, criteria: [ProposalEntry.Criterion],
                       judged: [String: (met: Bool, assessor: String, line: Int)], recused: Set<String>, line: Int) {
        let file = ProposalRecordFile.log
        func fail(_ message: String) { report.fail(Self.decisions, file: file, line: line, message) }
        if criteria.isEmpty { fail("proposal \(id) is decided with no criteria in force") }
        let missing = criteria.filter { judged[$0.id] == nil }
        if !missing.isEmpty {
            fail("proposal \(id) is decided without a judgement of " + missing.map { "'\($0.id)'" }.joined(separator: ", "))
        }
        let unmet = criteria.filter { judged[$0.id]?.met == false }
        let due: ProposalStatus = unmet.isEmpty ? .admitted : .rejected
        if missing.isEmpty, outcome != due {
            fail("proposal \(id) is '\(outcome.rawValue)', but its judgements make it '\(due.rawValue)'"
                + (unmet.isEmpty ? " (every criterion met)" : " (not met: \(unmet.map(\.id).joined(separator: ", ")))"))
        }
        if reasons.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            fail("proposal \(id)'s decision gives no reasons")
        }
        for criterion in unmet where !reasons.contains(criterion.name) {
            fail("proposal \(id)'s reasons do not name '\(criterion.name)', which it did not meet")
        }
        for assessor in recused.sorted() where !reasons.contains(assessor) {
            fail("proposal \(id)'s decision does not name the recusal of \(assessor)")
        }
    }

    /// The wijkteam's decision to fund a proposal or not (its move out of `decided_by_wijkteam`): like a toetsing
    /// decision, it gives its reasons and names the assessors who declared an interest.
    func checkWijkteamDecision(_ id: UInt64, note: String, recused: Set<String>, line: Int) {
        report.counted(Self.decisions)
        let file = ProposalRecordFile.log
        if note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            report.fail(Self.decisions, file: file, line: line, "the wijkteam decides proposal \(id) without reasons: its note is empty")
        }
        for assessor in recused.sorted() where !note.contains(assessor) {
            report.fail(Self.decisions, file: file, line: line, "the wijkteam's decision on proposal \(id) does not name the recusal of \(assessor)")
        }
    }

    /// `proposals.jsonl` against the log.
    func checkProposals() {
        guard let lines = lines(ProposalRecordFile.proposals, check: Self.proposalsCheck) else { return }
        let file = ProposalRecordFile.proposals
        report.counted(Self.proposalsCheck, 0)
        var listed: Set<UInt64> = []
        var previous: UInt64 = 0
        for (number, text) in lines {
            report.counted(Self.proposalsCheck)
            if let problem = StrictJSON.problem(text) {
                report.fail(Self.proposalsCheck, file: file, line: number, "not a proposal line: \(problem)")
                continue
            }
            let proposal: ProposalLine
            do { proposal = try decoder.decode(ProposalLine.self, from: text) } catch let error as DecodingError {
                report.fail(Self.proposalsCheck, file: file, line: number, "not a proposal line: \(Run.describe(error))")
                continue
            } catch { continue }
            if proposal.id <= previous {
                report.fail(Self.proposalsCheck, file: file, line: number, "proposal \(proposal.id) is out of order or listed twice")
            }
            previous = max(previous, proposal.id)
            listed.insert(proposal.id)
            guard case let .received(area, title, description, requested)? = received[proposal.id] else {
                report.fail(Self.proposalsCheck, file: file, line: number, "proposal \(proposal.id) is not in the log")
                continue
            }
            if proposal.area != area || proposal.title != title || proposal.description != description || proposal.requestedCents != requested {
                report.fail(Self.proposalsCheck, file: file, line: number, "proposal \(proposal.id)'s area, title, description or amount differ from the log's received entry")
            }
            let (sum, overflow) = proposal.costs.reduce((UInt64(0), false)) { total, item in
                let (value, over) = total.0.addingReportingOverflow(item.cents)
                return (value, total.1 || over)
            }
            if overflow || sum != proposal.requestedCents || proposal.costs.isEmpty {
                report.fail(Self.proposalsCheck, file: file, line: number, "proposal \(proposal.id)'s cost breakdown adds up to \(sum) cents, not the requested \(proposal.requestedCents)")
            }
            let logged = (pledges[proposal.id] ?? []).map { ProposalLine.Amount(name: $0.name, cents: $0.cents) }
            if bound, proposal.coFunders != logged {
                report.fail(Self.proposalsCheck, file: file, line: number, "proposal \(proposal.id)'s co-funders differ from its co_funding entry in the log"
                    + (logged.isEmpty ? " (it has none)" : ""))
            }
            if let status = statuses[proposal.id], status != proposal.status {
                report.fail(Self.proposalsCheck, file: file, line: number, "proposal \(proposal.id) is listed as '\(proposal.status.rawValue)', but the log leaves it '\(status.rawValue)'")
            }
        }
        for id in received.keys.sorted() where !listed.contains(id) {
            report.fail(Self.proposalsCheck, file: file, "proposal \(id) is in the log but not listed")
        }
    }
}
