/// Money in one area (a wijk, or the gemeente for gemeente-wide contests): the budget decided over, the cap where
/// a budget plan sets one, and what was funded.
package struct AreaMoney: Sendable, Codable, Equatable {
    /// The area's code.
    package let code: String
    /// Its name.
    package let name: String
    /// The budget of the contests in this area, in cents (0 when projects in it came from a wider contest).
    package let budgetCents: Int64
    /// The area's cap from its budget plan, in cents; nil when none is set. Filled by the caps work
    /// (``ElectionReport/setCaps(_:)``), shown on the site next to the budget.
    package var capCents: Int64?
    /// What the funded projects in this area cost together, in cents.
    package let fundedCents: Int64
    /// Funded projects in this area.
    package let fundedProjects: Int
    /// Projects on the ballot in this area.
    package let projects: Int

    /// Money in an area.
    package init(code: String, name: String, budgetCents: Int64, capCents: Int64? = nil, fundedCents: Int64, fundedProjects: Int,
                projects: Int) {
        self.code = code
        self.name = name
        self.budgetCents = budgetCents
        self.capCents = capCents
        self.fundedCents = fundedCents
        self.fundedProjects = fundedProjects
        self.projects = projects
    }

    /// The budget left, in cents: the cap when set, else the budget, minus what was funded.
    package var leftCents: Int64 { (capCents ?? budgetCents) - fundedCents }
}
