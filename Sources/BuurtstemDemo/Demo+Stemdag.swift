import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension Demo {
    /// What the demo's wijkstemdag did.
    package struct StemdagReport: Sendable, Codable {
        /// A refused attempt and the message the kiosk showed.
        package struct Refusal: Sendable, Codable {
            /// What was tried.
            package let attempt: String
            /// The kiosk's message.
            package let message: String
        }

        /// The election's id.
        package let election: String
        /// Its title.
        package let title: String
        /// Passes issued.
        package let passesIssued: UInt64
        /// Ballots cast per kiosk.
        package let ballotsPerKiosk: [String: Int]
        /// Attempts the kiosks refused.
        package let refusals: [Refusal]
        /// The count and allocation.
        package let tally: Tally
        /// Per contest, the allocation.
        package let allocations: [ContestAllocation]
        /// The published record's folder.
        package let recordFolder: String
        /// The pre-publication's folder, published before the polls opened.
        package let prePublicationFolder: String
        /// The pre-publication's fingerprint.
        package let fingerprint: String
        /// The print folder (destroyed in real life).
        package let printFolder: String
        /// The election's rule.
        package let rule: AllocationRule
        /// The trustees: the key ceremony, the mix and the decryption of this secret election.
        package let trustees: TrusteesReport
        /// The same choices counted in the clear, against the secret count.
        package let plaintext: PlaintextComparison
    }

    /// The demo knows every choice it cast: counted in the clear, they must fund the same projects as the secret
    /// election's mix and decryption do.
    package struct PlaintextComparison: Sendable, Codable {
        /// Per contest, the projects the plaintext tally funds.
        package let funded: [[String]]
        /// Whether every contest funds the same projects in the same order as the secret count.
        package let sameFunded: Bool
        /// Whether every contest has the same ballots counted and the same votes per project.
        package let sameCounts: Bool
    }

    /// The wijken that vote in the demo, their budgets (a share of the wijkvernieuwing caps) and projects.
    static let contests: [(wijk: String, budget: Int, projects: [(id: String, title: String, description: String, cost: Int, appeal: Int)])] = [
        ("WK001407", 180_000, [
            ("KW-01", "Groen schoolplein", "Tegels eruit, bomen en een moestuin erin.", 65_000, 9),
            ("KW-02", "Speelplek Indische buurt", "Nieuwe speeltoestellen voor kinderen tot 12 jaar.", 48_000, 7),
            ("KW-03", "Buurtkamer Korreweg", "Een jaar een ontmoetingsruimte met taalcafé.", 39_500, 6),
            ("KW-04", "Verlichting fietspad", "Veilige LED-verlichting langs het fietspad.", 52_000, 5),
            ("KW-05", "Geveltuinen", "Honderd geveltuintjes, samen met bewoners aangelegd.", 12_500, 8),
            ("KW-06", "Jongerenwerk in de avond", "Twee avonden per week een jongerenwerker.", 30_000, 4),
        ]),
        ("WK001406", 150_000, [
            ("OP-01", "Pluktuin Damsterbuurt", "Fruitbomen en bessenstruiken langs het water.", 18_000, 7),
            ("OP-02", "Wadi Oosterparkwijk", "Regenwater vasthouden in een groene wadi.", 42_000, 5),
            ("OP-03", "Buurtmaaltijd voor ouderen", "Elke week een gezamenlijke maaltijd.", 15_500, 8),
            ("OP-04", "Calisthenics-toestel", "Een buitensporttoestel voor jong en oud.", 26_000, 4),
            ("OP-05", "Waterspeelplek", "Een kleine waterspeelplek met schaduwdoeken.", 38_000, 6),
            ("OP-06", "Repair café", "Maandelijks repareren met vrijwilligers.", 7_500, 3),
        ]),
        ("WK001405", 120_000, [
            ("LB-01", "Skatebaan opknappen", "De skatebaan bij het winkelcentrum vernieuwen.", 55_000, 6),
            ("LB-02", "Bloemrijke bermen", "Bermen inzaaien met inheemse bloemen.", 9_000, 7),
            ("LB-03", "Huiskamer Lewenborg", "Een open huiskamer voor eenzame bewoners.", 33_000, 8),
            ("LB-04", "Hondenlosloopveld", "Een omheind veld voor honden.", 21_000, 3),
            ("LB-05", "Beweegtuin ouderen", "Toestellen om te bewegen bij het zorgcentrum.", 28_000, 5),
        ]),
    ]

    /// The wijkstemdag, a secret election: the trustees' key ceremony, the definition naming its election key,
    /// kiosks at two locations, passes, encrypted casting with a realistic spread (and paper ballots entered from a
    /// file), a pass tried twice and a mistyped code (both refused), closing, merging, two mix stages, decryption
    /// by two of the three trustees, the tally (checked against the same choices counted in the clear) and the record.
    func runStemdag(store: Store, synthetic: SyntheticGemeente, householdsCSV: [UInt8], issuingKey: SigningKey,
                    steps: StepLog) throws -> StemdagReport {
        let id = "demo-wijkstemdag"
        let ceremony = try runKeyCeremony(election: id, steps: steps)
        let definitionFile = folder.appendingPathComponent("\(id).yaml")
        let definition = try steps.run("define the wijkstemdag in 3 wijken with the admitted aanvragen on its ballot (as 'election create --from-proposals'; "
                                       + "approval, up to 3 projects; greedy by votes; secret, under the trustees' key)") {
            let text = Self.definitionText(id: id) + "secret_ballot:\n  election_key: \(ceremony.keyFile.lastPathComponent)\n"
            try Data(text.utf8).write(to: definitionFile)
            return try ProposalBallot.create(text, file: definitionFile.path, issuingKey: issuingKey, in: store).definition
        }
        let database = URL(fileURLWithPath: store.path)
        let location2 = database.deletingLastPathComponent().appendingPathComponent("location2.sqlite").path
        try steps.run("add two kiosks (bibliotheek, buurthuis) and one for paper ballots (papier), with sealed keys") {
            for name in ["bibliotheek", "buurthuis", "papier"] {
                _ = try Kiosk.add(election: id, name: name, keyFile: Kiosk.defaultKeyPath(database: store.path, election: id, name: name),
                                  passphrase: Self.passphrase, issuingKey: issuingKey, store: store)
            }
        }
        let printFolder = database.deletingLastPathComponent().appendingPathComponent("print-stempassen")
        let issued = try steps.run("issue the stempassen (print and forget)") {
            try StempasIssuance.issue(election: id, store: store, issuingKey: issuingKey,
                                      addresses: try AddressBook(householdsCSV, file: "households.csv", snapshot: try store.registerSnapshot(nil)),
                                      printFolder: printFolder)
        }
        let prePublicationFolder = database.deletingLastPathComponent().appendingPathComponent("prepublication-\(id)")
        let published = try steps.run("pre-publish the election before the polls open (definition, passes and eligible households per wijk, kiosk keys); its fingerprint on every letter") {
            try ElectionPublication.publish(election: id, store: store, issuingKey: issuingKey, folder: prePublicationFolder, printFolder: printFolder)
        }
        try store.copy(to: location2)
        let second = try Store.open(path: location2)
        _ = try Polls.open(election: id, store: store)
        _ = try Polls.open(election: id, store: second)

        // Residents come to one of the two locations with their pass.
        let codes = try String(contentsOf: printFolder.appendingPathComponent("stempassen.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { line -> (household: String, area: String, code: String) in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return (String(fields[0]), String(fields[1]), String(fields[2]))
            }
        // The buurt of each household, to give one buurt a low turnout (the results site flags it).
        let buurtOf = Dictionary(uniqueKeysWithValues: String(decoding: householdsCSV, as: UTF8.self).split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return (String(fields[0]), String(fields[1]))
        })
        var random = SplitMix64(seed: 7)
        var cast: [String: Int] = [:]
        var refusals: [StemdagReport.Refusal] = []
        let boxes = ["bibliotheek": BallotBox(store: store), "buurthuis": BallotBox(store: second), "papier": BallotBox(store: store)]
        var voted: [String] = []
        var votedAtBibliotheek: String?
        // What each pass chose, first use only: the demo's own plaintext tally (the record never shows it).
        var chosen: [(area: String, choices: [Choice])] = []
        var paper = "# Paper ballots handed in at the bibliotheek, entered by staff after the day: CODE CHOICES\n"
        try steps.run("cast encrypted ballots at both kiosks (about 40 % turnout, 12 % in \(Self.lowTurnoutBuurt.name)); collect a few paper ballots") {
            for pass in codes where random.next() % 100 < (buurtOf[pass.household] == Self.lowTurnoutBuurt.code ? 12 : 40) {
                let draw = random.next() % 20
                let choices = Self.choices(area: pass.area, definition: definition, random: &random)
                chosen.append((pass.area, choices))
                voted.append(pass.code)
                if draw == 0 {
                    paper += "\(pass.code) \(choices.map(\.project).joined(separator: ","))\n"
                    continue
                }
                let kiosk = draw % 2 == 0 ? "bibliotheek" : "buurthuis"
                _ = try boxes[kiosk]!.cast(election: id, kiosk: kiosk, code: pass.code, choices: choices)
                cast[kiosk, default: 0] += 1
                if kiosk == "bibliotheek", votedAtBibliotheek == nil, pass.area == "WK001407" { votedAtBibliotheek = pass.code }
            }
        }
        let paperFile = folder.appendingPathComponent("papier-stembiljetten.txt")
        try steps.run("enter the paper ballots from a file at the paper kiosk (as 'buurtstem vote --file')") {
            try Data(paper.utf8).write(to: paperFile)
            let refused = try BallotFile.cast(paper, election: id, kiosk: "papier", type: definition.ballot, box: boxes["papier"]!) { outcome in
                if outcome.receipt != nil { cast["papier", default: 0] += 1 }
            }
            guard refused == 0 else { throw BuurtstemError(.conflict, "\(refused) paper ballot(s) of \(paperFile.path) were refused") }
        }
        try steps.run("try a used pass again and a mistyped code (refused), and use one pass at both locations") {
            if let twice = votedAtBibliotheek {
                // Location 2 has its own store and cannot know; the merge keeps both, the tally voids the later one.
                _ = try boxes["buurthuis"]!.cast(election: id, kiosk: "buurthuis", code: twice, choices: [Choice(project: "KW-04", value: 1)])
                cast["buurthuis", default: 0] += 1
            }
            if let used = voted.first {
                do {
                    _ = try boxes["bibliotheek"]!.cast(election: id, kiosk: "bibliotheek", code: used, choices: [Choice(project: "KW-01", value: 1)])
                } catch {
                    refusals.append(.init(attempt: "the same pass again at the same location", message: "\(error)"))
                }
            }
            if let fresh = codes.first(where: { !voted.contains($0.code) }) {
                var typo = Array(fresh.code)
                typo[0] = typo[0] == "7" ? "8" : "7"
                do {
                    _ = try boxes["buurthuis"]!.cast(election: id, kiosk: "buurthuis", code: String(typo), choices: [Choice(project: "KW-01", value: 1)])
                } catch {
                    refusals.append(.init(attempt: "a pass code with one mistyped character", message: "\(error)"))
                }
            }
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let kioskKey = { (kiosk: Kiosk) in
            try KeyFile.unseal(kiosk.keyFile, expected: try PublicKey(bytes: [UInt8](kiosk.publicKey)),
                               passphrase: Passphrase(environment: [Passphrase.environmentVariable: Self.passphrase], interactive: false))
        }
        try steps.run("close the polls at each location (final signed checkpoints) and merge location 2") {
            _ = try Polls.close(election: id, store: store, timeMillis: now, only: ["bibliotheek", "papier"], kioskKey: kioskKey)
            _ = try Polls.close(election: id, store: second, timeMillis: now, only: ["buurthuis"], kioskKey: kioskKey)
            _ = try LocationMerge.merge(election: id, from: location2, into: store)
        }
        let trustees = try runSecretCount(election: id, store: store, ceremony: ceremony, steps: steps)
        let (tally, allocations, plaintext) = try steps.run("count and allocate (exact, with explanations); count the same choices in the clear") {
            let outcome = try ElectionOutcome.compute(election: id, store: store)
            let clear = Self.plaintextTally(outcome.tally, ballots: chosen, ballot: definition.ballot)
            let funded = try clear.allocate(definition, lotSeed: outcome.lotSeed).map(\.funded)
            let counts = { (tally: Tally) in tally.contests.map { [$0.ballotsCounted] + $0.projects.map(\.ballots) } }
            return (outcome.tally, outcome.allocations,
                    PlaintextComparison(funded: funded, sameFunded: funded == outcome.allocations.map(\.funded), sameCounts: counts(clear) == counts(outcome.tally)))
        }
        let recordFolder = database.deletingLastPathComponent().appendingPathComponent("record-\(id)")
        _ = try steps.run("export the published record") {
            try ElectionRecordExport.export(election: id, store: store, issuingKey: issuingKey, folder: recordFolder)
        }
        return StemdagReport(election: id, title: definition.title, passesIssued: issued.total, ballotsPerKiosk: cast,
                             refusals: refusals, tally: tally, allocations: allocations, recordFolder: recordFolder.path,
                             prePublicationFolder: prePublicationFolder.path, fingerprint: published.fingerprint,
                             printFolder: printFolder.path, rule: definition.allocation.rule, trustees: trustees, plaintext: plaintext)
    }

    /// The buurt where few residents vote in the demo (Professorenbuurt-Noord, Korrewegwijk), so the results
    /// site has an under-represented buurt to flag.
    static let lowTurnoutBuurt = (code: "BU00140701", name: "Professorenbuurt-Noord")

    /// Up to three projects of the wijk's contest, drawn with each project's appeal as its weight; the aanvragen on
    /// the ballot are popular small plans (the first ones of a wijk most), so the vote funds several of them.
    static func choices(area: String, definition: ElectionDefinition, random: inout SplitMix64) -> [Choice] {
        guard let contest = definition.contests.first(where: { $0.area == area }) else { return [] }
        let listed = Dictionary(uniqueKeysWithValues: contests.flatMap(\.projects).map { ($0.id, $0.appeal) })
        var fromProposals = 0
        var pool = contest.projects.map { project -> (id: String, appeal: Int) in
            if let appeal = listed[project.id] { return (project.id, appeal) }
            defer { fromProposals += 1 }
            return (project.id, max(10 - 2 * fromProposals, 2))
        }
        let count = 1 + Int(random.next() % 3)
        var picked: [Choice] = []
        while picked.count < count, !pool.isEmpty {
            let total = pool.reduce(0) { $0 + $1.appeal }
            var pick = Int(random.next() % UInt64(total))
            let index = pool.firstIndex { pick -= $0.appeal; return pick < 0 } ?? 0
            picked.append(Choice(project: pool.remove(at: index).id, value: 1))
        }
        return picked
    }

    /// The demo's election definition, in the same YAML a gemeente writes, with the polls open around now.
    static func definitionText(id: String) -> String {
        let formatter = ISO8601DateFormatter()
        var text = """
        id: \(id)
        title: Wijkstemdag Groningen (demo)
        gemeente: GM0014
        eligibility: household
        polls:
          open: \(formatter.string(from: Date().addingTimeInterval(-3600)))
          close: \(formatter.string(from: Date().addingTimeInterval(6 * 3600)))
        ballot:
          type: approval
          min: 1
          max: 3
        allocation:
          rule: greedy
          tie_break: cost-votes
        contests:

        """
        for contest in contests {
            // A project needs 15 % of its wijk's counted ballots, as many cities demand some support (issue 17).
            text += "  - area: \(contest.wijk)\n    budget: \(contest.budget)\n    constraints:\n      minimum_share: 15\n    projects:\n"
            for project in contest.projects {
                text += "      - id: \(project.id)\n        title: \(project.title)\n        description: \(project.description)\n        cost: \(project.cost)\n"
            }
        }
        return text
    }
}
