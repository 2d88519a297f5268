import BigInt
import Testing
@testable import Buurtstem

/// A small exact fraction for the reference implementation (test-sized numbers only).
private struct Fraction: Comparable {
    var n: Int128, d: Int128

    init(_ n: Int128, _ d: Int128 = 1) {
        var a = n.magnitude, b = d.magnitude
        while b != 0 { (a, b) = (b, a % b) }
        let g = Int128(max(a, 1))
        self.n = n / g * (d < 0 ? -1 : 1)
        self.d = d.magnitude == 0 ? 1 : Int128(d.magnitude) / g
    }

    static func + (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d + b.n * a.d, a.d * b.d) }
    static func - (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d - b.n * a.d, a.d * b.d) }
    static func * (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.n, a.d * b.d) }
    static func / (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d, a.d * b.n) }
    static func < (a: Fraction, b: Fraction) -> Bool { a.n * b.d < b.n * a.d }
}

/// The textbook MES (pabutools' naive_mes) on single voters with exact fractions, ties by lexico.
private func referenceMES(_ election: AllocationInput, satisfaction: Satisfaction) -> [String] {
    var voters: [[Int: Int64]] = []
    for ballot in election.ballots {
        for _ in 0..<ballot.weight {
            voters.append(Dictionary(uniqueKeysWithValues: zip(ballot.projects.map(Int.init), ballot.points)))
        }
    }
    var budget = [Fraction](repeating: Fraction(Int128(election.budget), Int128(election.voterCount)), count: voters.count)
    let ranks = TieBreak.lexico.ranks(for: election)
    var remaining = election.projects.indices.filter { p in election.projects[p].cost > 0 && voters.contains { $0[p] != nil } }
    var chosen: [String] = []
    func utility(_ i: Int, _ p: Int) -> Fraction {
        guard let points = voters[i][p] else { return Fraction(0) }
        switch satisfaction {
        case .cost: return Fraction(Int128(election.projects[p].cost))
        case .cardinality: return Fraction(1)
        case .cardinal: return Fraction(Int128(points))
        }
    }
    while true {
        var best: (rho: Fraction, p: Int)?
        remaining.removeAll { p in
            let supporters = voters.indices.filter { voters[$0][p] != nil }
            let total = supporters.reduce(Fraction(0)) { $0 + budget[$1] }
            return total < Fraction(Int128(election.projects[p].cost))
        }
        for p in remaining {
            let cost = Fraction(Int128(election.projects[p].cost))
            let supporters = voters.indices.filter { voters[$0][p] != nil }
                .sorted { budget[$0] / utility($0, p) < budget[$1] / utility($1, p) }
            var paid = Fraction(0)
            var denominator = supporters.reduce(Fraction(0)) { $0 + utility($1, p) }
            for i in supporters {
                let rho = (cost - paid) / denominator
                if !(budget[i] < rho * utility(i, p)) {
                    if best == nil || rho < best!.rho || (!(best!.rho < rho) && ranks[p] < ranks[best!.p]) { best = (rho, p) }
                    break
                }
                paid = paid + budget[i]
                denominator = denominator - utility(i, p)
            }
        }
        guard let winner = best else { return chosen }
        for i in voters.indices where voters[i][winner.p] != nil {
            let share = winner.rho * utility(i, winner.p)
            budget[i] = share < budget[i] ? budget[i] - share : Fraction(0)
        }
        chosen.append(election.projects[winner.p].id)
        remaining.removeAll { $0 == winner.p }
    }
}

/// A deterministic generator (SplitMix64) so failures reproduce.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Exactness")
struct AllocationExactnessTests {
    @Test("fast MES equals textbook exact MES on random small elections", arguments: [Satisfaction.cost, .cardinality, .cardinal])
    func randomElections(_ satisfaction: Satisfaction) throws {
        // A fixed seed per satisfaction (hashValue is randomised per process), printed with every failure.
        let seed: UInt64 = 20_240_415 &+ UInt64(Satisfaction.allCases.firstIndex(of: satisfaction) ?? 0)
        var random = SplitMix(state: seed)
        for _ in 0..<150 {
            let projectCount = Int.random(in: 2...6, using: &random)
            let projects = (0..<projectCount).map { AllocationProject(id: "p\($0)", cost: Int64.random(in: 1...12, using: &random) * 5) }
            let voterCount = Int.random(in: 1...9, using: &random)
            // Few distinct costs and small ballots make exact ties and exact "budget equals share" cases common.
            let ballots = (0..<voterCount).map { _ in
                (0..<projectCount).filter { _ in Bool.random(using: &random) }
                    .map { (project: $0, points: satisfaction == .cardinal ? Int64.random(in: 1...3, using: &random) : 1) }
            }
            let election = try AllocationInput(projects: projects, budget: Int64.random(in: 10...80, using: &random),
                                        kind: satisfaction == .cardinal ? .cardinal : .approval, ballots: ballots)
            let fast = try Allocator.allocate(election, options: AllocationOptions(rule: .mes, satisfaction: satisfaction))
            #expect(fast.selected.map { election.projects[$0].id } == referenceMES(election, satisfaction: satisfaction),
                    "seed \(seed): \(projects.map(\.cost)) budget \(election.budget) ballots \(ballots.map { $0.map(\.project) })")
        }
    }

    @Test("BigNatural arithmetic agrees with Int128")
    func bigNatural() {
        var random = SplitMix(state: 7)
        for _ in 0..<500 {
            let a = UInt64.random(in: 0...UInt64.max, using: &random), b = UInt64.random(in: 1...UInt64.max, using: &random)
            let small = UInt64.random(in: 1...1_000_000, using: &random)
            let product = BigNatural(a) * BigNatural(b)
            #expect(product.description == String(UInt128(a) * UInt128(b)))
            #expect((BigNatural(a) * small).description == String(UInt128(a) * UInt128(small)))
            #expect((BigNatural(a) + BigNatural(b)).description == String(UInt128(a) + UInt128(b)))
            let (q, r) = product.quotientAndRemainder(dividingBy: small)
            #expect(q.description == String(UInt128(a) * UInt128(b) / UInt128(small)))
            #expect(UInt128(r) == UInt128(a) * UInt128(b) % UInt128(small))
            #expect((product - BigNatural(a)).description == String(UInt128(a) * UInt128(b) - UInt128(a)))
            #expect((BigNatural(a) < BigNatural(b)) == (a < b))
            var sum = BigNatural(b)
            sum.add(BigNatural(a), times: small)
            #expect(sum.description == String(UInt128(a) * UInt128(small) + UInt128(b)))
        }
        // Beyond 128 bits: (2^64 - 1)^4 / (2^64 - 1)^2 is exactly (2^64 - 1)^2.
        let m = BigNatural(UInt64.max)
        #expect(BigNatural.ratio(m * m * m * m, m * m) == Double(UInt64.max) * Double(UInt64.max))
        #expect((m * m * m).bitWidth == 192)
        var wide = m * m
        wide.add(m * m, times: UInt64.max)
        #expect(wide == m * m * BigNatural(UInt64.max) + m * m)
        #expect(BigNatural(UInt64(12)).gcd(18) == 6)
    }

    @Test("BigNatural beyond 128 bits agrees with BigInt's BigUInt")
    func bigNaturalWide() {
        let seed: UInt64 = 20_261_206
        var random = SplitMix(state: seed)
        func wide() -> (BigNatural, BigUInt) {
            var mine = BigNatural(UInt64(1)), theirs = BigUInt(1)
            for _ in 0..<Int.random(in: 1...5, using: &random) {
                let factor = UInt64.random(in: 1...UInt64.max, using: &random)
                mine = mine * BigNatural(factor)
                theirs *= BigUInt(factor)
            }
            return (mine, theirs)
        }
        for round in 0..<300 {
            let (a, bigA) = wide(), (b, bigB) = wide()
            let small = UInt64.random(in: 1...UInt64.max, using: &random)
            #expect((a * b).description == (bigA * bigB).description, "seed \(seed) round \(round)")
            #expect((a + b).description == (bigA + bigB).description, "seed \(seed) round \(round)")
            #expect((a < b) == (bigA < bigB), "seed \(seed) round \(round)")
            if !(a < b) { #expect((a - b).description == (bigA - bigB).description, "seed \(seed) round \(round)") }
            let (q, r) = a.quotientAndRemainder(dividingBy: small)
            #expect(q.description == (bigA / BigUInt(small)).description && BigUInt(r) == bigA % BigUInt(small), "seed \(seed) round \(round)")
            var sum = a
            sum.add(b, times: small)
            #expect(sum.description == (bigA + bigB * BigUInt(small)).description, "seed \(seed) round \(round)")
            #expect(a.bitWidth == bigA.bitWidth, "seed \(seed) round \(round)")
        }
    }
}
