import BuurtstemCrypto
import Foundation
import GRDB

extension ChequeRoundReport {
    /// The report of settled round `id` (reach per buurt group from the round's snapshot, the same groups as for
    /// stempassen); `record` is the round's published record folder, whose signed settlement must be this store's
    /// field by field (`PublishedRecord.check`), so the report shows what was signed. Reads only; nothing stored changes.
    package static func load(round id: String, store: Store, marginPercent: Int = ReachPrivacy.defaultMarginPercent,
                            record: URL? = nil) throws -> ChequeRoundReport {
        try ReachPrivacy.checkMargin(marginPercent)
        let round = try store.chequeRound(id)
        let settlement = try SettlementReport.load(round: id, from: store)
        let gemeente = try store.gemeente()
        let names = try AreaNames.load(store)
        guard let issuance = try store.chequeIssuance(id) else {
            throw BuurtstemError(.notFound, "round \(id) has no issued cheques")
        }
        if let record {
            let (lines, records) = try store.read { db in
                (try ChequeSettlementLine.filter(Column("roundId") == id).order(Column("initiativeId")).fetchAll(db),
                 try Initiative.filter(Column("roundId") == id).order(Column("id")).fetchAll(db))
            }
            try PublishedRecord.check(record, round: id, settlement: settlement.settlement, lines: lines, initiatives: records,
                                      issuedRoot: [UInt8](issuance.root), issuer: try PublicKey(bytes: [UInt8](gemeente.issuingPublicKey)))
        }
        let initiatives = settlement.initiatives.map { line in
            let short = line.targetCents - line.collectedCents
            let reason = line.funded
                ? "funded: collected \(Money.format(line.collectedCents)) with \(line.cheques) cheques, its target was \(Money.format(line.targetCents))"
                : "not funded: collected \(Money.format(line.collectedCents)) with \(line.cheques) cheques, \(Money.format(short)) short of its target "
                    + "\(Money.format(line.targetCents)); that value goes back to the gemeente"
            return InitiativeResult(id: line.initiative, title: line.title, buurt: line.buurt, buurtName: names.buurten[line.buurt] ?? line.buurt,
                                    wijk: AreaCode.wijk(ofBuurt: line.buurt), targetCents: line.targetCents, cheques: line.cheques,
                                    collectedCents: line.collectedCents, funded: line.funded, fundedCents: line.fundedCents, reason: reason,
                                    funders: [])
        }
        var households: [String: Int64] = [:], issued: [String: Int64] = [:], redeemed: [String: Int64] = [:]
        var channels: [String: RedemptionChannels] = [:]
        try store.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT buurtCode, COUNT(*) AS n FROM household WHERE snapshotId = ? GROUP BY buurtCode",
                                        arguments: [round.snapshotId]) {
                households[row["buurtCode"]] = row["n"]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT c.buurtCode, COUNT(*) AS n, COUNT(r.sequence) AS redeemed, COUNT(CASE r.channel WHEN 'online' THEN 1 END) AS online,
                       COUNT(CASE r.channel WHEN 'paper' THEN 1 END) AS paper, COUNT(CASE r.channel WHEN 'kiosk' THEN 1 END) AS kiosk FROM cheque c
                LEFT JOIN chequeRedemption r ON r.roundId = c.roundId AND r.codeHash = c.codeHash AND r.sequence < ?
                WHERE c.roundId = ? GROUP BY c.buurtCode
                """, arguments: [settlement.settlement.ledgerSize, id]) {
                issued[row["buurtCode"]] = row["n"]
                redeemed[row["buurtCode"]] = row["redeemed"]
                // The same redemptions by channel, per wijk.
                let wijk = AreaCode.wijk(ofBuurt: row["buurtCode"])
                var counts = channels[wijk] ?? RedemptionChannels(wijk: wijk)
                counts.online += row["online"] as Int64
                counts.paper += row["paper"] as Int64
                counts.kiosk += row["kiosk"] as Int64
                channels[wijk] = counts
            }
        }
        let groups = ReachGroup.groups(households: households, wijkOf: AreaCode.wijk(ofBuurt:))
        let groupCounts = groups.map { group in
            var counts = Reach.Counts(code: group.code, name: names.groupName(code: group.code, wijk: group.wijk, buurten: group.buurten),
                                      wijk: group.wijk, buurten: group.buurten)
            counts.households = group.households
            // Residents could take part only if an initiative was within their cheques' scope.
            counts.couldTakePart = switch round.scope {
            case .buurt: initiatives.contains { group.buurten.contains($0.buurt) }
            case .wijk: initiatives.contains { $0.wijk == group.wijk }
            case .gemeente: !initiatives.isEmpty
            }
            for buurt in group.buurten {
                counts.issued += issued[buurt] ?? 0
                counts.participation += redeemed[buurt] ?? 0
            }
            return counts
        }
        // Residents of a wijk could take part if an initiative was within reach of at least one of its buurten.
        let wijkCounts = Reach.Counts.perWijk(groupCounts) { names.name(of: $0, gemeente: gemeente) }.map { wijk in
            var counts = wijk
            counts.couldTakePart = round.scope == .gemeente ? !initiatives.isEmpty : initiatives.contains { $0.wijk == wijk.code }
            return counts
        }
        let areas = wijkCounts.map { wijk in
            let funded = initiatives.filter { $0.wijk == wijk.code }
            return AreaMoney(code: wijk.code, name: wijk.name, budgetCents: wijk.issued * round.valueCents,
                             fundedCents: funded.reduce(0) { $0 + $1.fundedCents }, fundedProjects: funded.filter(\.funded).count,
                             projects: funded.count)
        }
        let s = settlement.settlement
        let prePublication = try store.chequePrePublication(round: id)?.prePublication
        var report = ChequeRoundReport(
            kind: "cheque-round", gemeente: gemeente.code, gemeenteName: gemeente.name, round: id, valueCents: round.valueCents,
            issueDate: round.issueDate, validUntil: round.validUntil, scope: round.scope.rawValue,
            settledAt: ChequeCalendar.text(millis: s.settledAtMillis), chequesIssued: issuance.chequeCount,
            chequesRedeemed: settlement.total.redeemed, issuedCents: s.issuedCents, redeemedCents: s.redeemedCents, fundedCents: s.fundedCents,
            returnedCents: s.returnedCents, unredeemedCents: s.unredeemedCents, initiatives: initiatives, areas: areas,
            reach: Reach(groups: groupCounts, wijken: wijkCounts, total: (gemeente.code, gemeente.name), ballots: false,
                         marginPercent: marginPercent, buurtCountsAvailable: true),
            verification: try ReportVerification(values: (prePublication.map {
                [.init(label: "voorpublicatie \($0.fingerprint) (SHA-256)", english: "pre-publication \($0.fingerprint) (SHA-256)", hex: Hex.encode($0.hash))]
            } ?? []) + [
                .init(label: "uitgegeven cheques (Merkle-wortel)", english: "issued cheques (Merkle root)", hex: Hex.encode(issuance.root)),
                .init(label: "grootboek: \(s.ledgerSize) inwisselingen (eindstand)", english: "ledger: \(s.ledgerSize) redemptions (tree head)", hex: Hex.encode(s.ledgerRoot)),
                .init(label: "uitgiftesleutel", english: "issuing key", hex: Hex.encode(issuance.issuerPublicKey)),
            ], issuingKey: [UInt8](issuance.issuerPublicKey), record: record, fingerprint: prePublication?.fingerprint))
        report.channels = channels.keys.sorted().map { channels[$0]! }
        return report
    }
}
