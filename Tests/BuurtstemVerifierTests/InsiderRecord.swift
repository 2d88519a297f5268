import BuurtstemCrypto
import BuurtstemRecord
import Foundation
@testable import BuurtstemVerifier

/// An election record made by the test as an insider would make it: the test holds the gemeente's issuing key,
/// every kiosk's key and every pass's secret key, so whatever it changes it signs again, consistently, from the
/// definition up to the index. Only checks of content, never of signatures, can catch what it writes.
struct InsiderRecord {
    /// One ballot to cast: which pass, where, what, when.
    struct Cast {
        var pass: Int
        var kiosk: String
        var choices: [String]
        var time: Int64
    }

    /// The start of the polling day in the default definition (2026-06-01 08:00 UTC).
    static let opens: Int64 = 1_780_300_800_000
    /// An hour in milliseconds.
    static let hour: Int64 = 3_600_000

    let issuingKey = SigningKey()
    var definition: ElectionDefinition
    /// Every pass's key and area, in issue order.
    var passes: [(key: SigningKey, area: String)]
    /// The codes printed on the passes (`passes[i]` is derived from `codes[i]`).
    let codes: [TypeableCode]
    /// Every kiosk with its key, by name.
    var kiosks: [(name: String, key: SigningKey)]
    /// The ballots in log order per kiosk.
    var casts: [Cast]
    /// Per kiosk, the checkpoints to sign as (size, time), in the order written; default one after the first
    /// ballot and the final one at the close.
    var checkpointPlan: [String: [(size: Int, time: Int64)]] = [:]
    /// `definition_hash` written in definition.json, when not the true one.
    var writtenDefinitionHash: [UInt8]?
    /// Changes to the commitment's areas before it is signed.
    var commitmentAreas: ([IssuedPassCommitment.AreaCount]) -> [IssuedPassCommitment.AreaCount] = { $0 }
    /// Changes to the result's contests before it is signed.
    var resultContests: ([ElectionResult.ContestResult]) -> [ElectionResult.ContestResult] = { $0 }
    /// Changes to each file's bytes before the index is signed over them (name, bytes).
    var rewrite: (String, Data) -> Data = { $1 }
    /// Files written besides the record's own (name, bytes), listed in the index when `listed`.
    var extraFiles: [(name: String, bytes: Data, listed: Bool)] = []
    /// Passes replaced at the desk (issue 19): the index in `passes` of each new pass (written to
    /// replacements.json instead of passes.jsonl) and of the pass it revokes, if any.
    var replacements: [(pass: Int, revokes: Int?)] = []
    /// Changes to the replacement entries (each signed and chained as made) before the counts are signed over them.
    var replacementEntries: ([PassReplacement]) -> [PassReplacement] = { $0 }
    /// Changes to the replacement counts per area before they are signed.
    var replacementAreas: ([PassReplacements.AreaCount]) -> [PassReplacements.AreaCount] = { $0 }
    /// Whether the result counts a revoked pass's first ballot as if it were not revoked (a forgery); by the rule
    /// every ballot of a revoked pass is void (reason `pass_revoked`).
    var countRevoked = false

    /// A wijkstemdag with one contest of three projects, six passes, two kiosks and one pass used at both.
    init() {
        definition = Self.definition()
        codes = (0..<6).map { _ in TypeableCode.random(.stempas) }
        passes = codes.map { (PassToken.passKey(secret: $0.bytes), "WK001401") }
        kiosks = [("bieb", SigningKey()), ("buurthuis", SigningKey())]
        casts = [
            Cast(pass: 0, kiosk: "bieb", choices: ["A", "B"], time: Self.opens + Self.hour),
            Cast(pass: 1, kiosk: "bieb", choices: ["B"], time: Self.opens + 2 * Self.hour),
            Cast(pass: 2, kiosk: "bieb", choices: ["C"], time: Self.opens + 3 * Self.hour),
            Cast(pass: 3, kiosk: "buurthuis", choices: ["A", "C"], time: Self.opens + Self.hour + Self.hour / 2),
            Cast(pass: 4, kiosk: "buurthuis", choices: ["B", "C"], time: Self.opens + 2 * Self.hour + Self.hour / 2),
            Cast(pass: 1, kiosk: "buurthuis", choices: ["A"], time: Self.opens + 4 * Self.hour),
        ]
    }

    /// The default definition, with `projects`, `allocation` and `ballot` replaceable.
    static func definition(projects: [Project]? = nil, allocation: AllocationSpec? = nil, ballot: BallotType = .approval(min: 1, max: 3),
                           contests extra: [Contest] = [], close: Int64? = nil) -> ElectionDefinition {
        let projects = projects ?? [
            Project(id: "A", title: "Speeltuin", description: "Nieuwe toestellen", costCents: 10_000, area: nil, category: nil),
            Project(id: "B", title: "Bankjes", description: "Zes bankjes", costCents: 20_000, area: nil, category: nil),
            Project(id: "C", title: "Bomen", description: "Twaalf bomen", costCents: 30_000, area: nil, category: nil),
        ]
        return ElectionDefinition(
            id: "insider", title: "Wijkstemdag", gemeente: "GM0014", registerSnapshot: 1, eligibility: .household, ballot: ballot,
            allocation: allocation ?? AllocationSpec(rule: .greedy, satisfaction: nil, completion: nil, tieBreak: .lexico),
            pollsOpenMillis: opens, pollsCloseMillis: close ?? opens + 12 * hour,
            contests: [Contest(area: "WK001401", budgetCents: 100_000, projects: projects)] + extra)
    }

    /// Writes the whole record, every part signed by its key, into a new folder `folder`.
    func write(to folder: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("ballots"), withIntermediateDirectories: true)
        try fm.createDirectory(at: folder.appendingPathComponent("checkpoints"), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var digests: [RecordIndex.FileDigest] = []
        func put(_ name: String, _ data: Data) throws {
            let bytes = rewrite(name, data)
            try bytes.write(to: folder.appendingPathComponent(name))
            digests.append(.init(name: name, sha256: SHA.sha256([UInt8](bytes))))
        }
        func lines(_ values: [some Encodable]) throws -> Data {
            let lineEncoder = JSONEncoder()
            lineEncoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Data(try values.map { String(decoding: try lineEncoder.encode($0), as: UTF8.self) + "\n" }.joined().utf8)
        }

        let hash = definition.hash
        var file = DefinitionFile(definition: definition, manifestSignature: issuingKey.signature(for: definition.canonicalBytes))
        if let writtenDefinitionHash {
            var object = try JSONSerialization.jsonObject(with: try encoder.encode(file)) as? [String: Any] ?? [:]
            object["definition_hash"] = Hex.encode(writtenDefinitionHash)
            try put(ElectionRecordFile.definition, try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        } else {
            try put(ElectionRecordFile.definition, try encoder.encode(file))
        }
        file = DefinitionFile(definition: definition, manifestSignature: file.manifestSignature)

        // Passes in order of public key, their tree and the commitment.
        let replaced = Set(replacements.map(\.pass))
        let tokens = passes.indices.filter { !replaced.contains($0) }.map { passes[$0] }.map { PassToken(election: definition.id, area: $0.area, pass: $0.key.publicKey, issuingKey: issuingKey) }
            .sorted { $0.pass < $1.pass }
        try put(ElectionRecordFile.passes, try lines(tokens.map(PassLine.init)))
        var tree = MerkleLog()
        for token in tokens { tree.append(leafHash: MerkleHash.leaf(token.signedBytes + token.signature.bytes)) }
        var perArea: [String: UInt64] = [:]
        for (position, pass) in passes.enumerated() where !replaced.contains(position) { perArea[pass.area, default: 0] += 1 }
        let areas = commitmentAreas(perArea.keys.sorted().map { IssuedPassCommitment.AreaCount(area: $0, count: perArea[$0]!) })
        let total = areas.reduce(UInt64(0)) { $0 &+ $1.count }
        let commitment = IssuedPassCommitment(
            election: definition.id, definitionHash: hash, total: total, areas: areas, root: tree.root,
            signature: issuingKey.signature(for: IssuedPassCommitment.signedBytes(election: definition.id, definitionHash: hash, total: total, areas: areas, root: tree.root)))
        try put(ElectionRecordFile.commitment, try encoder.encode(commitment))
        try put(ElectionRecordFile.kiosks, try encoder.encode(kiosks.map {
            KioskRegistration(election: definition.id, name: $0.name, kiosk: $0.key.publicKey, issuingKey: issuingKey)
        }))

        if !replacements.isEmpty {
            var entries: [PassReplacement] = []
            for (sequence, replacement) in replacements.enumerated() {
                entries.append(PassReplacement(
                    election: definition.id, definitionHash: hash, sequence: UInt64(sequence), previous: entries.last?.hash ?? PassReplacement.chainStart,
                    area: passes[replacement.pass].area, pass: passes[replacement.pass].key.publicKey,
                    revoked: replacement.revokes.map { passes[$0].key.publicKey }, timeMillis: Self.opens + Int64(sequence) * 60_000,
                    issuingKey: issuingKey))
            }
            entries = replacementEntries(entries)
            let areas = replacementAreas(PassReplacements.counts(entries))
            let head = entries.last?.hash ?? PassReplacement.chainStart
            let file = PassReplacements(
                election: definition.id, definitionHash: hash, entries: entries, areas: areas, head: head,
                signature: issuingKey.signature(for: PassReplacements.signedBytes(election: definition.id, definitionHash: hash,
                                                                                  entryCount: UInt64(entries.count), head: head, areas: areas)))
            try put(ElectionRecordFile.replacements, try encoder.encode(file))
        }

        // Each kiosk's log, its checkpoints, and every pass's uses.
        let sortedKiosks = kiosks.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        var heads: [ElectionResult.LogHead] = []
        var uses: [Int: [(time: Int64, kiosk: String, sequence: UInt64, choices: [String])]] = [:]
        for (name, key) in sortedKiosks {
            let ballots = casts.filter { $0.kiosk == name }.enumerated().map { sequence, cast in
                Ballot(election: definition.id, definitionHash: nil, area: passes[cast.pass].area, passKey: passes[cast.pass].key,
                       choices: cast.choices.map { Choice(project: $0, value: 1) }, kiosk: name, sequence: UInt64(sequence), timeMillis: cast.time)
            }
            for (sequence, cast) in casts.filter({ $0.kiosk == name }).enumerated() {
                uses[cast.pass, default: []].append((cast.time, name, UInt64(sequence), cast.choices))
            }
            try put(ElectionRecordFile.ballots(kiosk: name), try lines(ballots.map(BallotLine.init)))
            let leaves = ballots.map(\.leafHash)
            let plan = checkpointPlan[name] ?? ([(min(1, leaves.count), (ballots.first?.timeMillis ?? Self.opens) + 60_000)]
                + [(leaves.count, definition.pollsCloseMillis)])
            let checkpoints = plan.map { size, time in
                Checkpoint(logId: "election/\(definition.id)/kiosk/\(name)", size: UInt64(size),
                           root: Self.head(leaves.prefix(size)), timeMillis: time, signedBy: key)
            }
            try put(ElectionRecordFile.checkpoints(kiosk: name), try encoder.encode(checkpoints))
            heads.append(.init(kiosk: name, size: UInt64(leaves.count), root: Self.head(leaves[...])))
        }

        // The first use of each pass counts, the others are void.
        var voids: [ElectionResult.VoidEntry] = []
        var counted: [[String]] = []
        let revoked = Set(replacements.compactMap(\.revokes))
        for (pass, list) in uses {
            if revoked.contains(pass) && !countRevoked {
                voids += list.map { .init(revokedKiosk: $0.kiosk, sequence: $0.sequence) }
                continue
            }
            let ordered = list.sorted { a, b in
                if a.time != b.time { return a.time < b.time }
                if a.kiosk != b.kiosk { return Array(a.kiosk.utf8).lexicographicallyPrecedes(Array(b.kiosk.utf8)) }
                return a.sequence < b.sequence
            }
            counted.append(ordered[0].choices)
            for use in ordered.dropFirst() {
                voids.append(.init(kiosk: use.kiosk, sequence: use.sequence, countedKiosk: ordered[0].kiosk, countedSequence: ordered[0].sequence))
            }
        }
        voids.sort { ($0.kiosk, $0.sequence) < ($1.kiosk, $1.sequence) }
        let contests = resultContests(definition.contests.map { contest in
            let votes = counted.filter { choices in choices.allSatisfy { id in contest.projects.contains { $0.id == id } } }
            // The funded projects as the insider's honest tally finds them (the verifier's textbook rule, here only a
            // calculator); a definition it cannot allocate funds what got votes.
            let indexes = Dictionary(contest.projects.enumerated().map { ($1.id, $0) }) { first, _ in first }
            let election = VerifierElection(
                projects: contest.projects.map { VerifierProject(id: $0.id, cost: $0.costCents) }, budget: contest.budgetCents, kind: .approval,
                ballots: votes.map { $0.compactMap { indexes[$0].map { (project: $0, points: Int64(1)) } } }, currencyUnit: 100)
            let tieBreak: VerifierTieBreak = definition.allocation.tieBreak == .costVotes ? .costVotesLot(seed: ElectionResult.lotSeed(logs: heads)) : .lexico
            let computable = DefinitionStructure.problems(definition).isEmpty && Run.beyondExactRange(contest, ballots: election.ballots) == nil
            var allocated: Set<String>?
            if computable {
                allocated = (try? TextbookAllocation.allocate(election, rule: definition.allocation.rule.rawValue,
                                                              satisfaction: definition.allocation.satisfaction?.rawValue,
                                                              completion: definition.allocation.completion?.rawValue, tieBreak: tieBreak)).map(Set.init)
            }
            let funded = allocated ?? Set(contest.projects.map(\.id).filter { id in votes.contains { $0.contains(id) } })
            return ElectionResult.ContestResult(
                area: contest.area, passesIssued: perArea[contest.area] ?? 0, ballotsCounted: UInt64(votes.count),
                projects: contest.projects.map { project in
                    let count = UInt64(votes.filter { $0.contains(project.id) }.count)
                    return .init(id: project.id, ballots: count, points: count, funded: funded.contains(project.id))
                },
                fundedCostCents: contest.projects.filter { funded.contains($0.id) }.reduce(0) { $0 &+ $1.costCents })
        })
        let result = ElectionResult(election: definition.id, definitionHash: hash, issuedRoot: tree.root, logs: heads, voids: voids,
                                    contests: contests, issuingKey: issuingKey)
        try put(ElectionRecordFile.result, try encoder.encode(result))
        try put(ElectionRecordFile.explanations, Data("[]".utf8))
        for extra in extraFiles {
            if extra.listed {
                try put(extra.name, extra.bytes)
            } else {
                try extra.bytes.write(to: folder.appendingPathComponent(extra.name))
            }
        }
        let index = RecordIndex(kind: "election", election: definition.id, gemeente: definition.gemeente, gemeenteName: "Groningen",
                                files: digests, issuingKey: issuingKey)
        try encoder.encode(index).write(to: folder.appendingPathComponent(ElectionRecordFile.index))
    }

    /// The RFC 9162 tree head of `leaves`.
    static func head(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        var log = MerkleLog()
        for leaf in leaves { log.append(leafHash: leaf) }
        return log.root
    }

    /// The tracking code of the ballot at `position` of `kiosk`'s log, read from the written record in `folder`.
    static func trackingCode(in folder: URL, kiosk: String, position: Int) throws -> String {
        let lines = try String(contentsOf: folder.appendingPathComponent("ballots/\(kiosk).jsonl"), encoding: .utf8).split(separator: "\n")
        let line = try JSONDecoder().decode(BallotLine.self, from: Data(lines[position].utf8))
        return TrackingCode.code(leafHash: line.ballot(election: "insider", kiosk: kiosk).leafHash)
    }

    /// A fresh temporary folder for a record.
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("insider-\(UUID().uuidString)")
    }
}
