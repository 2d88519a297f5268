import BuurtstemRecord
import Foundation

extension ProposalRun {
    /// One funder's amounts while they are summed.
    struct Money: Equatable {
        var committed: UInt64 = 0
        var paid: UInt64 = 0
        var returned: UInt64 = 0

        static func + (a: Money, b: Money) -> Money {
            Money(committed: a.committed &+ b.committed, paid: a.paid &+ b.paid, returned: a.returned &+ b.returned)
        }

        init(committed: UInt64 = 0, paid: UInt64 = 0, returned: UInt64 = 0) {
            self.committed = committed
            self.paid = paid
            self.returned = returned
        }

        init(_ amounts: ProposalMoney.Amounts) {
            self.init(committed: amounts.committedCents, paid: amounts.paidCents, returned: amounts.returnedCents)
        }

        var text: String { "committed \(committed), paid \(paid), returned \(returned) cents" }
    }

    /// The log's co-funders per proposal (from its one `co_funding` entry), for `proposals.jsonl` and the money.
    mutating func readPledges() {
        for (line, entry) in entries {
            guard case let .coFunding(funders) = entry.body else { continue }
            report.counted(Self.moneyCheck)
            if pledges[entry.proposal] != nil {
                report.fail(Self.moneyCheck, file: ProposalRecordFile.log, line: line, "proposal \(entry.proposal)'s co-funders are logged a second time: they are set once")
                continue
            }
            pledges[entry.proposal] = funders
            let (sum, overflow) = funders.reduce((UInt64(0), false)) { total, pledge in
                let (value, over) = total.0.addingReportingOverflow(pledge.cents)
                return (value, total.1 || over)
            }
            if case let .received(_, _, _, requested)? = received[entry.proposal], overflow || sum > requested {
                report.fail(Self.moneyCheck, file: ProposalRecordFile.log, line: line,
                            "proposal \(entry.proposal)'s co-funders pledge \(sum) cents together, more than its requested \(requested) cents: the funders' shares (the gemeente's rest and the pledges) do not add up to the proposal's amount")
            }
        }
    }

    /// `money.json` against the log: every proposal's money split between its funders, summed per wijk and funder.
    func checkMoney() {
        let file = ProposalRecordFile.money
        guard bound else {
            // Nothing to hold the money to: the check looks at nothing, and the warning says why (as for a format 1
            // cheque round), so an older record still verifies.
            report.counted(Self.moneyCheck, 0)
            report.warn("format 1: money not bound. This proposals record has no co_funding entries and no money.json: the money per wijk and per funder the site shows cannot be checked against the log.")
            return
        }
        report.counted(Self.moneyCheck)
        guard let published = Run.read(ProposalMoney.self, file, in: folder, check: Self.moneyCheck, decoder: decoder, report: report) else { return }
        if published.format != ProposalMoney.formatName {
            report.fail(Self.moneyCheck, file: file, "format '\(published.format)' is not \(ProposalMoney.formatName): this verifier does not know it")
        }
        guard let wijkOf = wijken(of: published) else { return }
        let gemeente = "Gemeente \(header?.gemeenteName ?? "")"
        var perWijk: [String: Money] = [:]
        var perWijkFunder: [String: [String: Money]] = [:]
        var perFunder: [String: Money] = [:]
        for id in received.keys.sorted() {
            guard case let .received(area, _, _, requested)? = received[id], let wijk = wijkOf[area] else { continue }
            let money = proposalMoney(id, requested: requested)
            perWijk[wijk] = (perWijk[wijk] ?? Money()) + money
            guard let status = statuses[id], Self.funded.contains(status) else { continue }
            let pledged = pledges[id] ?? []
            let weights = [requested - min(requested, pledged.reduce(0) { $0 &+ $1.cents })] + pledged.map(\.cents)
            let names = [gemeente] + pledged.map(\.name)
            let paid = Self.split(money.paid, weights: weights)
            let rest = Self.split(money.committed >= money.paid ? money.committed - money.paid : 0, weights: weights)
            let finished = status == .completed || status == .stopped
            for index in names.indices {
                let part = Money(committed: paid[index] + rest[index], paid: paid[index], returned: finished ? rest[index] : 0)
                perWijkFunder[wijk, default: [:]][names[index]] = (perWijkFunder[wijk]?[names[index]] ?? Money()) + part
                perFunder[names[index]] = (perFunder[names[index]] ?? Money()) + part
            }
        }
        for wijk in published.wijken {
            report.counted(Self.moneyCheck)
            let computed = perWijk[wijk.code] ?? Money()
            if Money(wijk.amounts) != computed {
                report.fail(Self.moneyCheck, file: file, "wijk \(wijk.code): \(Money(wijk.amounts).text) in money.json, but the log gives \(computed.text)")
            }
            compare(wijk.funders, perWijkFunder[wijk.code] ?? [:], what: "wijk \(wijk.code)")
        }
        compare(published.funders, perFunder, what: "over every wijk")
    }

    /// Funder totals as published against the log's, by funder.
    private func compare(_ published: [ProposalMoney.Funder], _ computed: [String: Money], what: String) {
        let file = ProposalRecordFile.money
        var seen: Set<String> = []
        for funder in published {
            report.counted(Self.moneyCheck)
            guard seen.insert(funder.funder).inserted else {
                report.fail(Self.moneyCheck, file: file, "\(what): funder '\(funder.funder.prefix(60))' is listed twice")
                continue
            }
            let due = computed[funder.funder] ?? Money()
            if Money(funder.amounts) != due {
                report.fail(Self.moneyCheck, file: file, "\(what): \(funder.funder.prefix(60)) has \(Money(funder.amounts).text) in money.json, but the log's shares give \(due.text)")
            }
        }
        for name in computed.keys.sorted() where !seen.contains(name) && computed[name] != Money() {
            report.fail(Self.moneyCheck, file: file, "\(what): \(name.prefix(60)) has \(computed[name]!.text) by the log, but money.json does not list it")
        }
    }

    /// The statuses of a funded proposal, whose amount is committed.
    static let funded: Set<ProposalStatus> = [.funded, .inExecution, .completed, .stopped]

    /// A proposal's money by the log: committed (its funded amount, once funded), paid, returned (what a completed or
    /// stopped one did not use).
    func proposalMoney(_ id: UInt64, requested: UInt64) -> Money {
        var paid: UInt64 = 0
        var fundedAt: UInt64?
        for (_, entry) in entries where entry.proposal == id {
            switch entry.body {
            case let .payment(amount, _, _): paid &+= amount
            case let .funding(amount, _): fundedAt = amount
            default: break
            }
        }
        guard let status = statuses[id], Self.funded.contains(status) else { return Money(paid: paid) }
        let committed = fundedAt ?? requested
        let finished = status == .completed || status == .stopped
        return Money(committed: committed, paid: paid, returned: finished && committed >= paid ? committed - paid : 0)
    }

    /// Which wijk each area counts for, by `money.json`'s lists, checked against the CBS codes and the log's areas;
    /// nil when the lists cannot be used.
    private func wijken(of published: ProposalMoney) -> [String: String]? {
        let file = ProposalRecordFile.money
        var wijkOf: [String: String] = [:]
        var usable = true
        var previous = ""
        for wijk in published.wijken {
            let digits = wijk.code.dropFirst(2)
            if !wijk.code.hasPrefix("WK") || digits.count != 6 || !digits.allSatisfy({ $0.isASCII && $0.isNumber }) || wijk.code <= previous {
                report.fail(Self.moneyCheck, file: file, "wijk '\(wijk.code.prefix(20))' is not a CBS wijk code (WK + 6 digits) in order, listed once")
                usable = false
            }
            previous = wijk.code
            for area in wijk.areas {
                if wijkOf[area] != nil {
                    report.fail(Self.moneyCheck, file: file, "area \(area.prefix(20)) counts for two wijken")
                    usable = false
                }
                wijkOf[area] = wijk.code
                let isBuurt = area.hasPrefix("BU") && area.count == 10 && area.dropFirst(2).prefix(6) == digits
                if area != wijk.code && !isBuurt {
                    report.fail(Self.moneyCheck, file: file, "area \(area.prefix(20)) counts for wijk \(wijk.code), but is neither it nor one of its buurten (BU + the wijk's 6 digits + 2)")
                    usable = false
                }
            }
        }
        var areas: Set<String> = []
        for case let .received(area, _, _, _) in received.values { areas.insert(area) }
        for area in areas.sorted() where wijkOf[area] == nil {
            report.fail(Self.moneyCheck, file: file, "the log has proposals in \(area), but no wijk of money.json counts them")
            usable = false
        }
        for area in wijkOf.keys.sorted() where !areas.contains(area) {
            report.fail(Self.moneyCheck, file: file, "area \(area.prefix(20)) is listed, but the log has no proposal in it")
        }
        return usable ? wijkOf : nil
    }

    /// `cents` split in proportion to `weights` (not all 0) by the largest-remainder rule of docs/record.md: each
    /// part first `floor(cents × weight / total)`; the cents left go one each to the largest remainders, the first
    /// listed between equal ones. Written here from the page, apart from the engine's.
    static func split(_ cents: UInt64, weights: [UInt64]) -> [UInt64] {
        let total = weights.reduce(UInt128(0)) { $0 + UInt128($1) }
        guard total > 0 else { return weights.map { _ in 0 } }
        var parts: [UInt64] = []
        var remainders: [UInt128] = []
        for weight in weights {
            let (part, remainder) = (UInt128(cents) * UInt128(weight)).quotientAndRemainder(dividingBy: total)
            parts.append(UInt64(part))
            remainders.append(remainder)
        }
        let left = cents - parts.reduce(0, +)
        let order = remainders.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(Int(left)) { parts[index] += 1 }
        return parts
    }
}
