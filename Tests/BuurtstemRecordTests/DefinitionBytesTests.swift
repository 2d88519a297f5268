import BuurtstemCrypto
import BuurtstemRecord
import Testing

/// The election definition's canonical bytes, every layout docs/record.md specifies ("Definition": v1, v2 with caps
/// and a weighting, v4 of a secret election; v3 is in ContestConstraintsTests), rebuilt by hand from the page and
/// compared with the record library's bytes and hash.
@Suite("Definition bytes, built by hand from docs/record.md")
struct DefinitionBytesTests {
    static let allocation = AllocationSpec(rule: .mes, satisfaction: .cost, completion: .add1, tieBreak: .costVotes)

    static func definition(ballot: BallotType, eligibility: Eligibility = .resident(minimumAge: 16), contests: [Contest],
                           weighting: Weighting? = nil, secretBallot: SecretBallot? = nil) -> ElectionDefinition {
        ElectionDefinition(id: "2027-kw", title: "Wijkbudget Korrewegwijk", gemeente: "GM0014", registerSnapshot: 7,
                           eligibility: eligibility, ballot: ballot, allocation: allocation,
                           pollsOpenMillis: 1_800_000_000_000, pollsCloseMillis: 1_800_000_360_000,
                           contests: contests, weighting: weighting, secretBallot: secretBallot)
    }

    static let groen = Project(id: "KW-01", title: "Bomen", description: "Tien bomen", costCents: 1_500_000, area: "BU00140100",
                               category: "groen")
    static let spelen = Project(id: "KW-02", title: "Speeltuin", description: "", costCents: 2_500_000, area: nil, category: nil)

    /// Every field up to `i64(polls_close_ms)`, the same in each layout but for the tag.
    static func head(tag: String, ballotCode: UInt8, a: UInt32, b: UInt32, household: Bool = false) -> HandBytes {
        var w = HandBytes(tag: tag)
        w.str("2027-kw")
        w.str("Wijkbudget Korrewegwijk")
        w.str("GM0014")
        w.i64(7)
        if household {
            w.u8(1)
            w.u32(0)
        } else {
            w.u8(2)
            w.u32(16)
        }
        w.u8(ballotCode)
        w.u32(a)
        w.u32(b)
        w.str("mes")
        w.str("cost")
        w.str("add1")
        w.str("cost-votes")
        w.i64(1_800_000_000_000)
        w.i64(1_800_000_360_000)
        return w
    }

    /// v1's project fields.
    static func project(_ w: inout HandBytes, _ project: Project) {
        w.str(project.id)
        w.str(project.title)
        w.str(project.description)
        w.i64(project.costCents)
        w.str(project.area ?? "")
        w.str(project.category ?? "")
    }

    @Test("v1: every ballot type's two numbers, both eligibilities, the allocation and the projects' optional fields")
    func version1() {
        let contests = [Contest(area: "WK001401", budgetCents: 4_000_000, projects: [Self.groen, Self.spelen]),
                        Contest(area: "WK001402", budgetCents: 1_000_000, projects: [Self.spelen])]
        // (ballot, code, a, b) as the page lists them.
        let ballots: [(BallotType, UInt8, UInt32, UInt32)] = [
            (.chooseOne, 1, 0, 0), (.approval(min: 1, max: 2), 2, 1, 2), (.knapsack, 3, 0, 0),
            (.cumulative(points: 10, maxPerProject: 4), 4, 10, 4), (.cumulative(points: 10, maxPerProject: nil), 4, 10, 0),
            (.ranking(max: 3), 5, 0, 3),
        ]
        for (ballot, code, a, b) in ballots {
            for household in [false, true] {
                let definition = Self.definition(ballot: ballot, eligibility: household ? .household : .resident(minimumAge: 16),
                                                 contests: contests)
                var w = Self.head(tag: "buurtstem/election/v1", ballotCode: code, a: a, b: b, household: household)
                w.u32(2)
                w.str("WK001401")
                w.i64(4_000_000)
                w.u32(2)
                Self.project(&w, Self.groen)
                Self.project(&w, Self.spelen)
                w.str("WK001402")
                w.i64(1_000_000)
                w.u32(1)
                Self.project(&w, Self.spelen)
                #expect(definition.canonicalBytes == w.bytes, "\(ballot)")
                #expect(definition.hash == SHA.sha256(w.bytes))
            }
        }
        // No satisfaction or completion: empty strings in their place.
        let plain = ElectionDefinition(id: "e", title: "t", gemeente: "GM0014", registerSnapshot: -1, eligibility: .household,
                                       ballot: .knapsack, allocation: AllocationSpec(rule: .greedy, satisfaction: nil, completion: nil, tieBreak: .lexico),
                                       pollsOpenMillis: 1, pollsCloseMillis: 2, contests: [])
        var w = HandBytes(tag: "buurtstem/election/v1")
        w.str("e")
        w.str("t")
        w.str("GM0014")
        w.i64(-1)
        w.u8(1)
        w.u32(0)
        w.u8(3)
        w.u32(0)
        w.u32(0)
        for text in ["greedy", "", "", "lexico"] { w.str(text) }
        w.i64(1)
        w.i64(2)
        w.u32(0)
        #expect(plain.canonicalBytes == w.bytes)
    }

    static let caps = [AreaCap(area: "WK001402", capCents: 900_000), AreaCap(area: "WK001401", capCents: 3_000_000)]
    static let weighting = Weighting(criteria: [.init(id: "vrijwilligersuren", title: "Uren", weightPer10000: 2500),
                                                .init(id: "bereik", title: "Bereik", weightPer10000: 5000)])
    static let weighted = Project(id: "KW-01", title: "Bomen", description: "Tien bomen", costCents: 1_500_000, area: "WK001401",
                                  category: "groen", criteria: ["bereik": 30, "vrijwilligersuren": 200])
    static let partly = Project(id: "KW-02", title: "Speeltuin", description: "", costCents: 2_500_000, area: "WK001402",
                                category: nil, criteria: ["bereik": 5])

    /// v2's project fields: v1's and the value of every criterion in the weighting's order.
    static func weightedProject(_ w: inout HandBytes, _ project: Project, criteria: [Int64]) {
        Self.project(&w, project)
        w.u32(criteria.count)
        for value in criteria { w.i64(value) }
    }

    /// v2's weighting section.
    static func weightingSection(_ w: inout HandBytes) {
        w.u8(1)
        w.u32(2)
        w.str("vrijwilligersuren")
        w.str("Uren")
        w.i64(2500)
        w.str("bereik")
        w.str("Bereik")
        w.i64(5000)
    }

    /// The gemeente-wide contest's area, budget and caps, the caps in ascending wijk order (given the other way round).
    static func gemeenteContest(_ w: inout HandBytes) {
        w.str("GM0014")
        w.i64(5_000_000)
        w.u32(2)
        w.str("WK001401")
        w.i64(3_000_000)
        w.str("WK001402")
        w.i64(900_000)
    }

    @Test("v2: caps in ascending wijk order, every project's criteria in the weighting's order (0 when absent), the weighting")
    func version2() {
        let contests = [Contest(area: "GM0014", budgetCents: 5_000_000, projects: [Self.weighted, Self.partly], caps: Self.caps),
                        Contest(area: "WK001403", budgetCents: 100_000, projects: [])]
        let definition = Self.definition(ballot: .approval(min: 1, max: 2), contests: contests, weighting: Self.weighting)
        var w = Self.head(tag: "buurtstem/election/v2", ballotCode: 2, a: 1, b: 2)
        w.u32(2)
        Self.gemeenteContest(&w)
        w.u32(2)
        Self.weightedProject(&w, Self.weighted, criteria: [200, 30])
        Self.weightedProject(&w, Self.partly, criteria: [0, 5])
        w.str("WK001403")
        w.i64(100_000)
        w.u32(0)
        w.u32(0)
        Self.weightingSection(&w)
        #expect(definition.canonicalBytes == w.bytes)
        #expect(definition.hash == SHA.sha256(w.bytes))

        // Caps without a weighting: v2, each project with no criteria and the weighting absent.
        let capped = Self.definition(ballot: .knapsack, contests: [Contest(area: "GM0014", budgetCents: 5_000_000,
                                                                            projects: [Self.groen], caps: Self.caps)])
        var c = Self.head(tag: "buurtstem/election/v2", ballotCode: 3, a: 0, b: 0)
        c.u32(1)
        Self.gemeenteContest(&c)
        c.u32(1)
        Self.weightedProject(&c, Self.groen, criteria: [])
        c.u8(0)
        c.u32(0)
        #expect(capped.canonicalBytes == c.bytes)
    }

    @Test("v4: v3's layout for every contest, then the election key, t, n, the key file's hash and the width")
    func version4() throws {
        let key = Ristretto255.Point.base(Ristretto255.Scalar(12345))
        let keyFileHash = SHA.sha256(Array("election-key.json".utf8))
        let secret = SecretBallot(publicKey: key, threshold: 2, trustees: 3, electionKeySHA256: keyFileHash, width: 2)
        let constraints = ContestConstraints(minimum: .votes(3), categoryBudgets: [.init(category: "groen", capCents: 2_000_000)],
                                             exclusions: [["KW-01", "KW-02"]], maximumFunded: 1, maximumFundedPerWijk: 1,
                                             categoryMaxima: [.init(category: "groen", maximum: 1)])
        let contests = [Contest(area: "GM0014", budgetCents: 5_000_000, projects: [Self.weighted, Self.partly], caps: Self.caps,
                                constraints: constraints),
                        Contest(area: "WK001403", budgetCents: 100_000, projects: [Self.spelen])]
        let definition = Self.definition(ballot: .ranking(max: 2), contests: contests, weighting: Self.weighting, secretBallot: secret)
        var w = Self.head(tag: "buurtstem/election/v4", ballotCode: 5, a: 0, b: 2)
        w.u32(2)
        Self.gemeenteContest(&w)
        w.u8(1)
        w.u32(3)
        w.u32(1)
        w.str("groen")
        w.i64(2_000_000)
        w.u32(1)
        w.u32(2)
        w.str("KW-01")
        w.str("KW-02")
        w.u32(1)
        w.u32(1)
        w.u32(1)
        w.str("groen")
        w.u32(1)
        w.u32(2)
        Self.weightedProject(&w, Self.weighted, criteria: [200, 30])
        Self.weightedProject(&w, Self.partly, criteria: [0, 5])
        // The second contest: no caps, no constraints (the empty v3 fields), one project.
        w.str("WK001403")
        w.i64(100_000)
        w.u32(0)
        w.u8(0)
        for _ in 0..<6 { w.u32(0) }
        w.u32(1)
        Self.weightedProject(&w, Self.spelen, criteria: [0, 0])
        Self.weightingSection(&w)
        w.raw(key.bytes)
        w.u32(2)
        w.u32(3)
        w.raw(keyFileHash)
        w.u32(2)
        #expect(definition.canonicalBytes == w.bytes)
        #expect(definition.hash == SHA.sha256(w.bytes))

        // A secret definition without caps, constraints or a weighting still has every v2 and v3 field, empty.
        let bare = Self.definition(ballot: .chooseOne, eligibility: .household,
                                   contests: [Contest(area: "WK001403", budgetCents: 100_000, projects: [Self.spelen])], secretBallot: secret)
        var b = Self.head(tag: "buurtstem/election/v4", ballotCode: 1, a: 0, b: 0, household: true)
        b.u32(1)
        b.str("WK001403")
        b.i64(100_000)
        b.u32(0)
        b.u8(0)
        for _ in 0..<6 { b.u32(0) }
        b.u32(1)
        Self.weightedProject(&b, Self.spelen, criteria: [])
        b.u8(0)
        b.u32(0)
        b.raw(key.bytes)
        b.u32(2)
        b.u32(3)
        b.raw(keyFileHash)
        b.u32(2)
        #expect(bare.canonicalBytes == b.bytes)
    }
}
