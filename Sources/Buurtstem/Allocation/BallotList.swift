/// One ballot per voter in three flat arrays: the form a streaming reader fills without an allocation per voter,
/// and that `AllocationInput` groups into weighted ballots.
public struct BallotList: Sendable, Equatable {
    /// The project indices of every ballot, one ballot after the other.
    public private(set) var projects: [Int32] = []
    /// The points aligned with `projects`; empty when every entry counts 1 (approval).
    public private(set) var points: [Int64] = []
    /// Where each ballot ends in `projects` (ballot `i` is `ends[i-1] ..< ends[i]`).
    public private(set) var ends: [Int] = []

    /// An empty list.
    public init() {}

    /// The number of ballots (voters), empty ones included.
    public var count: Int { ends.count }

    /// Ballot `voter`'s range in `projects` (and `points`).
    public func range(_ voter: Int) -> Range<Int> {
        (voter == 0 ? 0 : ends[voter - 1])..<ends[voter]
    }

    /// Reserves room for `voters` ballots of about `entries` entries in all.
    public mutating func reserve(voters: Int, entries: Int) {
        ends.reserveCapacity(voters)
        projects.reserveCapacity(entries)
    }

    /// Adds one entry to the ballot being written; `points` is nil for approval entries (then every entry must be).
    public mutating func add(project: Int32, points value: Int64?) {
        projects.append(project)
        if let value { points.append(value) }
    }

    /// Replaces the points of entry `index` (a reader merging a project listed twice).
    mutating func setPoints(_ value: Int64, at index: Int) {
        points[index] = value
    }

    /// Ends the ballot being written (it may be empty).
    public mutating func endBallot() {
        ends.append(projects.count)
    }

    /// The same ballots with `value(position)` points for the entry at each position (0 = first listed).
    public func withPositionalPoints(_ value: (Int) -> Int64) -> BallotList {
        var list = self
        list.points = []
        list.points.reserveCapacity(projects.count)
        for voter in 0..<count {
            for (position, _) in range(voter).enumerated() { list.points.append(value(position)) }
        }
        return list
    }
}
