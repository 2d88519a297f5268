import Foundation
import GRDB

/// What an initiatiefnemer hands in, before it is stored: from a form (the CLI's options) or one line of an import.
///
/// ``problems(_:)`` finds everything wrong at once, each with the field it concerns, so a form names its field
/// and an import the line and column.
public struct ProposalDraft: Sendable, Equatable {
    /// The fields, named as columns in an import file; a front end names them in its own words (the CLI its options).
    public enum Field: String, Sendable, CaseIterable {
        case title, description, contact, area, amount, costs, ownHours = "own_hours", ownMoney = "own_money", coFunders = "co_funders", goals

        /// The column of an import file.
        public var column: String { rawValue }
    }

    /// A short title.
    public var title: String
    /// What it is and why.
    public var description: String
    /// How to reach the initiatiefnemer (kept in the store, never published).
    public var contact: String
    /// A buurt or wijk code of the store's areas.
    public var area: String
    /// The requested amount in cents.
    public var requestedCents: Int64
    /// The cost breakdown: adds up to ``requestedCents``.
    public var costs: [ProposalAmount]
    /// Eigen inbreng in hours.
    public var ownHours: Int64
    /// Eigen inbreng in cents.
    public var ownCents: Int64
    /// Co-funders.
    public var coFunders: [ProposalAmount]
    /// Wijkperspectief goals.
    public var goals: [String]

    /// The longest title accepted.
    public static let maximumTitleLength = 120
    /// The longest description accepted.
    public static let maximumDescriptionLength = 4000
    /// The most hours of eigen inbreng accepted.
    public static let maximumHours: Int64 = 1_000_000

    /// A draft; text is trimmed and the area upper-cased.
    public init(title: String, description: String, contact: String, area: String, requestedCents: Int64,
                costs: [ProposalAmount], ownHours: Int64 = 0, ownCents: Int64 = 0, coFunders: [ProposalAmount] = [],
                goals: [String] = []) {
        self.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        self.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        self.contact = contact.trimmingCharacters(in: .whitespacesAndNewlines)
        self.area = area.trimmingCharacters(in: .whitespaces).uppercased()
        self.requestedCents = requestedCents
        self.costs = costs
        self.ownHours = ownHours
        self.ownCents = ownCents
        self.coFunders = coFunders
        self.goals = goals.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Reads `NAME=AMOUNT` (e.g. `Materiaal=450.00`), as a cost line or a co-funder; nil when it is not that.
    public static func amount(_ text: String) -> ProposalAmount? {
        guard let split = text.lastIndex(of: "=") else { return nil }
        let name = text[..<split].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 120, let cents = Money.cents(String(text[text.index(after: split)...])),
              cents > 0, cents <= Money.maximumCents else { return nil }
        return ProposalAmount(name: name, cents: cents)
    }

    /// Everything wrong with this draft, with the field concerned; empty when it can be stored. `db` is asked
    /// whether the area is one of the store's buurten or wijken.
    func problems(_ db: Database) throws -> [(field: Field, message: String)] {
        var problems: [(field: Field, message: String)] = []
        if !(1...Self.maximumTitleLength).contains(title.count) {
            problems.append((.title, "needs 1 to \(Self.maximumTitleLength) characters, e.g. 'Speeltuin Javaplein'"))
        }
        if description.count > Self.maximumDescriptionLength {
            problems.append((.description, "has \(description.count) characters; keep it to \(Self.maximumDescriptionLength)"))
        }
        if contact.isEmpty || contact.count > 200 {
            problems.append((.contact, "needs how the gemeente reaches the initiatiefnemer (an e-mail address or phone number, at most 200 characters); it is never published"))
        }
        let isBuurt = try Buurt.exists(db, key: area), isWijk = try Wijk.exists(db, key: area)
        if !isBuurt && !isWijk {
            problems.append((.area, "'\(area)' is not a buurt or wijk of this gemeente: use the CBS code (BU + 8 or WK + 6 digits) of an imported buurt or wijk"))
        }
        if requestedCents <= 0 || requestedCents > Money.maximumCents {
            problems.append((.amount, "the requested amount must be above 0 and at most EUR \(Money.plain(Money.maximumCents))"))
        }
        if costs.isEmpty {
            problems.append((.costs, "a cost breakdown is required: at least one item as NAME=AMOUNT, e.g. Materiaal=450.00"))
        } else {
            let total = costs.reduce(Int64(0)) { $0 + $1.cents }
            if total != requestedCents {
                problems.append((.costs, "the cost items add up to EUR \(Money.plain(total)), not the requested EUR \(Money.plain(requestedCents)); make them equal"))
            }
        }
        let pledged = coFunders.reduce(Int64(0)) { $0 + $1.cents }
        if pledged > requestedCents {
            problems.append((.coFunders, "the co-funders pledge EUR \(Money.plain(pledged)) together, more than the requested EUR \(Money.plain(requestedCents)); the gemeente funds the rest, so they give at most the requested amount"))
        }
        if Set(coFunders.map(\.name)).count != coFunders.count {
            problems.append((.coFunders, "a co-funder is named twice: give each co-funder once, with its whole amount"))
        }
        if !(0...Self.maximumHours).contains(ownHours) {
            problems.append((.ownHours, "hours of eigen inbreng must be a whole number from 0 to \(Self.maximumHours)"))
        }
        if ownCents < 0 || ownCents > Money.maximumCents {
            problems.append((.ownMoney, "eigen inbreng in money must be from 0 to EUR \(Money.plain(Money.maximumCents))"))
        }
        for goal in goals where goal.isEmpty || goal.count > 200 {
            problems.append((.goals, "a goal needs 1 to 200 characters: name the wijkperspectief goal as the plan words it"))
        }
        return problems
    }
}
