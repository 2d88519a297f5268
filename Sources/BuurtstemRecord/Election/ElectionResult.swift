import BuurtstemCrypto

/// `result.json`: the outcome the gemeente publishes and signs after the polls close: each log's final size and
/// tree head, the void ballots, per contest the counts and the funded projects, and the public-lot seed.
public struct ElectionResult: Sendable, Equatable, Codable {
    /// A kiosk log's final state.
    public struct LogHead: Sendable, Equatable, Codable {
        /// The kiosk.
        public let kiosk: String
        /// Ballots in its log.
        public let size: UInt64
        /// Tree head of the log (the final checkpoint's).
        public let root: HexBytes

        /// A log head.
        public init(kiosk: String, size: UInt64, root: [UInt8]) {
            self.kiosk = kiosk
            self.size = size
            self.root = HexBytes(root)
        }
    }

    /// A void ballot: its pass had voted before (by time, kiosk, sequence), or its pass was revoked at the desk
    /// (docs/record.md, "Voids").
    public struct VoidEntry: Sendable, Equatable, Codable {
        /// Why a ballot is void.
        public enum Reason: String, Sendable, Equatable, Codable {
            /// Its pass had voted before: the counted ballot is named.
            case passUsedBefore = "pass_used_before"
            /// Its pass was revoked when the household's pass was replaced (issue 19): a revoked pass never counts,
            /// wherever and whenever it was used; the household's new pass does.
            case passRevoked = "pass_revoked"
        }

        /// Where the void ballot is.
        public let kiosk: String
        /// Its position.
        public let sequence: UInt64
        /// Why it is void.
        public let reason: Reason
        /// Where the counted ballot of the same pass is; nil when the pass was revoked (none of its ballots counts).
        public let countedKiosk: String?
        /// Its position; nil when the pass was revoked.
        public let countedSequence: UInt64?

        private enum CodingKeys: String, CodingKey {
            case kiosk, sequence, reason, countedKiosk = "counted_kiosk", countedSequence = "counted_sequence"
        }

        /// A ballot void because its pass voted before, at `countedKiosk` position `countedSequence`.
        public init(kiosk: String, sequence: UInt64, countedKiosk: String, countedSequence: UInt64) {
            self.kiosk = kiosk
            self.sequence = sequence
            self.reason = .passUsedBefore
            self.countedKiosk = countedKiosk
            self.countedSequence = countedSequence
        }

        /// A ballot void because its pass was revoked.
        public init(revokedKiosk kiosk: String, sequence: UInt64) {
            self.kiosk = kiosk
            self.sequence = sequence
            self.reason = .passRevoked
            self.countedKiosk = nil
            self.countedSequence = nil
        }

        /// Reads a void: without `reason` it is one of a pass that voted before (as every record before issue 19
        /// has it), with its counted ballot; a revoked pass's names none.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let kiosk = try c.decode(String.self, forKey: .kiosk), sequence = try c.decode(UInt64.self, forKey: .sequence)
            switch try c.decodeIfPresent(Reason.self, forKey: .reason) ?? .passUsedBefore {
            case .passUsedBefore:
                self.init(kiosk: kiosk, sequence: sequence, countedKiosk: try c.decode(String.self, forKey: .countedKiosk),
                          countedSequence: try c.decode(UInt64.self, forKey: .countedSequence))
            case .passRevoked:
                guard !c.contains(.countedKiosk), !c.contains(.countedSequence) else {
                    throw DecodingError.dataCorruptedError(forKey: .countedKiosk, in: c,
                                                           debugDescription: "a void of a revoked pass names no counted ballot")
                }
                self.init(revokedKiosk: kiosk, sequence: sequence)
            }
        }

        /// Writes a void; `reason` only for a revoked pass, so a record without one reads as before.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kiosk, forKey: .kiosk)
            try c.encode(sequence, forKey: .sequence)
            if reason == .passRevoked { try c.encode(reason, forKey: .reason) }
            try c.encodeIfPresent(countedKiosk, forKey: .countedKiosk)
            try c.encodeIfPresent(countedSequence, forKey: .countedSequence)
        }
    }

    /// One project's count and outcome.
    public struct ProjectResult: Sendable, Equatable, Codable {
        /// The project.
        public let id: String
        /// Counted ballots that chose it.
        public let ballots: UInt64
        /// Points (cumulative), first preferences (ranking), else equal to `ballots`.
        public let points: UInt64
        /// Whether it is funded.
        public let funded: Bool

        /// A project result.
        public init(id: String, ballots: UInt64, points: UInt64, funded: Bool) {
            self.id = id
            self.ballots = ballots
            self.points = points
            self.funded = funded
        }
    }

    /// One contest's count and outcome.
    public struct ContestResult: Sendable, Equatable, Codable {
        /// The area.
        public let area: String
        /// Passes issued for it.
        public let passesIssued: UInt64
        /// Ballots counted.
        public let ballotsCounted: UInt64
        /// Its projects in the definition's order.
        public let projects: [ProjectResult]
        /// What the funded projects cost together, in cents.
        public let fundedCostCents: Int64

        private enum CodingKeys: String, CodingKey {
            case area, passesIssued = "passes_issued", ballotsCounted = "ballots_counted", projects, fundedCostCents = "funded_cost_cents"
        }

        /// A contest result.
        public init(area: String, passesIssued: UInt64, ballotsCounted: UInt64, projects: [ProjectResult], fundedCostCents: Int64) {
            self.area = area
            self.passesIssued = passesIssued
            self.ballotsCounted = ballotsCounted
            self.projects = projects
            self.fundedCostCents = fundedCostCents
        }
    }

    /// The election.
    public let election: String
    /// SHA-256 of the definition's canonical bytes.
    public let definitionHash: HexBytes
    /// The issued-pass commitment's root.
    public let issuedRoot: HexBytes
    /// Every kiosk's log, by name.
    public let logs: [LogHead]
    /// The void ballots, by kiosk and sequence.
    public let voids: [VoidEntry]
    /// Per contest, by area.
    public let contests: [ContestResult]
    /// The public-lot seed (see ``lotSeed(logs:)``).
    public let lotSeed: HexBytes
    /// The issuing key's signature over ``signedBytes``.
    public let signature: Signature

    /// The domain-separation tag of the result.
    public static let tag = "buurtstem/result/v1"
    /// The tag of the signed section that lists the ballots of revoked passes.
    public static let revokedVoidsTag = "buurtstem/result/revoked-voids/v1"
    /// The domain-separation tag of the lot seed.
    public static let lotTag = "buurtstem/lot-seed/v1"

    private enum CodingKeys: String, CodingKey {
        case election, definitionHash = "definition_hash", issuedRoot = "issued_root", logs, voids, contests, lotSeed = "lot_seed", signature
    }

    /// The public lot's seed, fixed only once the polls are closed: SHA-256 over every log's final size and head,
    /// kiosks in name order. Nobody can steer it without changing a signed log.
    public static func lotSeed(logs: [LogHead]) -> [UInt8] {
        var w = ByteWriter(tag: lotTag)
        w.append(u32: UInt32(logs.count))
        for log in logs {
            w.append(string: log.kiosk)
            w.append(u64: log.size)
            w.append(raw: log.root.bytes)
        }
        return SHA.sha256(w.bytes)
    }

    /// The signed bytes (docs/record.md, "Result").
    public static func signedBytes(election: String, definitionHash: [UInt8], issuedRoot: [UInt8], logs: [LogHead],
                                   voids: [VoidEntry], contests: [ContestResult], lotSeed: [UInt8]) -> [UInt8] {
        var w = ByteWriter(tag: tag)
        w.append(string: election)
        w.append(raw: definitionHash)
        w.append(raw: issuedRoot)
        w.append(u32: UInt32(logs.count))
        for log in logs {
            w.append(string: log.kiosk)
            w.append(u64: log.size)
            w.append(raw: log.root.bytes)
        }
        let reused = voids.filter { $0.reason == .passUsedBefore }, revoked = voids.filter { $0.reason == .passRevoked }
        w.append(u32: UInt32(reused.count))
        for void in reused {
            w.append(string: void.kiosk)
            w.append(u64: void.sequence)
            w.append(string: void.countedKiosk ?? "")
            w.append(u64: void.countedSequence ?? 0)
        }
        w.append(u32: UInt32(contests.count))
        for contest in contests {
            w.append(string: contest.area)
            w.append(u64: contest.passesIssued)
            w.append(u64: contest.ballotsCounted)
            w.append(u32: UInt32(contest.projects.count))
            for project in contest.projects {
                w.append(string: project.id)
                w.append(u64: project.ballots)
                w.append(u64: project.points)
                w.append(u8: project.funded ? 1 : 0)
            }
            w.append(i64: contest.fundedCostCents)
        }
        w.append(raw: lotSeed)
        // The voids of revoked passes (issue 19) after the seed, only when there are any: a result without them
        // has the same bytes as before.
        if !revoked.isEmpty {
            w.append(string: revokedVoidsTag)
            w.append(u32: UInt32(revoked.count))
            for void in revoked {
                w.append(string: void.kiosk)
                w.append(u64: void.sequence)
            }
        }
        return w.bytes
    }

    /// A result signed by `issuingKey`; the lot seed is computed from `logs`.
    public init(election: String, definitionHash: [UInt8], issuedRoot: [UInt8], logs: [LogHead], voids: [VoidEntry],
                contests: [ContestResult], issuingKey: SigningKey) {
        let seed = Self.lotSeed(logs: logs)
        self.election = election
        self.definitionHash = HexBytes(definitionHash)
        self.issuedRoot = HexBytes(issuedRoot)
        self.logs = logs
        self.voids = voids
        self.contests = contests
        self.lotSeed = HexBytes(seed)
        self.signature = issuingKey.signature(for: Self.signedBytes(
            election: election, definitionHash: definitionHash, issuedRoot: issuedRoot, logs: logs, voids: voids,
            contests: contests, lotSeed: seed))
    }

    /// The signed bytes of this result.
    public var signedBytes: [UInt8] {
        Self.signedBytes(election: election, definitionHash: definitionHash.bytes, issuedRoot: issuedRoot.bytes, logs: logs,
                         voids: voids, contests: contests, lotSeed: lotSeed.bytes)
    }

    /// `true` if `issuer` signed this result.
    public func isValid(issuer: PublicKey) -> Bool { issuer.isValidSignature(signature, for: signedBytes) }
}
