import Buurtstem
import BuurtstemDemo
import Foundation
import Testing

@Suite("Area budget plans")
struct BudgetPlanTests {
    private func shipped(_ name: String) throws -> String {
        String(decoding: try shippedFile("Budgets/\(name)"), as: UTF8.self)
    }

    /// The problems of a plan that must be refused as malformed.
    private func malformed(_ text: String, known: KnownAreas? = nil) -> [Problem] {
        do {
            _ = try BudgetPlanFile.parse(text, file: "plan.yaml", known: known)
            return []
        } catch let error as InputError {
            return error.problems
        } catch {
            return [Problem(file: "?", message: "unexpected \(error)")]
        }
    }

    /// A small valid plan, with `edit` applied to its text.
    private func plan(_ edit: (String) -> String = { $0 }) -> String {
        edit("""
        id: test-plan
        title: Testplan
        gemeente: GM0014
        period: { from: 2011, to: 2014 }
        funders:
          - { id: gemeente, name: Gemeente, share: 50 %, amount: 550000 }
          - { id: corporaties, name: Corporaties, share: 1/2, amount: 550000 }
        classes:
          - { id: groot, name: grote wijk, cap: 450000, count: 2, subtotal: 900000 }
          - { id: klein, name: kleine wijk, cap: 200000, count: 1, subtotal: 200000 }
        total: 1100000
        areas:
          - { code: WK001401, name: Selwerd, class: groot }
          - { code: WK001402, name: Paddepoel, class: groot }
          - { code: BU00140300, name: De Wijert-Noord, class: klein }
        """)
    }

    @Test("Groningen's plan adds up: EUR 8,875,000.00 in all, EUR 4,437,500.00 per funder")
    func groningen() throws {
        let check = try BudgetCheck.check(try shipped("groningen-wijkvernieuwing-2011-2014.yaml"), file: "groningen.yaml")
        #expect(check.problems == [])
        #expect(check.addsUp)
        #expect(check.totalCents == 887_500_000)
        #expect(check.statedTotalCents == 887_500_000)
        #expect(check.funders.map(\.amountCents) == [443_750_000, 443_750_000])
        #expect(check.classes.map(\.count) == [7, 4, 3, 1])
        #expect(check.classes.map(\.subtotalCents) == [630_000_000, 180_000_000, 67_500_000, 10_000_000])
        #expect(check.classes[0].areas == (1...7).map { "WK00140\($0)" })
        #expect(check.areaCount == 15)
    }

    @Test("Groningen's plan fits the demo's synthetic gemeente, names and all")
    func groningenAgainstSyntheticStore() throws {
        let folder = try temporaryDirectory()
        let db = folder.appendingPathComponent("demo.sqlite").path
        let gemeente = SyntheticGemeente(households: 10)
        _ = try Gemeente.initialise(name: gemeente.name, code: gemeente.code, databasePath: db,
                                    keyPath: folder.appendingPathComponent("issuing.key").path, passphrase: "test passphrase")
        let store = try Store.open(path: db)
        _ = try AreaImport.run(Array(gemeente.areasCSV.utf8), file: "areas.csv", into: store)
        let check = try BudgetCheck.check(try shipped("groningen-wijkvernieuwing-2011-2014.yaml"), file: "groningen.yaml",
                                          known: try KnownAreas(store: store))
        #expect(check.problems == [])
        #expect(check.checkedAgainstStore)
    }

    @Test("the broken plan is refused with every exact difference on its line")
    func broken() throws {
        let check = try BudgetCheck.check(try shipped("broken-plan.yaml"), file: "broken-plan.yaml")
        #expect(!check.addsUp)
        #expect(check.totalCents == 842_500_000)
        #expect(check.problems.map(\.line) == [20, 24, 35, 36, 41, 48])
        #expect(check.problems.map(\.field) == ["funders[1].amount", "funders[2].amount", "classes[2].count", "classes[2].subtotal",
                                                "classes[3].subtotal", "total"])
        let messages = check.problems.map(\.message)
        #expect(messages[0].contains("stated at € 4.428.500,00, but its share (50 %) of € 8.425.000,00 is € 4.212.500,00; a difference of € 216.000,00 (stated too high)"))
        #expect(messages[0].contains("its share of the stated total (line 48)"))
        #expect(messages[2].contains("states 4 areas, but 3 are listed with it (lines 58, 59, 60): 1 too many"))
        #expect(messages[3].contains("is € 1.800.000,00, but 3 areas × € 450.000,00 = € 1.350.000,00; a difference of € 450.000,00 (stated too high)"))
        #expect(messages[3].contains("the stated count (line 35)"))
        #expect(messages[4].contains("is € 657.000,00, but 3 areas × € 225.000,00 = € 675.000,00; a difference of € 18.000,00 (stated too low)"))
        #expect(messages[5].contains("the total is € 8.857.000,00, but the classes come to € 8.425.000,00"))
        #expect(messages[5].contains("a difference of € 432.000,00 (stated too high); it is the sum of the stated subtotals, so it carries their mistakes (lines 36, 41)"))
    }

    @Test("the small plan adds up, buurten included")
    func small() throws {
        let check = try BudgetCheck.check(plan(), file: "plan.yaml")
        #expect(check.problems == [])
        #expect(check.funders.map(\.shareText) == ["50 %", "50 %"])
    }

    @Test("a total off by a cent is named with the cent")
    func oneCent() throws {
        let check = try BudgetCheck.check(plan { $0.replacingOccurrences(of: "total: 1100000", with: "total: 1100000.01") }, file: "plan.yaml")
        #expect(check.problems.count == 1)
        #expect(check.problems.first?.line == 11)
        #expect(check.problems.first?.message.contains("a difference of € 0,01 (stated too high)") == true)
        // The total is wrong, not the classes: the hint about stated subtotals must not appear.
        #expect(check.problems.first?.message.contains("stated subtotals") == false)
    }

    @Test("shares that do not add up to 100 % are named with the difference, and no funder amount is computed")
    func sharesShort() throws {
        let check = try BudgetCheck.check(plan { $0.replacingOccurrences(of: "share: 1/2", with: "share: 45 %") }, file: "plan.yaml")
        #expect(check.problems.map(\.line) == [5])
        #expect(check.problems.first?.message.contains("add up to 95 %, not 100 %: 5 % short") == true)
        #expect(check.funders.map(\.amountCents) == [nil, nil])
        let over = try BudgetCheck.check(plan { $0.replacingOccurrences(of: "share: 1/2", with: "share: 2/3") }, file: "plan.yaml")
        #expect(over.problems.first?.message.contains("add up to 7/6, not 100 %: 1/6 too much") == true)
    }

    @Test("a funder amount that is not its share is named; a share that is not whole cents says how it was rounded")
    func funderAmounts() throws {
        let wrong = try BudgetCheck.check(plan { $0.replacingOccurrences(of: "share: 50 %, amount: 550000", with: "share: 50 %, amount: 550000.5") }, file: "plan.yaml")
        #expect(wrong.problems.map(\.field) == ["funders[1].amount"])
        #expect(wrong.problems.first?.message.contains("a difference of € 0,50 (stated too high)") == true)
        let thirds = try BudgetCheck.check(plan {
            $0.replacingOccurrences(of: "share: 50 %, amount: 550000 }", with: "share: 1/3, amount: 366666.67 }\n  - { id: provincie, name: Provincie, share: 1/3 }")
                .replacingOccurrences(of: "share: 1/2, amount: 550000", with: "share: 1/3, amount: 366666.67")
        }, file: "plan.yaml")
        // 1,100,000.00 / 3 = 366,666.666...: the two first listed get the extra cent.
        #expect(thirds.funders.map(\.amountCents) == [36_666_667, 36_666_667, 36_666_666])
        // The third listed (Corporaties, stated like the others) is the one without the extra cent.
        #expect(thirds.problems.map(\.field) == ["funders[3].amount"])
        #expect(thirds.problems.first?.message.contains("largest-remainder") == true)
    }

    @Test("each kind of malformed plan is refused with its line and key")
    func malformedPlans() {
        let cases: [(edit: (String) -> String, line: Int, field: String, text: String)] = [
            ({ $0.replacingOccurrences(of: "class: klein", with: "class: kleinst") }, 15, "areas[3].class", "there is no class 'kleinst'; the classes are: groot, klein"),
            ({ $0.replacingOccurrences(of: "code: WK001402", with: "code: WK001401") }, 14, "areas[2].code", "WK001401 is listed twice (first on line 13)"),
            ({ $0.replacingOccurrences(of: "BU00140300", with: "BU00140100") }, 15, "areas", "buurt BU00140100 lies in wijk WK001401, which is listed on line 13"),
            ({ $0.replacingOccurrences(of: "WK001402", with: "WK1402") }, 14, "areas[2].code", "'WK1402' is not a CBS area code"),
            ({ $0.replacingOccurrences(of: "WK001402", with: "WK022802") }, 14, "areas[2].code", "WK022802 is not in gemeente GM0014"),
            ({ $0.replacingOccurrences(of: "total: 1100000", with: "totaal: 1100000") }, 11, "totaal", "unknown key 'totaal'"),
            ({ $0.replacingOccurrences(of: "share: 1/2", with: "share: 0.5") }, 7, "funders[2].share", "'0.5' is not a share"),
            ({ $0.replacingOccurrences(of: "share: 1/2", with: "share: 120 %") }, 7, "funders[2].share", "'120 %' is not a share"),
            ({ $0.replacingOccurrences(of: "cap: 450000", with: "cap: 450.000,00") }, 9, "classes[1].cap", "'cap' should be an amount in euros"),
            ({ $0.replacingOccurrences(of: "cap: 450000", with: "cap: 0") }, 9, "classes[1].cap", "the cap is zero"),
            ({ $0.replacingOccurrences(of: "id: klein,", with: "id: groot,") }, 10, "classes[2].id", "class id 'groot' is used twice (first on line 9)"),
            ({ $0.replacingOccurrences(of: "count: 1,", with: "count: one,") }, 10, "classes[2].count", "'count' should be a whole number"),
            ({ $0.replacingOccurrences(of: "to: 2014", with: "to: 2010") }, 4, "period.to", "the period ends in 2010, before it starts in 2011"),
            ({ $0.replacingOccurrences(of: "gemeente: GM0014", with: "gemeente: 0014") }, 3, "gemeente", "'0014' is not a gemeente code"),
            ({ $0.replacingOccurrences(of: "total: 1100000", with: "total: 1000000000000") }, 11, "total", "more than a plan may state"),
            ({ $0.replacingOccurrences(of: "title: Testplan\n", with: "") }, 1, "title", "'title' is missing"),
        ]
        for (edit, line, field, text) in cases {
            let problems = malformed(plan(edit))
            #expect(problems.contains { $0.line == line && $0.field == field && $0.message.contains(text) }, "\(text): got \(problems)")
        }
        let notYAML = malformed("id: [unclosed")
        #expect(notYAML.first?.message.contains("not valid YAML") == true)
        let emptyAreas = malformed(plan { String($0[..<$0.range(of: "areas:")!.upperBound]) + " []" })
        #expect(emptyAreas.contains { $0.field == "areas" && $0.message.contains("lists no areas") })
    }

    @Test("held against a store: unknown areas, other names and another gemeente are refused")
    func againstStore() throws {
        let (store, _) = try groningenStore() // Examples/groningen/areas.csv: WK001401 Korrewegwijk, WK001402 Oosterpark
        let known = try KnownAreas(store: store)
        let problems = malformed(plan {
            $0.replacingOccurrences(of: "Selwerd", with: "Korrewegwijk").replacingOccurrences(of: "BU00140300", with: "BU00149999")
        }, known: known)
        #expect(problems.map(\.line) == [14, 15])
        #expect(problems.first?.message.contains("WK001402 is 'Oosterpark' in the database, not 'Paddepoel'") == true)
        #expect(problems.last?.message.contains("the database has no buurt BU00149999") == true)
        let otherGemeente = malformed(plan { $0.replacingOccurrences(of: "GM0014", with: "GM0228").replacingOccurrences(of: "0014", with: "0228") }, known: known)
        #expect(otherGemeente.contains { $0.field == "gemeente" && $0.message.contains("the database is for gemeente GM0014, not GM0228") })
    }

    @Test("shares are read exactly and shown as people write them")
    func shares() {
        #expect(Share(parsing: "50 %") == Share(parsing: "1/2"))
        #expect(Share(parsing: "12,5 %")?.description == "12,5 %")
        #expect(Share(parsing: "12.5%")?.description == "12,5 %")
        #expect(Share(parsing: "33,3333 %")?.description == "33,3333 %")
        #expect(Share(parsing: "2/6")?.description == "1/3")
        #expect(Share(parsing: "3/4")?.description == "75 %")
        for bad in ["50", "0.5", "0 %", "101 %", "1/0", "3/2", "12,34567 %", "-5 %", "1/1000001", "x %"] {
            #expect(Share(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("property: a largest-remainder split always adds up to the amount, each part within a cent of its exact share")
    func splitProperty() {
        var random = SplitMix64(seed: 2011_2014)
        for _ in 0..<5_000 {
            let shares = randomShares(&random)
            let cents = Int64(random.next() % 10_000_000_000_000) // up to EUR 100 billion
            let parts = CentSplit.split(cents, by: shares)
            #expect(parts.reduce(0, +) == cents, "\(cents) by \(shares)")
            for (part, share) in zip(parts, shares) {
                // |part × d − cents × n| < d, without overflow: compare through the quotient and remainder.
                let (whole, rest) = cents.quotientAndRemainder(dividingBy: share.denominator)
                let floor = whole * share.numerator + rest * share.numerator / share.denominator
                #expect(part == floor || part == floor + 1, "\(part) for \(share) of \(cents)")
            }
        }
    }

    @Test("a split's extra cents go to the largest remainders, ties to the first listed")
    func splitRule() throws {
        let thirds = [Share(parsing: "1/3")!, Share(parsing: "1/3")!, Share(parsing: "1/3")!]
        #expect(CentSplit.split(100, by: thirds) == [34, 33, 33])
        #expect(CentSplit.split(200, by: thirds) == [67, 67, 66])
        let uneven = [Share(parsing: "10 %")!, Share(parsing: "25 %")!, Share(parsing: "65 %")!]
        // 99 cents × (10, 25, 65) % = 9.9, 24.75, 64.35: floors 9, 24, 64 leave two cents, for .9 and .75.
        #expect(CentSplit.split(99, by: uneven) == [10, 25, 64])
        // 101 cents: 10.1, 25.25, 65.65: floors 10, 25, 65 leave one cent, for .65.
        #expect(CentSplit.split(101, by: uneven) == [10, 25, 66])
    }

    /// Shares that add up to exactly 100 %: random percentages with two decimals, or equal fractions.
    private func randomShares(_ random: inout SplitMix64) -> [Share] {
        let count = Int(random.next() % 6) + 1
        if random.next() % 3 == 0 {
            return Array(repeating: Share(parsing: "1/\(count)")!, count: count)
        }
        var left = 10_000
        var shares: [Share] = []
        for index in 0..<count {
            let part = index == count - 1 ? left : Int(random.next() % UInt64(left - (count - 1 - index))) + 1
            left -= part
            shares.append(Share(parsing: "\(part / 100),\(part % 100 < 10 ? "0" : "")\(part % 100) %")!)
        }
        return shares
    }
}
