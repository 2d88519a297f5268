/// Caps per area (a wijk's cap in a contest over several wijken): the funded projects of an area may together cost
/// at most its cap. A project without an area, or in an area without a cap, is never limited by a cap.
struct AreaCaps: Sendable {
    private let area: [String?]
    private let costs: [Int64]
    private let caps: [String: Int64]

    /// The caps of `election`.
    init(_ election: VerifierElection) {
        area = election.projects.map(\.area)
        costs = election.projects.map(\.cost)
        caps = election.areaCaps
    }

    /// Whether there is any cap.
    var isEmpty: Bool { caps.isEmpty }

    /// Whether funding `p` on top of `funded` keeps its area within its cap (textbook: sum the area's funded costs).
    func fits(_ p: Int, with funded: Set<Int>) -> Bool {
        guard let a = area[p], let cap = caps[a] else { return true }
        let spent = funded.filter { area[$0] == a }.reduce(Int64(0)) { $0 + costs[$1] }
        return spent + costs[p] <= cap
    }
}
