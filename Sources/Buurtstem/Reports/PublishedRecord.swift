import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// A published record folder given to a report: the site lists its files as the record to verify, so it must be
/// the record of what is reported, and what it signs (an election's result, a cheque round's settlement) must be what
/// this store counts. The signature alone proves nothing here: the gemeente holds the issuing key, so a file signed
/// with it but not this store's count (re-signed by hand, or exported before a later change) is refused, naming the fields.
enum PublishedRecord {
    /// The index of `folder`, checked to name `kind` (`election`, `cheque-round`) `id`; `what` says what is
    /// reported ("election 'x'", "round y") and `export` which export writes the folder.
    static func index(of folder: URL, kind: String, id: String, what: String, export: String) throws -> RecordIndex {
        let index = try read(RecordIndex.self, ElectionRecordFile.index, in: folder, export: export)
        guard index.kind == kind, index.election == id else {
            throw BuurtstemError(.badInput, "\(folder.path) is the record of \(index.kind) '\(index.election)', not of \(what): "
                + "give the folder written by \(export)")
        }
        return index
    }

    /// Checks that `folder` is the published record of election `id` and that its signed result is what `outcome`,
    /// this store's one tally, counts: the index names this election and is signed by `issuer` (the gemeente's
    /// issuing key), `result.json` is signed by `issuer` and is the file the index lists, and it equals the tally field
    /// by field (definition, issued passes, final log heads, voids, per contest the counts, each project's votes,
    /// points and funded mark, the funded cost, and the lot seed), as does the funded order of `explanations.json`.
    static func check(_ folder: URL, election id: String, outcome: ElectionOutcome, issuedRoot: [UInt8], issuer: PublicKey) throws {
        let export = "this election's record export"
        let again = "export the election's record again from this store and publish that folder"
        let index = try signedIndex(of: folder, kind: "election", id: id, what: "election '\(id)'", export: export, issuer: issuer, again: again)
        let resultBytes = try bytes(ElectionRecordFile.result, in: folder, export: export)
        let result = try decode(ElectionResult.self, ElectionRecordFile.result, from: resultBytes, in: folder, export: export)
        guard result.isValid(issuer: issuer) else {
            throw BuurtstemError(.badInput, "\(folder.appendingPathComponent(ElectionRecordFile.result).path) is not signed by this "
                + "gemeente's issuing key (it was changed after it was signed): \(again)")
        }
        try checkListed(ElectionRecordFile.result, bytes: resultBytes, in: index, folder: folder, again: again)
        let explanationsBytes = try bytes(ElectionRecordFile.explanations, in: folder, export: export)
        try checkListed(ElectionRecordFile.explanations, bytes: explanationsBytes, in: index, folder: folder, again: again)
        let order = try decode([FundedOrder].self, ElectionRecordFile.explanations, from: explanationsBytes, in: folder, export: export)

        try differences(result, order: order, election: id, outcome: outcome, issuedRoot: issuedRoot)
            .check(folder, holds: "another result of '\(id)'", again: again)
    }

    /// Checks that `folder` is the published record of cheque round `id` and that its signed settlement is
    /// `settlement`, this store's, with its `lines` (by initiative id): the index names this round and is signed by
    /// `issuer` (the gemeente's issuing key), `settlement.json` is signed by `issuer` over the round's issued set
    /// (`issuedRoot`) and this store's `initiatives`, is the file the index lists, and equals the stored settlement
    /// field by field (ledger size and root, settlement time, the five totals, per initiative its cheques, collected
    /// and funded amounts and funded mark).
    static func check(_ folder: URL, round id: String, settlement: ChequeSettlement, lines: [ChequeSettlementLine],
                      initiatives: [Initiative], issuedRoot: [UInt8], issuer: PublicKey) throws {
        let export = "this round's record export"
        let again = "export the round's record again from this store and publish that folder"
        let name = ChequeRecordExport.settlementFile
        let index = try signedIndex(of: folder, kind: ChequeRecordExport.indexKind, id: id, what: "round \(id)", export: export,
                                    issuer: issuer, again: again)
        let signedBytes = try bytes(name, in: folder, export: export)
        let signed = try decode(ChequeSettlementFile.self, name, from: signedBytes, in: folder, export: export, decoder: ChequeSettlementFile.decoder)
        guard signed.isSigned(by: issuer, issuedRoot: issuedRoot, initiatives: initiatives) else {
            throw BuurtstemError(.badInput, "\(folder.appendingPathComponent(name).path) is not signed by this gemeente's issuing key over this "
                + "round's initiatives (it was changed after it was signed, or it settles other initiatives): \(again)")
        }
        try checkListed(name, bytes: signedBytes, in: index, folder: folder, again: again)

        let counted = ChequeSettlementFile(settlement, lines: lines)
        var found = Differences(store: "this store's settlement")
        found.compare("\(name) round_id", signed.roundId, counted.roundId)
        found.compare("\(name) settled_at_ms", signed.settledAtMs, counted.settledAtMs)
        found.compare("\(name) ledger_size", signed.ledgerSize, counted.ledgerSize)
        found.compare("\(name) ledger_root", signed.ledgerRoot, counted.ledgerRoot)
        found.compare("\(name) issued_cents", signed.issuedCents, counted.issuedCents)
        found.compare("\(name) redeemed_cents", signed.redeemedCents, counted.redeemedCents)
        found.compare("\(name) funded_cents", signed.fundedCents, counted.fundedCents)
        found.compare("\(name) returned_cents", signed.returnedCents, counted.returnedCents)
        found.compare("\(name) unredeemed_cents", signed.unredeemedCents, counted.unredeemedCents)
        found.compare("\(name) initiatives", signed.initiatives.map(\.id), counted.initiatives.map(\.id)) { $0.map(String.init).joined(separator: ", ") }
        for (line, mine) in zip(signed.initiatives, counted.initiatives) where line.id == mine.id {
            let field = "\(name) initiatives[\(mine.id)]"
            found.compare("\(field).cheques", line.cheques, mine.cheques)
            found.compare("\(field).collected_cents", line.collectedCents, mine.collectedCents)
            found.compare("\(field).funded", line.funded, mine.funded)
            found.compare("\(field).funded_cents", line.fundedCents, mine.fundedCents)
        }
        try found.check(folder, holds: "another settlement of round \(id)", again: again)
    }

    /// The index of `folder`, checked to name `kind` `id` (as ``index(of:kind:id:what:export:)``) and to be signed by
    /// `issuer`, the gemeente's issuing key; `again` says how to get the right folder.
    private static func signedIndex(of folder: URL, kind: String, id: String, what: String, export: String, issuer: PublicKey,
                                    again: String) throws -> RecordIndex {
        let index = try index(of: folder, kind: kind, id: id, what: what, export: export)
        guard index.issuingPublicKey == issuer, index.isValid else {
            throw BuurtstemError(.badInput, "\(folder.appendingPathComponent(ElectionRecordFile.index).path) is not signed by this "
                + "gemeente's issuing key: \(again)")
        }
        return index
    }

    /// The fields in which a record's signed file differs from what this store counts, each named as in the record's
    /// files with both values.
    private struct Differences {
        /// What the store's side is called ("this store's tally").
        let store: String
        private(set) var found: [String] = []

        init(store: String) {
            self.store = store
        }

        mutating func compare<T: Equatable>(_ field: String, _ signed: T, _ counted: T, _ text: (T) -> String = { "\($0)" }) {
            if signed != counted { found.append("\(field) is \(text(signed)) in the record, \(text(counted)) in \(store)") }
        }

        /// Throws, naming the first differences, unless there are none; `what` says what the record holds instead.
        func check(_ folder: URL, holds what: String, again: String) throws {
            guard !found.isEmpty else { return }
            let shown = found.prefix(5).joined(separator: "; ") + (found.count > 5 ? "; and \(found.count - 5) more" : "")
            throw BuurtstemError(.conflict, "the record \(folder.path) holds \(what) than \(store): \(shown). "
                + "A report shows only what was signed: \(again)")
        }
    }

    /// A contest's funded projects in the order the rule funded them, as `explanations.json` lists them.
    private struct FundedOrder: Decodable {
        let area: String
        let funded: [String]
    }

    /// Each field in which the signed `result` (and the funded `order`) differs from `outcome`.
    private static func differences(_ result: ElectionResult, order: [FundedOrder], election id: String, outcome: ElectionOutcome,
                                    issuedRoot: [UInt8]) -> Differences {
        var found = Differences(store: "this store's tally")
        func compare<T: Equatable>(_ field: String, _ signed: T, _ counted: T, _ text: (T) -> String = { "\($0)" }) {
            found.compare(field, signed, counted, text)
        }
        compare("result.json election", result.election, id)
        compare("result.json definition_hash", result.definitionHash, HexBytes(outcome.definition.hash))
        compare("result.json issued_root", result.issuedRoot, HexBytes(issuedRoot))
        compare("result.json logs", result.logs, outcome.finalHeads) { $0.map { "\($0.kiosk) \($0.size) \($0.root)" }.joined(separator: ", ") }
        compare("result.json voids", result.voids, outcome.resultVoids) { "\($0.count) void ballots" }
        compare("result.json lot_seed", result.lotSeed, HexBytes(outcome.lotSeed))
        let contests = outcome.resultContests
        compare("result.json contests", result.contests.map(\.area), contests.map(\.area)) { $0.joined(separator: ", ") }
        for (signed, counted) in zip(result.contests, contests) where signed.area == counted.area {
            let field = "result.json contests[\(counted.area)]"
            compare("\(field).passes_issued", signed.passesIssued, counted.passesIssued)
            compare("\(field).ballots_counted", signed.ballotsCounted, counted.ballotsCounted)
            compare("\(field).projects", signed.projects.map(\.id), counted.projects.map(\.id)) { $0.joined(separator: ", ") }
            for (project, mine) in zip(signed.projects, counted.projects) where project.id == mine.id {
                compare("\(field).projects[\(mine.id)].ballots", project.ballots, mine.ballots)
                compare("\(field).projects[\(mine.id)].points", project.points, mine.points)
                compare("\(field).projects[\(mine.id)].funded", project.funded, mine.funded)
            }
            compare("\(field).funded_cost_cents", signed.fundedCostCents, counted.fundedCostCents)
        }
        compare("explanations.json contests", order.map(\.area), outcome.allocations.map(\.area)) { $0.joined(separator: ", ") }
        for (signed, counted) in zip(order, outcome.allocations) where signed.area == counted.area {
            compare("explanations.json [\(counted.area)] funded order", signed.funded, counted.funded) { "[\($0.joined(separator: ", "))]" }
        }
        return found
    }

    /// Checks that `name`'s `bytes` are the file the signed `index` lists.
    private static func checkListed(_ name: String, bytes: Data, in index: RecordIndex, folder: URL, again: String) throws {
        guard index.files.first(where: { $0.name == name })?.sha256.bytes == SHA.sha256([UInt8](bytes)) else {
            throw BuurtstemError(.badInput, "\(folder.appendingPathComponent(name).path) is not the file the record's signed index lists "
                + "(its SHA-256 differs): \(again)")
        }
    }

    /// `name` of the record `folder`, decoded as `type`, or an error naming the file.
    private static func read<T: Decodable>(_ type: T.Type, _ name: String, in folder: URL, export: String) throws -> T {
        try decode(type, name, from: try bytes(name, in: folder, export: export), in: folder, export: export)
    }

    /// The bytes of `name` in the record `folder`, or an error naming the file.
    private static func bytes(_ name: String, in folder: URL, export: String) throws -> Data {
        do {
            return try Data(contentsOf: folder.appendingPathComponent(name))
        } catch {
            throw BuurtstemError(.notFound, "the record \(folder.path) has no readable \(name): give the folder written by \(export)", cause: error)
        }
    }

    /// `data`, the file `name` of the record `folder`, decoded as `type` by `decoder`, or an error naming the file.
    private static func decode<T: Decodable>(_ type: T.Type, _ name: String, from data: Data, in folder: URL, export: String,
                                             decoder: JSONDecoder = JSONDecoder()) throws -> T {
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw BuurtstemError(.badInput, "\(folder.appendingPathComponent(name).path) is not a record's \(name): give the folder written by \(export)",
                                 cause: error)
        }
    }
}
