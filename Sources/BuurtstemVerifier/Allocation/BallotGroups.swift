/// The ballots with identical ones merged: a rule treats voters with the same ballot identically (same payments,
/// same loads), so counting each distinct ballot once with its multiplicity changes no outcome and saves the work.
struct BallotGroups: Sendable {
    /// One supporter entry of a project: a ballot group and the points each of its voters gave.
    struct Support: Sendable {
        let group: Int
        let points: Int64
    }

    /// The number of voters, empty ballots included.
    let voterCount: Int64
    /// Voters per group.
    let weights: [Int64]
    /// Per project, the groups supporting it (positive points).
    let supporters: [[Support]]
    /// Per project, the number of voters supporting it.
    let approvals: [Int64]
    /// Per project, the total points it received.
    let pointTotals: [Int64]

    /// Groups `election`'s ballots; throws if a ballot names an unknown project, names one twice or gives
    /// negative points.
    init(_ election: VerifierElection) throws(TextbookAllocationError) {
        struct Entry: Hashable {
            let project: Int
            let points: Int64
        }
        var groupOf: [[Entry]: Int] = [:]
        var weights: [Int64] = []
        var supporters = [[Support]](repeating: [], count: election.projects.count)
        var approvals = [Int64](repeating: 0, count: election.projects.count)
        var pointTotals = [Int64](repeating: 0, count: election.projects.count)
        for (number, ballot) in election.ballots.enumerated() {
            var entries: [Entry] = []
            for (project, points) in ballot {
                guard election.projects.indices.contains(project) else {
                    throw TextbookAllocationError(
                        "ballot \(number + 1) names project index \(project), but there are \(election.projects.count) projects; fix the ballot or the project list")
                }
                guard points >= 0 else {
                    throw TextbookAllocationError("ballot \(number + 1) gives project \(election.projects[project].id) \(points) points; points must not be negative")
                }
                // Zero points is no support; approval ballots count every listed project once.
                let counted = election.kind == .approval ? 1 : points
                if counted > 0 { entries.append(Entry(project: project, points: counted)) }
            }
            entries.sort { $0.project < $1.project }
            for index in entries.indices.dropFirst() where entries[index].project == entries[index - 1].project {
                throw TextbookAllocationError("ballot \(number + 1) names project \(election.projects[entries[index].project].id) twice; a ballot lists a project at most once")
            }
            if let group = groupOf[entries] {
                weights[group] += 1
                continue
            }
            let group = weights.count
            groupOf[entries] = group
            weights.append(1)
            for entry in entries {
                supporters[entry.project].append(Support(group: group, points: entry.points))
            }
        }
        for (project, list) in supporters.enumerated() {
            for support in list {
                approvals[project] += weights[support.group]
                pointTotals[project] += weights[support.group] * support.points
            }
        }
        self.voterCount = Int64(election.ballots.count)
        self.weights = weights
        self.supporters = supporters
        self.approvals = approvals
        self.pointTotals = pointTotals
    }
}
