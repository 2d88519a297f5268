import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// The count of a closed election: ballots per contest and project, turnout per area, and the ballots that are
/// void because their pass had already voted at another location.
public struct Tally: Sendable, Codable {
    /// One project's count.
    public struct ProjectCount: Sendable, Codable, Equatable {
        /// The project's id.
        public let id: String
        /// Its title.
        public let title: String
        /// Its cost in cents.
        public let costCents: Int64
        /// Ballots that mark, rank or give points to it.
        public var ballots: Int
        /// Total points (cumulative ballots) or first preferences (ranking); equal to `ballots` otherwise.
        public var points: UInt64
    }

    /// One contest's count.
    public struct ContestCount: Sendable, Codable {
        /// The contest area.
        public let area: String
        /// Its budget in cents.
        public let budgetCents: Int64
        /// Passes issued for the area.
        public let passesIssued: UInt64
        /// Ballots counted.
        public var ballotsCounted: Int
        /// Per project, in the definition's order.
        public var projects: [ProjectCount]
        /// Counted ballots' choices, for the allocation (not encoded: ballots are published in the record).
        package var ballots: [[Choice]] = []
        /// A secret election's counted ballots that are invalid (a proof that fails, or a plaintext that is not a
        /// valid ballot): counted here, not in ``ballotsCounted``. Encoded only when not 0, so a public tally reads
        /// as before.
        public var invalidBallots: Int = 0

        private enum CodingKeys: String, CodingKey {
            case area, budgetCents, passesIssued, ballotsCounted, projects, invalidBallots
        }

        init(area: String, budgetCents: Int64, passesIssued: UInt64, ballotsCounted: Int, projects: [ProjectCount]) {
            self.area = area
            self.budgetCents = budgetCents
            self.passesIssued = passesIssued
            self.ballotsCounted = ballotsCounted
            self.projects = projects
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(area: try c.decode(String.self, forKey: .area), budgetCents: try c.decode(Int64.self, forKey: .budgetCents),
                      passesIssued: try c.decode(UInt64.self, forKey: .passesIssued),
                      ballotsCounted: try c.decode(Int.self, forKey: .ballotsCounted), projects: try c.decode([ProjectCount].self, forKey: .projects))
            invalidBallots = try c.decodeIfPresent(Int.self, forKey: .invalidBallots) ?? 0
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(area, forKey: .area)
            try c.encode(budgetCents, forKey: .budgetCents)
            try c.encode(passesIssued, forKey: .passesIssued)
            try c.encode(ballotsCounted, forKey: .ballotsCounted)
            try c.encode(projects, forKey: .projects)
            if invalidBallots != 0 { try c.encode(invalidBallots, forKey: .invalidBallots) }
        }

        /// Counts one ballot's choices (`index`: project id to its position in `projects`); a choice of a
        /// project not in the contest adds nothing (the ballot rules refused it at casting).
        package mutating func add(_ choices: [Choice], ballot: BallotType, index: [String: Int]) {
            ballotsCounted += 1
            ballots.append(choices)
            for choice in choices {
                guard let p = index[choice.project] else { continue }
                projects[p].ballots += 1
                switch ballot {
                case .cumulative: projects[p].points += UInt64(choice.value)
                case .ranking: projects[p].points += choice.value == 1 ? 1 : 0
                default: projects[p].points += 1
                }
            }
        }
    }

    /// A ballot that does not count, and why.
    public struct VoidBallot: Sendable, Codable, Equatable {
        /// Where it is.
        public let kiosk: String
        /// Its position in that kiosk's log.
        public let sequence: UInt64
        /// The pass, hex.
        public let pass: String
        /// Why it does not count: its pass voted before, or its pass was revoked at the desk.
        public let reason: ElectionResult.VoidEntry.Reason
        /// Where the counted ballot of the same pass is; nil for a revoked pass (none of its ballots counts).
        public let countedKiosk: String?
        /// Its position; nil for a revoked pass.
        public let countedSequence: UInt64?

        /// A ballot whose pass voted before, at `countedKiosk` position `countedSequence`.
        public init(kiosk: String, sequence: UInt64, pass: String, countedKiosk: String, countedSequence: UInt64) {
            self.kiosk = kiosk
            self.sequence = sequence
            self.pass = pass
            self.reason = .passUsedBefore
            self.countedKiosk = countedKiosk
            self.countedSequence = countedSequence
        }

        /// A ballot of a pass revoked at the desk (cast at a location whose store did not know of the revocation).
        public init(revokedKiosk kiosk: String, sequence: UInt64, pass: String) {
            self.kiosk = kiosk
            self.sequence = sequence
            self.pass = pass
            self.reason = .passRevoked
            self.countedKiosk = nil
            self.countedSequence = nil
        }

        /// Why, in a sentence's tail for the CLI and the demo ("pass already voted at ...").
        public var why: String {
            switch reason {
            case .passUsedBefore: "pass already voted at \(countedKiosk ?? "?") #\(countedSequence ?? 0)"
            case .passRevoked: "pass was revoked at the desk (the household got a new pass); a revoked pass never counts"
            }
        }

        /// As the signed result lists it.
        public var entry: ElectionResult.VoidEntry {
            switch reason {
            case .passUsedBefore: .init(kiosk: kiosk, sequence: sequence, countedKiosk: countedKiosk ?? "", countedSequence: countedSequence ?? 0)
            case .passRevoked: .init(revokedKiosk: kiosk, sequence: sequence)
            }
        }
    }

    /// The election.
    public let election: String
    /// SHA-256 of its definition.
    public let definitionHash: String
    /// Ballots in all logs.
    public let ballotsInLogs: Int
    /// Per contest, by area.
    public var contests: [ContestCount]
    /// Void ballots: every ballot of a revoked pass, and of every other pass that voted more than once all but the
    /// first by time, kiosk, sequence.
    public let voids: [VoidBallot]

    /// Counts the ballots of the closed election `electionId`.
    public static func count(election electionId: String, store: Store) throws -> Tally {
        let election = try store.election(electionId)
        guard election.state == .closed else {
            throw BuurtstemError(.wrongState, "the polls of '\(electionId)' are \(election.state.rawValue); the tally is made after the polls close",
                                 remedy: .closePolls(election: electionId, kiosk: nil))
        }
        let definition = try election.decodedDefinition()
        let issued = try election.commitment()?.areas ?? []
        var contests = definition.contests.map { contest in
            ContestCount(area: contest.area, budgetCents: contest.budgetCents,
                         passesIssued: issued.first { $0.area == contest.area }?.count ?? 0, ballotsCounted: 0,
                         projects: contest.projects.map { ProjectCount(id: $0.id, title: $0.title, costCents: $0.costCents, ballots: 0, points: 0) })
        }
        let contestIndex = Dictionary(uniqueKeysWithValues: contests.enumerated().map { ($1.area, $0) })
        let projectIndex = contests.map { Dictionary(uniqueKeysWithValues: $0.projects.enumerated().map { ($1.id, $0) }) }
        var voids: [VoidBallot] = []
        var total = 0
        /// Adds one counted ballot's choices to contest `c`.
        func add(_ choices: [Choice], to c: Int) {
            contests[c].add(choices, ballot: definition.ballot, index: projectIndex[c])
        }
        if definition.isSecret {
            // A secret election: the voids by its first-use rule over the encrypted logs, the choices from the
            // decoded output of the mix (docs/record.md, "Secret elections: the record").
            let secret = try SecretElection(electionId, store: store)
            let (counted, secretVoids) = try secret.firstUse()
            voids = secretVoids
            total = counted.values.reduce(0) { $0 + $1.count } + voids.count
            let decoded = try secret.decoded()
            if decoded.isEmpty, counted.values.contains(where: { $0.contains(where: \.isValid) }) {
                throw BuurtstemError(.wrongState, "the ballots of secret election '\(electionId)' are not decrypted yet: mix them, have t trustees "
                    + "decrypt them and combine the shares first", remedy: .decryptBallots(election: electionId))
            }
            for (area, ballots) in counted {
                guard let c = contestIndex[area] else { continue }
                contests[c].invalidBallots += ballots.filter { !$0.isValid }.count
            }
            for line in decoded {
                guard let c = contestIndex[line.area] else { continue }
                if let choices = line.choices { add(choices, to: c) } else { contests[c].invalidBallots += 1 }
            }
        } else {
            let revoked = try store.revokedPasses(election: electionId)
            try store.read { db in
                // Ordered by pass, then by the conflict rule: the first ballot of each pass counts.
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT kiosk, sequence, pass, area, choices FROM ballot WHERE electionId = ?
                    ORDER BY pass, timeMillis, kiosk, sequence
                    """, arguments: [electionId])
                let decoder = JSONDecoder()
                var previousPass: Data?
                var counted: (kiosk: String, sequence: UInt64) = ("", 0)
                while let row = try cursor.next() {
                    total += 1
                    let pass: Data = row["pass"], kiosk: String = row["kiosk"], sequence = UInt64(row["sequence"] as Int64)
                    if revoked.contains(pass) {
                        voids.append(VoidBallot(revokedKiosk: kiosk, sequence: sequence, pass: Hex.encode(pass)))
                        continue
                    }
                    if pass == previousPass {
                        voids.append(VoidBallot(kiosk: kiosk, sequence: sequence, pass: Hex.encode(pass),
                                                countedKiosk: counted.kiosk, countedSequence: counted.sequence))
                        continue
                    }
                    previousPass = pass
                    counted = (kiosk, sequence)
                    guard let c = contestIndex[row["area"] as String] else { continue }
                    add(try decoder.decode([Choice].self, from: Data((row["choices"] as String).utf8)), to: c)
                }
            }
        }
        voids.sort { ($0.kiosk, $0.sequence) < ($1.kiosk, $1.sequence) }
        return Tally(election: electionId, definitionHash: Hex.encode(election.definitionHash), ballotsInLogs: total,
                     contests: contests, voids: voids)
    }
}
