import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// The shipped city-wide buurtbegroting (Ballots/buurtbegroting-groningen-stad-2027.yaml): one allocation over four
/// wijken with a cap each, weighted by volunteer hours and co-financing.
struct CityWideElection {
    static let file = "Ballots/buurtbegroting-groningen-stad-2027.yaml"
    static let id = "test-stad"

    let fixture: StemdagFixture
    let tally: Tally
    let definition: ElectionDefinition
    let seed: [UInt8]

    /// Votes of the 46 households: 20 for Korrewegwijk's three projects (which together cost more than its cap),
    /// the rest spread so that the weighting changes Hoogkerk's project.
    init(edit: @escaping (String) -> String = { $0 }) throws {
        let fixture = try StemdagFixture(ballotFile: Self.file, id: Self.id, edit: edit)
        self.fixture = fixture
        let box = BallotBox(store: fixture.store)
        for (index, code) in fixture.codes.enumerated() {
            let projects = switch index {
            case 0..<20: ["KW-A", "KW-B", "KW-C"]
            case 20..<30: ["OP-B", "LB-A", "HK-B"]
            case 30..<42: ["OP-A", "LB-B", "HK-A"]
            default: ["OP-B", "KW-C", "HK-B"]
            }
            _ = try box.cast(election: Self.id, kiosk: "bibliotheek", code: code, choices: projects.map { Choice(project: $0, value: 1) })
        }
        _ = try Polls.close(election: Self.id, store: fixture.store, timeMillis: 0) { fixture.kioskKeys[$0.name]! }
        tally = try Tally.count(election: Self.id, store: fixture.store)
        definition = try fixture.store.election(Self.id).decodedDefinition()
        seed = ElectionResult.lotSeed(logs: try fixture.store.finalLogHeads(election: Self.id))
    }

    /// The definition text without its caps.
    static func withoutCaps(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !(trimmed.hasPrefix("caps:") || (trimmed.hasPrefix("WK00140") && line.hasPrefix("      WK")))
        }.joined(separator: "\n")
    }
}

@Suite("Caps per wijk in a city-wide election", .serialized)
struct WijkCapsTests {
    @Test("each wijk is funded within its cap; without the caps Korrewegwijk would take more than its cap")
    func capsRespected() throws {
        let election = try CityWideElection()
        #expect(election.definition.contests.count == 1 && election.definition.contests[0].caps?.count == 4)
        let allocations = try election.tally.allocate(election.definition, lotSeed: election.seed)
        let areas = AreaFunding.lines(election.definition, allocations: allocations, names: try election.fixture.store.wijkNames())
        #expect(areas.map(\.area) == ["WK001401", "WK001402", "WK001403", "WK001404"])
        for area in areas { #expect(area.fundedCents <= area.capCents, "\(area.area)") }
        let korrewegwijk = try #require(areas.first)
        #expect(korrewegwijk.name == "Korrewegwijk" && korrewegwijk.fundedCents == 5_500_000 && korrewegwijk.capCents == 8_000_000)
        // KW-A has 20 votes and fits the budget, but not Korrewegwijk's cap: the explanation says so.
        let explanation = try #require(allocations[0].explanations.first { $0.project == "KW-A" })
        #expect(!explanation.funded)
        #expect(explanation.summary.hasPrefix("not funded: wijk WK001401's cap of EUR 80 000.00 would be exceeded"))

        // The same ballots without caps: Korrewegwijk takes all three of its projects, EUR 100,000 > its cap.
        let uncapped = try CityWideElection(edit: CityWideElection.withoutCaps)
        #expect(uncapped.definition.contests[0].caps == nil)
        let free = try uncapped.tally.allocate(uncapped.definition, lotSeed: uncapped.seed)
        let kw = uncapped.definition.contests[0].projects.filter { $0.area?.hasPrefix("BU001401") == true || $0.area == "WK001401" }
        let spent = kw.filter { free[0].funded.contains($0.id) }.reduce(Int64(0)) { $0 + $1.costCents }
        #expect(spent == 10_000_000)
        #expect(spent > korrewegwijk.capCents)
    }

    @Test("caps and criteria are signed: v2 definition bytes; a definition without them keeps its v1 bytes")
    func definitionBytes() throws {
        let election = try CityWideElection()
        let bytes = election.definition.canonicalBytes
        #expect(Array(bytes[4..<(4 + 21)]) == Array("buurtstem/election/v2".utf8))
        // Changing a cap or a criterion value or weight changes the hash, so the signature no longer covers it.
        let contest = election.definition.contests[0]
        var caps = try #require(contest.caps)
        caps[0] = AreaCap(area: caps[0].area, capCents: caps[0].capCents + 1)
        let changed = ElectionDefinition(
            id: election.definition.id, title: election.definition.title, gemeente: election.definition.gemeente,
            registerSnapshot: election.definition.registerSnapshot, eligibility: election.definition.eligibility,
            ballot: election.definition.ballot, allocation: election.definition.allocation,
            pollsOpenMillis: election.definition.pollsOpenMillis, pollsCloseMillis: election.definition.pollsCloseMillis,
            contests: [Contest(area: contest.area, budgetCents: contest.budgetCents, projects: contest.projects, caps: caps)],
            weighting: election.definition.weighting)
        #expect(changed.hash != election.definition.hash)
        let unweighted = ElectionDefinition(
            id: changed.id, title: changed.title, gemeente: changed.gemeente, registerSnapshot: changed.registerSnapshot,
            eligibility: changed.eligibility, ballot: changed.ballot, allocation: changed.allocation,
            pollsOpenMillis: changed.pollsOpenMillis, pollsCloseMillis: changed.pollsCloseMillis, contests: changed.contests,
            weighting: Weighting(criteria: [Weighting.Criterion(id: "vrijwilligersuren", title: "uren", weightPer10000: 5001)]))
        #expect(unweighted.hash != changed.hash)
        // A stored definition as JSON round-trips with its caps and criteria.
        let json = try JSONEncoder().encode(election.definition)
        #expect(try JSONDecoder().decode(ElectionDefinition.self, from: json) == election.definition)

        let korrewegwijk = try StemdagFixture()
        let plain = try korrewegwijk.store.election("test-kw").decodedDefinition()
        #expect(!plain.usesVersion2)
        #expect(Array(plain.canonicalBytes[4..<(4 + 21)]) == Array("buurtstem/election/v1".utf8))
    }

    @Test("the weighting comparison shows both outcomes and what each wijk gains or loses")
    func weightingComparison() throws {
        let election = try CityWideElection()
        let weighted = try election.tally.allocate(election.definition, lotSeed: election.seed)
        let unweighted = try election.tally.allocate(election.definition, lotSeed: election.seed, weighted: false)
        let comparison = try #require(WeightingComparison.compare(election.tally, definition: election.definition, weighted: weighted,
                                                                  unweighted: unweighted, names: try election.fixture.store.wijkNames()))
        #expect(comparison.criteria.map(\.weight) == ["0.5", "0.25"])
        // Hoogkerk's HK-A (12 votes, 200 volunteer hours: × 1.575 = 18.9) overtakes HK-B (14 votes × 1), and HK-B then
        // no longer fits Hoogkerk's cap: Hoogkerk gets EUR 8,000 instead of 15,000.
        let hoogkerk = try #require(comparison.areas.first { $0.area == "WK001404" })
        #expect(hoogkerk.name == "Hoogkerk")
        #expect(hoogkerk.gained == ["HK-A"] && hoogkerk.lost == ["HK-B"])
        #expect(hoogkerk.unweightedCents == 1_500_000 && hoogkerk.weightedCents == 800_000 && hoogkerk.differenceCents == -700_000)
        for area in comparison.areas where area.area != "WK001404" {
            #expect(area.differenceCents == 0 && area.gained.isEmpty && area.lost.isEmpty, "\(area.area)")
        }
        let hka = try #require(comparison.projects.first { $0.id == "HK-A" })
        #expect(hka.factor == "1.5750" && hka.support == 12 && hka.fundedWeighted && !hka.fundedUnweighted)
        #expect(comparison.text.contains("WK001404 Hoogkerk"))
        #expect(comparison.text.contains("gains HK-A; loses HK-B"))
        // The published outcome is the weighted one.
        #expect(weighted[0].funded.contains("HK-A") && !weighted[0].funded.contains("HK-B"))
    }
}
