import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// Reads an election definition file (YAML, see docs/elections.md) and checks it against the store:
/// every problem is reported with its line, and nothing is stored unless the whole file is right.
public enum ElectionFile {
    /// Satisfaction functions an election may name for `mes` (points ballots take `cardinal` by default).
    public static let satisfactions: [Satisfaction] = [.cost, .cardinality]

    /// Parses `text` (the file named `file`) into a definition, checked against `store`.
    ///
    /// `proposals` are projects that come from admitted aanvragen (``ProposalBallot``), each with the proposal's
    /// area: every contest gets those whose area lies within its own, after the projects the file lists; with
    /// proposals a contest may list none itself.
    public static func parse(_ text: String, file: String, store: Store, proposals: [Project]? = nil) throws -> ElectionDefinition {
        try parseWithKey(text, file: file, store: store, proposals: proposals).definition
    }

    /// As ``parse``, also returning the bytes of the election key file a secret election names
    /// (`secret_ballot: {election_key: FILE}`, relative to the definition's folder), which `Election.create` stores.
    public static func parseWithKey(_ text: String, file: String, store: Store, proposals: [Project]? = nil) throws
        -> (definition: ElectionDefinition, electionKeyFile: [UInt8]?) {
        let (reader, root) = try YAMLReader.root(text, file: file)
        let gemeente = try store.gemeente()
        let (wijken, buurten, latestSnapshot, snapshots) = try store.read { db in
            (Set(try String.fetchAll(db, sql: "SELECT code FROM wijk")),
             Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT code, wijkCode FROM buurt").map { ($0[0] as String, $0[1] as String) }),
             try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM registerSnapshot"),
             Set(try Int64.fetchAll(db, sql: "SELECT id FROM registerSnapshot")))
        }

        let id = reader.string(root, "id")
        if let id, !isIdentifier(id) {
            reader.problem(reader.value(root, "id")?.line, "id", "'\(id)' is not an election id: use letters, digits, '-', '_' and '.' (up to 64)")
        }
        let title = reader.string(root, "title")
        let gemeenteCode = reader.string(root, "gemeente")
        if let gemeenteCode, gemeenteCode != gemeente.code {
            reader.problem(reader.value(root, "gemeente")?.line, "gemeente",
                           "this database is for \(gemeente.code) (\(gemeente.name)), not \(gemeenteCode)")
        }
        var snapshot = latestSnapshot
        if reader.value(root, "register_snapshot", required: false) != nil {
            snapshot = reader.integer(root, "register_snapshot", in: 1...Int.max).map(Int64.init)
            if let chosen = snapshot, !snapshots.contains(chosen) {
                reader.problem(reader.value(root, "register_snapshot")?.line, "register_snapshot",
                               "there is no register snapshot \(chosen); give the number of an imported snapshot (the register list shows them)")
            }
        } else if latestSnapshot == nil {
            reader.problem(root.line, "register_snapshot", "no register has been imported: import the household register first")
        }

        let eligibility = parseEligibility(reader, root)
        let (open, close) = parsePolls(reader, root)
        let weighting = parseWeighting(reader, root)
        var pointMinimumLines: [Int] = []
        let contests = parseContests(reader, root, gemeente: gemeente.code, wijken: wijken, buurten: buurten, weighting: weighting,
                                     proposals: proposals, pointMinimumLines: &pointMinimumLines)
        let ballot = parseBallot(reader, root, contests: contests)
        if let ballot {
            if case .cumulative = ballot {} else {
                for line in pointMinimumLines {
                    reader.problem(line, "constraints.minimum_points", "a threshold in points needs a cumulative ballot, and this one is \(ballot.name); use minimum_votes or minimum_share")
                }
            }
        }
        let allocation = parseAllocation(reader, root)
        let secret = try parseSecretBallot(reader, root, file: file, id: id, ballot: ballot, contests: contests)
        if let weighting, let allocation, !allocation.rule.isGreedy {
            reader.problem(reader.value(root, "weighting", required: false)?.line, "weighting",
                           "a weighting ranks the greedy rules only, and the rule is \(allocation.rule); use rule greedy, greedy-no-skip or greedy-per-euro, or remove the \(weighting.criteria.count) criteria")
        }
        reader.reportUnknownKeys()

        guard reader.problems.isEmpty, let id, let title, let snapshot, let eligibility, let open, let close,
              let ballot, let allocation, !contests.isEmpty else {
            throw InputError(reader.problems.isEmpty ? [Problem(file: file, message: "the definition is incomplete")] : reader.problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        let definition = ElectionDefinition(id: id, title: title, gemeente: gemeente.code, registerSnapshot: snapshot,
                                            eligibility: eligibility, ballot: ballot, allocation: allocation,
                                            pollsOpenMillis: open, pollsCloseMillis: close, contests: contests, weighting: weighting,
                                            secretBallot: secret?.ballot)
        return (definition, secret?.file)
    }

    /// `secret_ballot: {election_key: FILE}`: the election key file read (relative to the definition's folder) and
    /// the signed fields made from it; nil when absent (a public election).
    private static func parseSecretBallot(_ reader: YAMLReader, _ root: YAMLReader.Mapping, file: String, id: String?, ballot: BallotType?,
                                          contests: [Contest]) throws -> (ballot: SecretBallot, file: [UInt8])? {
        guard let entry = reader.value(root, "secret_ballot", required: false) else { return nil }
        guard let mapping = reader.mapping(entry.node, path: "secret_ballot"), let name = reader.string(mapping, "election_key") else { return nil }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        let path = name.hasPrefix("/") ? name : base.appendingPathComponent(name).path
        guard let data = FileManager.default.contents(atPath: path) else {
            reader.problem(reader.value(mapping, "election_key")?.line, "secret_ballot.election_key",
                           "cannot read the election key file \(path); give the election-key.json of the trustees' ceremony, relative to this file")
            return nil
        }
        let bytes = [UInt8](data)
        let key: ElectionKey
        do {
            let keyFile = try TrusteeFileJSON.decode(ElectionKeyFile.self, from: bytes, file: path)
            // The trustees decrypt only stages of the election their ceremony named, and a key shared between
            // elections would let one election's shares open the other's ballots.
            if let id, keyFile.election != id {
                reader.problem(reader.value(mapping, "election_key")?.line, "secret_ballot.election_key",
                               "\(path) is the election key of '\(keyFile.election)' (its ceremony named that election), not of '\(id)': "
                                   + "every election has its own key ceremony; hold a key ceremony for '\(id)' with the trustees "
                                   + "and give the election-key.json it writes")
                return nil
            }
            key = keyFile.key
        } catch {
            reader.problem(reader.value(mapping, "election_key")?.line, "secret_ballot.election_key",
                           "\(error.description); give the election-key.json the trustees' key ceremony wrote")
            return nil
        }
        guard let ballot else { return nil }
        let secret = SecretBallot(publicKey: key.publicKey, threshold: key.threshold, trustees: key.trusteeCount,
                                  electionKeySHA256: SHA.sha256(bytes), width: SecretBallot.width(ballot: ballot, contests: contests))
        return (secret, bytes)
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    private static func parseEligibility(_ reader: YAMLReader, _ root: YAMLReader.Mapping) -> Eligibility? {
        guard let kind = reader.string(root, "eligibility") else { return nil }
        switch kind {
        case "household":
            return .household
        case "resident":
            guard let age = reader.integer(root, "minimum_age", in: 0...120) else { return nil }
            return .resident(minimumAge: age)
        default:
            reader.problem(reader.value(root, "eligibility")?.line, "eligibility", "'\(kind)' is not an eligibility: use household or resident")
            return nil
        }
    }

    private static func parsePolls(_ reader: YAMLReader, _ root: YAMLReader.Mapping) -> (Int64?, Int64?) {
        guard let polls = reader.value(root, "polls").flatMap({ reader.mapping($0.node, path: "polls") }) else { return (nil, nil) }
        let open = reader.time(polls, "open"), close = reader.time(polls, "close")
        if let open, let close, close <= open {
            reader.problem(reader.value(polls, "close")?.line, "polls.close", "the polls close before they open; close must be after open")
        }
        return (open, close)
    }

    private static func parseBallot(_ reader: YAMLReader, _ root: YAMLReader.Mapping, contests: [Contest]) -> BallotType? {
        guard let ballot = reader.value(root, "ballot").flatMap({ reader.mapping($0.node, path: "ballot") }),
              let type = reader.string(ballot, "type") else { return nil }
        let fewest = contests.map(\.projects.count).min() ?? 0
        let line = reader.value(ballot, "type")?.line
        func limit(_ ok: Bool, _ message: String) -> Bool {
            if !ok { reader.problem(line, "ballot", message) }
            return ok
        }
        switch type {
        case "choose-1":
            return .chooseOne
        case "approval":
            guard let min = reader.integer(ballot, "min", in: 0...1000), let max = reader.integer(ballot, "max", in: 1...1000) else { return nil }
            guard limit(min <= max, "min \(min) is more than max \(max): no ballot could be valid"),
                  limit(fewest == 0 || min <= fewest, "min \(min) is more than the \(fewest) projects of the smallest contest: no ballot there could be valid")
            else { return nil }
            return .approval(min: min, max: max)
        case "knapsack":
            return .knapsack
        case "cumulative":
            guard let points = reader.integer(ballot, "points", in: 1...1000) else { return nil }
            var perProject: Int?
            if reader.value(ballot, "max_per_project", required: false) != nil {
                perProject = reader.integer(ballot, "max_per_project", in: 1...1000)
                guard let cap = perProject, limit(cap <= points, "max_per_project \(cap) is more than the \(points) points a voter has") else { return nil }
            }
            return .cumulative(points: points, maxPerProject: perProject)
        case "ranking":
            guard let max = reader.integer(ballot, "max", in: 1...1000) else { return nil }
            return .ranking(max: max)
        default:
            reader.problem(line, "ballot.type", "'\(type)' is not a ballot type: use choose-1, approval, knapsack, cumulative or ranking")
            return nil
        }
    }

    private static func parseAllocation(_ reader: YAMLReader, _ root: YAMLReader.Mapping) -> AllocationSpec? {
        guard let allocation = reader.value(root, "allocation").flatMap({ reader.mapping($0.node, path: "allocation") }) else { return nil }
        func choice<T: RawRepresentable<String>>(_ key: String, _ allowed: [T], required: Bool) -> T?? {
            guard reader.value(allocation, key, required: required) != nil else { return .some(nil) }
            guard let value = reader.string(allocation, key) else { return nil }
            guard let typed = allowed.first(where: { $0.rawValue == value }) else {
                reader.problem(reader.value(allocation, key)?.line, "allocation.\(key)",
                               "'\(value)' is not a \(key.replacingOccurrences(of: "_", with: "-")): use \(allowed.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return .some(typed)
        }
        guard let rule = choice("rule", AllocationRule.allCases, required: true), let rule,
              let tieBreak = choice("tie_break", AllocationSpec.TieBreak.allCases, required: true), let tieBreak,
              let satisfaction = choice("satisfaction", satisfactions, required: false),
              let completion = choice("completion", Completion.allCases, required: false) else { return nil }
        if rule != .mes && (satisfaction != nil || completion != nil) {
            reader.problem(allocation.line, "allocation", "satisfaction and completion apply to rule mes only; remove them or use rule: mes")
            return nil
        }
        return AllocationSpec(rule: rule, satisfaction: satisfaction, completion: completion, tieBreak: tieBreak)
    }

    private static func parseContests(_ reader: YAMLReader, _ root: YAMLReader.Mapping, gemeente: String,
                                      wijken: Set<String>, buurten: [String: String], weighting: Weighting?,
                                      proposals: [Project]?, pointMinimumLines: inout [Int]) -> [Contest] {
        var contests: [Contest] = []
        var areasSeen: [String: Int] = [:]
        var projectsSeen: [String: Int] = [:]
        for item in reader.list(root, "contests") {
            guard let area = reader.string(item, "area") else { continue }
            let areaLine = reader.value(item, "area")?.line
            if area != gemeente && !wijken.contains(area) {
                reader.problem(areaLine, "\(item.path).area", "unknown area '\(area)': use a stored wijk code (WK...) or the gemeente code \(gemeente)")
            }
            if let first = areasSeen[area] {
                reader.problem(areaLine, "\(item.path).area", "area \(area) already has a contest (line \(first)); one contest per area")
            }
            areasSeen[area] = areaLine ?? 0
            let budget = reader.money(item, "budget")
            if budget == 0 { reader.problem(reader.value(item, "budget")?.line, "\(item.path).budget", "the budget is zero") }
            var projects: [Project] = []
            for entry in reader.list(item, "projects", required: proposals == nil) {
                guard let id = reader.string(entry, "id") else { continue }
                let idLine = reader.value(entry, "id")?.line
                if !isIdentifier(id) {
                    reader.problem(idLine, "\(entry.path).id", "'\(id)' is not a project id: use letters, digits, '-', '_' and '.'")
                }
                if let first = projectsSeen[id] {
                    reader.problem(idLine, "\(entry.path).id", "project id \(id) is used twice (first on line \(first)); ids must be unique in the election")
                }
                projectsSeen[id] = idLine ?? 0
                let title = reader.string(entry, "title")
                let description = reader.string(entry, "description")
                let cost = reader.money(entry, "cost")
                if let cost, let budget, cost > budget {
                    reader.problem(reader.value(entry, "cost")?.line, "\(entry.path).cost",
                                   "\(id) costs \(Money.format(cost)), more than the contest's budget of \(Money.format(budget)); it could never be funded")
                }
                if cost == 0 { reader.problem(reader.value(entry, "cost")?.line, "\(entry.path).cost", "a project costs more than nothing") }
                let projectArea = reader.string(entry, "area", required: false)
                if let projectArea {
                    let inside = area == gemeente ? (wijken.contains(projectArea) || buurten[projectArea] != nil) : buurten[projectArea] == area
                    if !inside {
                        reader.problem(reader.value(entry, "area")?.line, "\(entry.path).area",
                                       "\(projectArea) is not a buurt in \(area); a project's area lies within its contest's area")
                    }
                }
                let category = reader.string(entry, "category", required: false)
                let criteria = parseCriteriaValues(reader, entry, project: id, weighting: weighting)
                if let title, let description, let cost {
                    projects.append(Project(id: id, title: title, description: description, costCents: cost, area: projectArea,
                                            category: category, criteria: criteria))
                }
            }
            for proposal in proposals ?? [] {
                guard let proposalArea = proposal.area,
                      area == gemeente || proposalArea == area || buurten[proposalArea] == area else { continue }
                if let first = projectsSeen[proposal.id] {
                    reader.problem(first, "\(item.path).projects", "project id \(proposal.id) is also the id of an admitted aanvraag; choose another id in the file")
                }
                projectsSeen[proposal.id] = 0
                if let budget, proposal.costCents > budget {
                    reader.problem(item.line, "\(item.path).budget", "\(proposal.id) ('\(proposal.title)') asks \(Money.format(proposal.costCents)), more than the contest's budget of \(Money.format(budget)); raise the budget or let the wijkteam decide on it")
                }
                projects.append(Project(id: proposal.id, title: proposal.title, description: proposal.description, costCents: proposal.costCents,
                                        area: proposalArea == area ? nil : proposalArea, category: proposal.category, criteria: nil))
            }
            if proposals != nil && projects.isEmpty {
                reader.problem(item.line, "\(item.path).projects", "no admitted aanvraag lies in \(area) and the file lists no projects for it")
            }
            if projects.isEmpty && reader.value(item, "projects", required: false) != nil && reader.problems.isEmpty {
                reader.problem(item.line, "\(item.path).projects", "the contest has no projects")
            }
            let caps = parseCaps(reader, item, contestArea: area, gemeente: gemeente, wijken: wijken, budget: budget, projects: projects)
            let constraints = parseConstraints(reader, item, budget: budget, projects: projects, pointMinimumLines: &pointMinimumLines)
            if let budget { contests.append(Contest(area: area, budgetCents: budget, projects: projects, caps: caps, constraints: constraints)) }
        }
        if areasSeen[gemeente] != nil && areasSeen.count > 1 {
            reader.problem(root.line, "contests", "a gemeente-wide contest cannot be combined with wijk contests: a household would vote twice")
        }
        return contests.sorted { $0.area < $1.area }
    }
}
