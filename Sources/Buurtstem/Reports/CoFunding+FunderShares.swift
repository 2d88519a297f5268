/// A split as the reports show it on each funded project or initiative.
extension CoFunding {
    /// Per item id, each funder's part of it in the plan's order, as ``FunderShare``s named by the funders' names.
    /// An id that occurs twice keeps its first item's parts (ids are unique within an election or a round).
    package var funderShares: [String: [FunderShare]] {
        let names = funders.map(\.name)
        return Dictionary(items.map { split in (split.item.id, zip(names, split.partsCents).map { FunderShare(funder: $0, cents: $1) }) }) { first, _ in first }
    }
}
