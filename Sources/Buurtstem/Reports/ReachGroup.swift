/// A buurt as counts are kept and published: one buurt, or several small buurten of one wijk merged so that no
/// group has fewer than ``ReachPrivacy/minimumHouseholds`` households (unless the whole wijk has fewer).
package struct ReachGroup: Sendable, Codable, Equatable {
    /// The group's code: the buurt's code for a single buurt or a large buurt with small ones merged in, the wijk's
    /// code followed by `-overig` for the wijk's small buurten together, the wijk's code when the group is the wijk.
    package let code: String
    /// The wijk it lies in.
    package let wijk: String
    /// Its buurten, by code: the first is the one that names it.
    package let buurten: [String]
    /// Households in the register snapshot.
    package let households: Int64

    /// One buurt's households, the input of ``groups(wijk:buurten:minimum:)``.
    package struct BuurtSize: Sendable, Equatable {
        /// The buurt's code.
        package let code: String
        /// Households in the snapshot.
        package let households: Int64

        /// A buurt with its households.
        package init(code: String, households: Int64) {
            self.code = code
            self.households = households
        }
    }

    /// The groups of one wijk's buurten (without households they are left out): buurten with at least `minimum`
    /// households are their own group; the small ones together form the group `WIJK-overig` if they reach
    /// `minimum`, else they join the smallest large buurt; if no buurt is large, the whole wijk is one group.
    /// Deterministic: the same sizes always give the same groups.
    package static func groups(wijk: String, buurten: [BuurtSize], minimum: Int64 = ReachPrivacy.minimumHouseholds) -> [ReachGroup] {
        let populated = buurten.filter { $0.households > 0 }.sorted { $0.code < $1.code }
        let large = populated.filter { $0.households >= minimum }
        let small = populated.filter { $0.households < minimum }
        let smallTotal = small.reduce(0) { $0 + $1.households }
        if large.isEmpty {
            return populated.isEmpty ? [] : [ReachGroup(code: wijk, wijk: wijk, buurten: populated.map(\.code), households: smallTotal)]
        }
        var groups = large.map { ReachGroup(code: $0.code, wijk: wijk, buurten: [$0.code], households: $0.households) }
        if small.isEmpty { return groups }
        if smallTotal >= minimum {
            groups.append(ReachGroup(code: wijk + "-overig", wijk: wijk, buurten: small.map(\.code), households: smallTotal))
        } else {
            // The smallest large buurt takes the small ones in (ties: the lowest code).
            let host = groups.indices.min { (groups[$0].households, groups[$0].code) < (groups[$1].households, groups[$1].code) }!
            let merged = groups[host]
            groups[host] = ReachGroup(code: merged.code, wijk: wijk, buurten: merged.buurten + small.map(\.code),
                                      households: merged.households + smallTotal)
        }
        return groups
    }

    /// The groups of every wijk, from households per buurt (`wijkOf` gives each buurt's wijk); by group code.
    package static func groups(households: [String: Int64], wijkOf: (String) -> String,
                              minimum: Int64 = ReachPrivacy.minimumHouseholds) -> [ReachGroup] {
        var perWijk: [String: [BuurtSize]] = [:]
        for (buurt, count) in households { perWijk[wijkOf(buurt), default: []].append(BuurtSize(code: buurt, households: count)) }
        return perWijk.keys.sorted().flatMap { groups(wijk: $0, buurten: perWijk[$0]!, minimum: minimum) }
    }
}
