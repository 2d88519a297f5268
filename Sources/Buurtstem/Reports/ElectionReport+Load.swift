import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

extension ElectionReport {
    /// The report of closed election `id`: the tally and allocation as `buurtstem tally` makes them, reach per
    /// buurt group from the issued passes' groups, and the verification values; `record` is the published record's
    /// folder, whose files are listed with their SHA-256 once it is found to be this election's record with this
    /// result (`PublishedRecord.check`). Reads only; nothing stored changes.
    package static func load(election id: String, store: Store, marginPercent: Int = ReachPrivacy.defaultMarginPercent,
                            record: URL? = nil) throws -> ElectionReport {
        try ReachPrivacy.checkMargin(marginPercent)
        let election = try store.election(id)
        guard election.state == .closed else {
            throw BuurtstemError(.wrongState, "the polls of '\(id)' are \(election.state.rawValue); the results are published after "
                + "the polls close", remedy: .closePolls(election: id, kiosk: nil))
        }
        let gemeente = try store.gemeente()
        let outcome = try ElectionOutcome.compute(election: id, store: store)
        if let record { try PublishedRecord.check(record, election: id, outcome: outcome) }
        let (definition, tally, heads, allocations) = (outcome.definition, outcome.tally, outcome.finalHeads, outcome.allocations)
        let names = try AreaNames.load(store)

        // The desk's replacements per area, and the ballots of revoked passes (voids) per area.
        let replaced = Dictionary(PassReplacements.counts(try store.passReplacements(definition)).map { ($0.area, $0) }) { first, _ in first }
        let revokedBallots = try revokedPassBallots(election: id, voids: tally.voids, store: store)
        var contests: [ContestResult] = []
        for ((contest, count), allocation) in zip(zip(definition.contests, tally.contests), allocations) {
            let explanations = Dictionary(allocation.explanations.map { ($0.project, $0) }, uniquingKeysWith: { first, _ in first })
            let projects = zip(contest.projects, count.projects).map { project, counted in
                let order = allocation.funded.firstIndex(of: project.id)
                let explanation = explanations[project.id]
                return ProjectResult(
                    id: project.id, title: project.title, description: project.description, area: project.area, category: project.category,
                    costCents: project.costCents, votes: Int64(counted.ballots), points: counted.points, funded: order != nil,
                    fundedOrder: order.map { $0 + 1 },
                    reason: explanation?.summary ?? (order != nil ? "funded" : "not funded"), explanation: explanation, funders: [])
            }
            contests.append(ContestResult(
                area: contest.area, name: names.name(of: contest.area, gemeente: gemeente), budgetCents: contest.budgetCents, capCents: nil,
                fundedCents: allocation.fundedCostCents, passesIssued: Int64(count.passesIssued), ballotsCounted: Int64(count.ballotsCounted),
                turnoutPercent: ReachLine.tenths(Int64(count.ballotsCounted) * 100, Int64(count.passesIssued)),
                passesReplaced: Int64(replaced[contest.area]?.replaced ?? 0), passesRevoked: Int64(replaced[contest.area]?.revoked ?? 0),
                revokedPassBallots: revokedBallots[contest.area] ?? 0, projects: projects))
        }
        let passes = contests.reduce(0) { $0 + $1.passesIssued }, counted = contests.reduce(0) { $0 + $1.ballotsCounted }
        let weighting = outcome.weightingComparison(names: try store.wijkNames())
        let prePublication = try store.prePublication(election: id)?.prePublication
        var report = ElectionReport(
            kind: "election", gemeente: gemeente.code, gemeenteName: gemeente.name, election: id, title: definition.title,
            pollsOpen: ChequeCalendar.text(millis: definition.pollsOpenMillis), pollsClose: ChequeCalendar.text(millis: definition.pollsCloseMillis),
            ballot: definition.ballot, allocation: definition.allocation, passesIssued: passes, ballotsInLogs: Int64(tally.ballotsInLogs),
            ballotsCounted: counted, voidBallots: Int64(tally.voids.count),
            secrecy: try definition.secretBallot.map {
                .secret(threshold: $0.threshold, trustees: $0.trustees, mixStages: try SecretElection(id, store: store).stages().count)
            } ?? .public,
            invalidBallots: Int64(tally.contests.reduce(0) { $0 + $1.invalidBallots }), turnoutPercent: ReachLine.tenths(counted * 100, passes),
            kiosks: KioskBallots.lines(heads: heads.map { ($0.kiosk, $0.size) }, voids: tally.voids),
            contests: contests, areas: money(contests, names: names, gemeente: gemeente), weighting: weighting,
            reach: try reach(election: id, definition: definition, tally: tally, store: store, names: names, gemeente: gemeente,
                             marginPercent: marginPercent),
            verification: try ReportVerification(values: (prePublication.map {
                [.init(label: "voorpublicatie \($0.fingerprint) (SHA-256)", english: "pre-publication \($0.fingerprint) (SHA-256)", hex: Hex.encode($0.hash))]
            } ?? []) + [
                .init(label: "definitie (SHA-256)", english: "definition (SHA-256)", hex: Hex.encode(definition.hash)),
                .init(label: "uitgegeven stempassen (Merkle-wortel)", english: "issued passes (Merkle root)", hex: Hex.encode(election.issuedRoot ?? Data())),
            ] + heads.map {
                .init(label: "stemzuil \($0.kiosk): \($0.size) stemmen (eindstand van het logboek)", english: "kiosk \($0.kiosk): \($0.size) ballots (tree head)", hex: Hex.encode($0.root.bytes))
            } + [.init(label: "openbare loting (zaad)", english: "public lot (seed)", hex: Hex.encode(outcome.lotSeed)),
                 .init(label: "uitgiftesleutel", english: "issuing key", hex: Hex.encode(gemeente.issuingPublicKey))],
            issuingKey: [UInt8](gemeente.issuingPublicKey), record: record, fingerprint: prePublication?.fingerprint))
        // The signed caps per wijk of the definition (docs/elections.md, "Caps per wijk").
        let caps = definition.contests.flatMap { $0.caps ?? [] }
        if !caps.isEmpty { try report.setCaps(Dictionary(caps.map { ($0.area, $0.capCents) }) { first, _ in first }) }
        return report
    }

    /// Per area, the void ballots of revoked passes among `voids` (the tally's): their area is the ballot's.
    static func revokedPassBallots(election id: String, voids: [Tally.VoidBallot], store: Store) throws -> [String: Int64] {
        let revoked = voids.filter { $0.reason == .passRevoked }
        guard !revoked.isEmpty else { return [:] }
        return try store.read { db in
            var perArea: [String: Int64] = [:]
            for void in revoked {
                if let area = try String.fetchOne(db, sql: "SELECT area FROM ballot WHERE electionId = ? AND kiosk = ? AND sequence = ?",
                                                  arguments: [id, void.kiosk, Int64(void.sequence)]) {
                    perArea[area, default: 0] += 1
                }
            }
            return perArea
        }
    }

    /// Money per contest area; a gemeente-wide contest also per wijk of its funded projects.
    static func money(_ contests: [ContestResult], names: AreaNames, gemeente: Gemeente) -> [AreaMoney] {
        var areas: [AreaMoney] = []
        for contest in contests {
            let funded = contest.projects.filter(\.funded)
            areas.append(AreaMoney(code: contest.area, name: contest.name, budgetCents: contest.budgetCents, fundedCents: contest.fundedCents,
                                   fundedProjects: funded.count, projects: contest.projects.count))
            guard AreaCode.isGemeente(contest.area) else { continue }
            var perWijk: [String: (cents: Int64, funded: Int, projects: Int)] = [:]
            for project in contest.projects {
                guard let area = project.area else { continue }
                let wijk = AreaCode.isBuurt(area) ? AreaCode.wijk(ofBuurt: area) : area
                var entry = perWijk[wijk] ?? (0, 0, 0)
                entry.projects += 1
                if project.funded { entry.cents += project.costCents; entry.funded += 1 }
                perWijk[wijk] = entry
            }
            for (wijk, entry) in perWijk.sorted(by: { $0.key < $1.key }) {
                areas.append(AreaMoney(code: wijk, name: names.name(of: wijk, gemeente: gemeente), budgetCents: 0, fundedCents: entry.cents,
                                       fundedProjects: entry.funded, projects: entry.projects))
            }
        }
        return areas
    }

    /// Reach per buurt group and wijk: households from the groups fixed at issuance, passes per group, and the
    /// counted ballots (the first of each pass not revoked, as the tally counts) per group and channel; a pass made
    /// at the desk counts in its household's group (kept with the replacement), while passes issued stay those of
    /// issuance, so turnout is over households as in the contest.
    static func reach(election id: String, definition: ElectionDefinition, tally: Tally, store: Store, names: AreaNames,
                      gemeente: Gemeente, marginPercent: Int) throws -> Reach {
        let contestAreas = Set(definition.contests.map(\.area))
        // A revoked pass's ballots are void (the tally's rule): they reach nobody.
        let revoked = try store.revokedPasses(election: id)
        return try store.read { db in
            var groups: [String: Reach.Counts] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT buurtCode, groupCode, wijkCode, households FROM reachGroupBuurt WHERE electionId = ? ORDER BY buurtCode
                """, arguments: [id]) {
                let code: String = row["groupCode"], wijk: String = row["wijkCode"], buurt: String = row["buurtCode"]
                var counts = groups[code] ?? Reach.Counts(code: code, name: "", wijk: wijk)
                counts.buurten.append(buurt)
                counts.households += row["households"] as Int64
                groups[code] = counts
            }
            for (code, counts) in groups {
                groups[code]?.name = names.groupName(code: code, wijk: counts.wijk, buurten: counts.buurten)
            }
            for row in try Row.fetchAll(db, sql: "SELECT groupCode, COUNT(*) AS n FROM passReachGroup WHERE electionId = ? GROUP BY groupCode",
                                        arguments: [id]) {
                groups[row["groupCode"] as String]?.issued = row["n"]
            }
            // Per contest area, for elections issued before the reach groups existed.
            var byArea: [String: Reach.Counts] = [:]
            for contest in tally.contests {
                var counts = Reach.Counts(code: contest.area, name: names.name(of: contest.area, gemeente: gemeente), wijk: contest.area)
                counts.issued = Int64(contest.passesIssued)
                counts.households = try Int64.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM household h JOIN buurt b ON b.code = h.buurtCode
                    WHERE h.snapshotId = ? AND (b.wijkCode = ? OR ? LIKE 'GM%')
                    """, arguments: [definition.registerSnapshot, contest.area, contest.area]) ?? 0
                byArea[contest.area] = counts
            }
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT b.pass, b.kiosk, b.area, COALESCE(g.groupCode, r.groupCode) AS groupCode FROM ballot b
                LEFT JOIN passReachGroup g ON g.electionId = b.electionId AND g.publicKey = b.pass
                LEFT JOIN passReplacement r ON r.electionId = b.electionId AND r.pass = b.pass
                WHERE b.electionId = ? ORDER BY b.pass, b.timeMillis, b.kiosk, b.sequence
                """, arguments: [id])
            var previous: Data?
            while let row = try cursor.next() {
                let pass: Data = row["pass"]
                if pass == previous || revoked.contains(pass) { continue }
                previous = pass
                let area: String = row["area"]
                guard contestAreas.contains(area) else { continue }
                let paper = BallotChannel.of(kiosk: row["kiosk"]) == .paper
                func add(_ counts: inout Reach.Counts) {
                    counts.participation += 1
                    if paper { counts.paper += 1 } else { counts.kiosk += 1 }
                }
                add(&byArea[area]!)
                if let group: String = row["groupCode"], groups[group] != nil { add(&groups[group]!) }
            }
            let available = !groups.isEmpty
            let groupLines = groups.values.sorted { ($0.wijk, $0.code) < ($1.wijk, $1.code) }
            let wijken = available ? Reach.Counts.perWijk(groupLines) { names.name(of: $0, gemeente: gemeente) }
                : definition.contests.map { byArea[$0.area]! }
            return Reach(groups: groupLines, wijken: wijken, total: (gemeente.code, gemeente.name), ballots: true,
                         marginPercent: marginPercent, buurtCountsAvailable: available)
        }
    }
}
