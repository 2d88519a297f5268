import Foundation
import GRDB

/// Bulk intake of aanvragen from a form's CSV export (`buurtstem proposal import FILE.csv`): all or nothing.
///
/// Columns (header row, any order): `title`, `contact`, `area`, `amount`, `costs` required; `description`,
/// `own_hours`, `own_money`, `co_funders`, `goals` optional. Lists are separated by `;`, amounts in a list are
/// `NAME=AMOUNT` (`Materiaal=450.00;Huur=150`). Every bad line is reported with the file, line and column;
/// when there is any, nothing is stored.
public enum ProposalImport {
    /// What an import stored.
    public struct Summary: Sendable, Codable, Equatable {
        /// The proposals' ids, in file order.
        public let ids: [Int64]
        /// Their requested amounts together, in cents.
        public let requestedCents: Int64
    }

    static let required = ["title", "contact", "area", "amount", "costs"]
    static let optional = ["description", "own_hours", "own_money", "co_funders", "goals"]

    /// Reads `bytes` (named `file`) and stores every proposal in one transaction, or none.
    public static func run(_ bytes: [UInt8], file: String, into store: Store, now: Date = Date()) throws -> Summary {
        let table = try CSVTable(bytes, file: file, required: required, optional: optional)
        var problems = table.problems
        var drafts: [(line: Int, draft: ProposalDraft)] = []
        for row in table.rows {
            func problem(_ field: ProposalDraft.Field, _ message: String) {
                problems.append(Problem(file: file, line: row.line, field: field.column, message: message))
            }
            func amounts(_ field: ProposalDraft.Field) -> [ProposalAmount] {
                let items = (row.value(field.column) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                return items.compactMap { item in
                    guard let amount = ProposalDraft.amount(item) else {
                        problem(field, "'\(item)' is not NAME=AMOUNT with an amount in euros above 0, e.g. Materiaal=450.00")
                        return nil
                    }
                    return amount
                }
            }
            let amount = Money.cents(row["amount"])
            if amount == nil { problem(.amount, "'\(row["amount"])' is not an amount in euros: write e.g. 1250.00 (no thousands separator)") }
            let hoursText = row.value("own_hours") ?? ""
            let hours = hoursText.isEmpty ? 0 : Int64(hoursText)
            if hours == nil { problem(.ownHours, "'\(hoursText)' is not a whole number of hours") }
            let moneyText = row.value("own_money") ?? ""
            let own = moneyText.isEmpty ? 0 : Money.cents(moneyText)
            if own == nil { problem(.ownMoney, "'\(moneyText)' is not an amount in euros") }
            let goals = (row.value("goals") ?? "").split(separator: ";").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            drafts.append((row.line, ProposalDraft(
                title: row["title"], description: row.value("description") ?? "", contact: row["contact"], area: row["area"],
                requestedCents: amount ?? 1, costs: amounts(.costs), ownHours: hours ?? 0, ownCents: own ?? 0,
                coFunders: amounts(.coFunders), goals: goals)))
        }
        if drafts.isEmpty && problems.isEmpty {
            throw InputError(file: file, "the file has a header but no proposals; add one line per aanvraag")
        }
        return try store.write { db in
            for (line, draft) in drafts {
                // A field already reported as unreadable is not reported again as, say, a sum that does not add up.
                let reported = Set(problems.filter { $0.line == line }.compactMap(\.field))
                let skipCosts = reported.contains(ProposalDraft.Field.amount.column)
                for found in try draft.problems(db) where !reported.contains(found.field.column) && !(skipCosts && found.field == .costs) {
                    problems.append(Problem(file: file, line: line, field: found.field.column, message: found.message))
                }
            }
            guard problems.isEmpty else {
                throw InputError(problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
            }
            var ids: [Int64] = []
            var total: Int64 = 0
            for (_, draft) in drafts {
                let proposal = try Proposal.insert(draft, now: now, db)
                ids.append(proposal.id!)
                total += proposal.requestedCents
            }
            return Summary(ids: ids, requestedCents: total)
        }
    }
}
