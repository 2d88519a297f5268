/// The data every MES run on one election shares: voter classes, supporter lists and candidates.
///
/// Voters with identical ballots start with the same budget and always pay the same, so MES runs on *classes*
/// (distinct ballots with a weight) instead of voters: Wrocław 2015 has 131 778 voters but 197 classes.
/// Supporter lists are flat arrays (one segment per project) so a run can copy and compact them cheaply.
struct EqualSharesModel: Sendable {
    let election: AllocationInput
    let satisfaction: Satisfaction
    let ranks: [Int]
    /// Per class: the number of voters.
    let weight: [Int64]
    /// Per class, its ballot: `ballotProject[ballotStart[c]..<ballotStart[c + 1]]` with the shares it holds.
    let ballotStart: [Int]
    let ballotProject: [Int32]
    let ballotShare: [Int64]
    /// Per project, its supporting classes: `supporterClass[supporterStart[p]..<supporterStart[p + 1]]`.
    let supporterStart: [Int]
    let supporterClass: [Int32]
    let supporterShare: [Int64]
    /// Per project: the sum of weight times share over its supporters.
    let totalShares: [Int64]
    /// Per project: rho = per-share payment / scale (the cost under cost satisfaction, else 1).
    let scale: [UInt64]
    /// Projects MES may fund in its rounds: positive cost, some support, eligible under the constraints.
    let candidates: [Int]
    /// Projects of cost 0 with support, funded before the first round (not under cost satisfaction).
    let freeProjects: [Int]

    init(election: AllocationInput, satisfaction: Satisfaction, ranks: [Int], eligible: (Int) -> Bool) {
        self.election = election
        self.satisfaction = satisfaction
        self.ranks = ranks
        let projectCount = election.projects.count
        var weight: [Int64] = [], ballotStart = [0], ballotProject: [Int32] = [], ballotShare: [Int64] = []
        var counts = [Int](repeating: 0, count: projectCount)
        for ballot in election.ballots {
            weight.append(ballot.weight)
            for (k, project) in ballot.projects.enumerated() {
                ballotProject.append(project)
                ballotShare.append(satisfaction == .cardinal ? ballot.points[k] : 1)
                counts[Int(project)] += 1
            }
            ballotStart.append(ballotProject.count)
        }
        var supporterStart = [0]
        for count in counts { supporterStart.append(supporterStart.last! + count) }
        var fill = Array(supporterStart.dropLast())
        var supporterClass = [Int32](repeating: 0, count: ballotProject.count)
        var supporterShare = [Int64](repeating: 0, count: ballotProject.count)
        var totalShares = [Int64](repeating: 0, count: projectCount)
        for c in weight.indices {
            for entry in ballotStart[c]..<ballotStart[c + 1] {
                let p = Int(ballotProject[entry])
                supporterClass[fill[p]] = Int32(c)
                supporterShare[fill[p]] = ballotShare[entry]
                fill[p] += 1
                totalShares[p] += weight[c] * ballotShare[entry]
            }
        }
        var candidates: [Int] = [], free: [Int] = []
        for p in 0..<projectCount where totalShares[p] > 0 && eligible(p) {
            if election.projects[p].cost > 0 {
                candidates.append(p)
            } else if satisfaction != .cost {
                free.append(p)
            }
        }
        self.weight = weight
        self.ballotStart = ballotStart
        self.ballotProject = ballotProject
        self.ballotShare = ballotShare
        self.supporterStart = supporterStart
        self.supporterClass = supporterClass
        self.supporterShare = supporterShare
        self.totalShares = totalShares
        self.scale = election.projects.map { satisfaction == .cost ? UInt64($0.cost) : 1 }
        self.candidates = candidates
        self.freeProjects = free
    }

    var classCount: Int { weight.count }
}
