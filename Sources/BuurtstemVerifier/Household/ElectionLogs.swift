import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// Every kiosk log of a pinned election record, read for a household's own check: each log must match its kiosk's
/// signed final checkpoint, and the uses of a pass are ordered by the void rule (docs/record.md, "Voids"), the same
/// rule the verifier applies to the whole record.
struct ElectionLogs {
    /// One ballot of a log, as a household's check needs it.
    struct Entry {
        /// A public ballot (v1, v2), or a secret election's encrypted one (v3): no choices, no time.
        enum Content {
            case plain(Ballot)
            case encrypted(EncryptedBallot)
        }

        /// The kiosk whose log holds it.
        let kiosk: String
        /// Its position (sequence) in that log.
        let position: Int
        /// The ballot.
        let content: Content
        /// When it was cast: a public ballot's own time; a secret one's is the time of the first checkpoint of its
        /// log that includes it (docs/record.md, "v3 ballots"), never finer.
        let timeMillis: Int64
        /// Its leaf hash (the tracking code is its first 10 bytes).
        let leaf: [UInt8]

        /// The pass that cast it.
        var pass: PublicKey {
            switch content {
            case let .plain(ballot): ballot.pass
            case let .encrypted(ballot): ballot.pass
            }
        }

        /// Whether its pass signed it.
        var isValidSignature: Bool {
            switch content {
            case let .plain(ballot): ballot.isValidSignature
            case let .encrypted(ballot): ballot.isValidSignature
            }
        }
    }

    /// One kiosk's log.
    struct Log {
        /// The registered kiosk.
        let kiosk: KioskRegistration
        /// The leaf hashes in log order.
        let leaves: [[UInt8]]
        /// The kiosk's final checkpoint, which the leaves match.
        let final: Checkpoint
    }

    /// The pinned record.
    let record: PinnedRecord
    /// The logs by kiosk name.
    private(set) var logs: [String: Log] = [:]
    /// Every ballot of every log.
    private(set) var entries: [Entry] = []
    /// The signed result (its signature checked with the pinned key).
    let result: ElectionResult
    /// The passes revoked at the desk (`replacements.json`, each entry signed by the issuing key): none of their
    /// ballots counts.
    private(set) var revoked: Set<PublicKey> = []

    /// Reads and checks every registered kiosk's log of `record`.
    init(_ record: PinnedRecord) throws(HouseholdCheckFailure) {
        self.record = record
        let issuer = record.index.issuingPublicKey, election = record.index.election
        result = try record.decode(ElectionResult.self, ElectionRecordFile.result)
        guard result.isValid(issuer: issuer), result.election == election else {
            throw HouseholdCheckFailure("the record's result is not signed by the gemeente's issuing key for this election: do not trust this record; report it")
        }
        if record.index.files.contains(where: { $0.name == ElectionRecordFile.replacements }) {
            for entry in try record.decode(PassReplacements.self, ElectionRecordFile.replacements).entries {
                guard entry.isValid(issuer: issuer), entry.election == election else {
                    throw HouseholdCheckFailure("a replaced pass in \(ElectionRecordFile.replacements) is not signed by the gemeente's issuing key for this election: do not trust this record; report it")
                }
                if let pass = entry.revoked { revoked.insert(pass) }
            }
        }
        let kiosks = try record.decode([KioskRegistration].self, ElectionRecordFile.kiosks)
        // Formats 2 and 3: every ballot signs the definition hash, so its leaf is rebuilt with it.
        let boundHash = record.index.bindsBallotsToDefinition
            ? try record.decode(DefinitionFile.self, ElectionRecordFile.definition).definition.hash : nil
        let encrypted = record.index.format == RecordIndex.formatNameSecret
        for kiosk in kiosks {
            guard kiosk.isValid(issuer: issuer), kiosk.election == election, RecordIndexCheck.isKioskName(kiosk.name), logs[kiosk.name] == nil else {
                throw HouseholdCheckFailure("kiosk \(kiosk.name.prefix(64))'s registration is not the gemeente's (or is listed twice): do not trust this record; report it")
            }
            let file = ElectionRecordFile.ballots(kiosk: kiosk.name)
            let checkpoints = try record.decode([Checkpoint].self, ElectionRecordFile.checkpoints(kiosk: kiosk.name)).sorted { $0.size < $1.size }
            var leaves: [[UInt8]] = []
            for (number, line) in try record.lines(file).enumerated() {
                let content: Entry.Content, time: Int64
                if encrypted {
                    let parsed = Run.strictLine(EncryptedBallotLine.self, line).mapError { HouseholdCheckFailure($0.message) }
                        .flatMap { $0.ballot(election: election, definitionHash: boundHash ?? [], kiosk: kiosk.name).mapError { HouseholdCheckFailure($0.description) } }
                    switch parsed {
                    case let .success(ballot): content = .encrypted(ballot)
                    case let .failure(problem): throw HouseholdCheckFailure("\(file) line \(number + 1) is not a ballot: \(problem.message)")
                    }
                    time = checkpoints.first { $0.size > UInt64(leaves.count) }?.timeMillis ?? Int64.max
                } else {
                    let ballot: Ballot
                    if let exact = ExportedLine.ballot(line, election: election, definitionHash: boundHash, kiosk: kiosk.name) {
                        ballot = exact
                    } else {
                        switch Run.strictLine(BallotLine.self, line) {
                        case let .success(parsed): ballot = parsed.ballot(election: election, definitionHash: boundHash, kiosk: kiosk.name)
                        case let .failure(problem): throw HouseholdCheckFailure("\(file) line \(number + 1) is not a ballot: \(problem.message)")
                        }
                    }
                    (content, time) = (.plain(ballot), ballot.timeMillis)
                }
                let leaf: [UInt8] = switch content {
                case let .plain(ballot): ballot.leafHash
                case let .encrypted(ballot): ballot.leafHash
                }
                entries.append(Entry(kiosk: kiosk.name, position: leaves.count, content: content, timeMillis: time, leaf: leaf))
                leaves.append(leaf)
            }
            var head = MerkleLog()
            for leaf in leaves { head.append(leafHash: leaf) }
            guard let final = checkpoints.last, final.isValid, final.signer == kiosk.kiosk,
                  final.logId == kiosk.logId, final.size == UInt64(leaves.count), final.root == head.root else {
                throw HouseholdCheckFailure("kiosk \(kiosk.name)'s log does not match its signed final checkpoint: ballots were added, changed or dropped; "
                    + "report this to the gemeente and the observers (buurtstem-verify names the ballot)")
            }
            logs[kiosk.name] = Log(kiosk: kiosk, leaves: leaves, final: final)
        }
    }

    /// Whether the record is a secret election's: its ballots are encrypted and show no choice.
    var isSecret: Bool { record.index.format == RecordIndex.formatNameSecret }

    /// Whether `pass` was revoked at the desk: then none of its ballots counts.
    func isRevoked(_ pass: PublicKey) -> Bool { revoked.contains(pass) }

    /// Whether the signed result lists `entry` as void for the reason the rules give: every ballot of a revoked
    /// pass (reason `pass_revoked`), else every use but the first of `uses` (the pass's, in the void rule's order).
    func voidListedAsRuled(_ entry: Entry, uses: [Entry]) -> Bool {
        let listed = result.voids.first { $0.kiosk == entry.kiosk && $0.sequence == UInt64(entry.position) }
        if isRevoked(entry.pass) { return listed?.reason == .passRevoked }
        let counts = uses.first.map { $0.kiosk == entry.kiosk && $0.position == entry.position } ?? true
        return counts ? listed == nil : listed?.reason == .passUsedBefore
    }

    /// Every ballot cast with `pass`, in the void rule's order: the first counts, the others are void.
    func uses(of pass: PublicKey) -> [Entry] {
        entries.filter { $0.pass == pass }.sorted { a, b in
            if a.timeMillis != b.timeMillis { return a.timeMillis < b.timeMillis }
            if a.kiosk != b.kiosk { return Array(a.kiosk.utf8).lexicographicallyPrecedes(Array(b.kiosk.utf8)) }
            return a.position < b.position
        }
    }

    /// The RFC 9162 inclusion proof of `entry` against its kiosk's final checkpoint, checked.
    func inclusionProof(of entry: Entry) throws(HouseholdCheckFailure) -> (path: [[UInt8]], log: Log) {
        guard let log = logs[entry.kiosk] else { throw HouseholdCheckFailure("kiosk \(entry.kiosk) has no log") }
        let path = MerkleTree(leafHashes: log.leaves).inclusionProof(index: entry.position)
        guard MerkleProof.verifyInclusion(leafHash: entry.leaf, index: entry.position, treeSize: log.leaves.count, path: path, root: log.final.root) else {
            throw HouseholdCheckFailure("the inclusion proof for the ballot does not match kiosk \(entry.kiosk)'s signed checkpoint: report this")
        }
        return (path, log)
    }
}
