import BuurtstemCrypto

/// One entry of a gemeente's proposals log: an append-only RFC 9162 Merkle log (docs/record.md, "Proposals") in
/// which every step of every aanvraag is a signed, published fact: intake, status changes, declared interests,
/// judgements per criterion, decisions, payments, and the criteria themselves.
///
/// An initiatiefnemer's contact is never part of an entry.
public struct ProposalEntry: Sendable, Equatable, Hashable {
    /// What happened.
    public enum Body: Sendable, Equatable, Hashable {
        /// The criteria of the toetsing from now on (`proposal` is 0): a named set, each criterion `(id, name)`.
        case criteria(set: String, items: [Criterion])
        /// A proposal was received (status `received`).
        case received(area: String, title: String, description: String, requestedCents: UInt64)
        /// A status change other than a decision.
        case status(from: ProposalStatus, to: ProposalStatus, note: String)
        /// An assessor declared an interest in the proposal and takes no part in judging it.
        case interest(assessor: String, statement: String)
        /// An assessor's judgement of one criterion, with the written reason.
        case judgement(assessor: String, criterion: String, met: Bool, reason: String)
        /// The toetsing's decision: `admitted` or `rejected`, with its reasons in plain Dutch.
        case decision(outcome: ProposalStatus, reasons: String)
        /// A payment to a funded proposal for a milestone delivered, with an optional reference to evidence (a
        /// photo's file name or address); the payments never add up to more than the requested amount.
        case payment(amountCents: UInt64, milestone: String, evidence: String)
        /// The amount a funded proposal is funded at, when it is not the requested amount (a cap, a partial
        /// grant), with the reason; logged right after the move to `funded`, before any payment. Without it a
        /// funded proposal is funded at its requested amount.
        case funding(amountCents: UInt64, reason: String)
        /// The proposal's co-funders and what each pledges (in the order given, at least one, each above 0, names
        /// distinct, together at most the requested amount); the gemeente funds the rest. Logged right after the
        /// `received` entry, or, for a proposal received before the log had this kind, once afterwards.
        case coFunding(funders: [Pledge])

        /// The kind's name in the record.
        public var kind: String {
            switch self {
            case .criteria: "criteria"
            case .received: "received"
            case .status: "status"
            case .interest: "interest"
            case .judgement: "judgement"
            case .decision: "decision"
            case .payment: "payment"
            case .funding: "funding"
            case .coFunding: "co_funding"
            }
        }
    }

    /// One criterion of the toetsing.
    public struct Criterion: Sendable, Equatable, Hashable, Codable {
        /// A short id, e.g. `bewoners-actief`.
        public let id: String
        /// Its name as people read it, e.g. "Bewoners actief".
        public let name: String

        /// A criterion.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// One co-funder's pledge.
    public struct Pledge: Sendable, Equatable, Hashable, Codable {
        /// Who gives it, e.g. "Woonstichting".
        public let name: String
        /// In cents.
        public let cents: UInt64

        /// A pledge.
        public init(name: String, cents: UInt64) {
            self.name = name
            self.cents = cents
        }
    }

    /// Position in the log, from 0.
    public let sequence: UInt64
    /// When, in milliseconds since 1970 (UTC); never earlier than the entry before it.
    public let timeMillis: Int64
    /// The proposal's id (a positive number), or 0 for an entry about the whole log (criteria).
    public let proposal: UInt64
    /// What happened.
    public let body: Body

    /// The domain-separation tag of proposal log entries.
    public static let tag = "buurtstem/proposal-entry/v1"

    /// The log id of gemeente `code`'s proposals log, as checkpoints name it.
    public static func logId(gemeente code: String) -> String { "proposals/\(code)" }

    /// An entry.
    public init(sequence: UInt64, timeMillis: Int64, proposal: UInt64, body: Body) {
        self.sequence = sequence
        self.timeMillis = timeMillis
        self.proposal = proposal
        self.body = body
    }

    /// The canonical bytes in log `logId` (docs/record.md, "Proposals").
    public func canonicalBytes(logId: String) -> [UInt8] {
        var w = ByteWriter(tag: Self.tag)
        w.append(string: logId)
        w.append(u64: sequence)
        w.append(i64: timeMillis)
        w.append(u64: proposal)
        w.append(string: body.kind)
        switch body {
        case let .criteria(set, items):
            w.append(string: set)
            w.append(u32: UInt32(items.count))
            for item in items {
                w.append(string: item.id)
                w.append(string: item.name)
            }
        case let .received(area, title, description, requestedCents):
            w.append(string: area)
            w.append(string: title)
            w.append(string: description)
            w.append(u64: requestedCents)
        case let .status(from, to, note):
            w.append(string: from.rawValue)
            w.append(string: to.rawValue)
            w.append(string: note)
        case let .interest(assessor, statement):
            w.append(string: assessor)
            w.append(string: statement)
        case let .judgement(assessor, criterion, met, reason):
            w.append(string: assessor)
            w.append(string: criterion)
            w.append(u8: met ? 1 : 0)
            w.append(string: reason)
        case let .decision(outcome, reasons):
            w.append(string: outcome.rawValue)
            w.append(string: reasons)
        case let .payment(amountCents, milestone, evidence):
            w.append(u64: amountCents)
            w.append(string: milestone)
            w.append(string: evidence)
        case let .funding(amountCents, reason):
            w.append(u64: amountCents)
            w.append(string: reason)
        case let .coFunding(funders):
            w.append(u32: UInt32(funders.count))
            for funder in funders {
                w.append(string: funder.name)
                w.append(u64: funder.cents)
            }
        }
        return w.bytes
    }

    /// The leaf hash in log `logId`: `SHA-256(0x00 || canonical bytes)`.
    public func leafHash(logId: String) -> [UInt8] {
        MerkleHash.leaf(canonicalBytes(logId: logId))
    }
}
