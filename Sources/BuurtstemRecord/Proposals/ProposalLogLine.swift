import BuurtstemCrypto

/// One line of a proposals record's `log.jsonl`: an entry with its leaf hash (docs/record.md, "Proposals").
///
/// Keys: `sequence`, `time_ms`, `proposal`, `kind`, the kind's own fields, and `leaf_hash` (given for convenience;
/// a verifier recomputes it).
public struct ProposalLogLine: Sendable, Equatable, Codable {
    /// The entry.
    public let entry: ProposalEntry
    /// Its leaf hash as written.
    public let leafHash: HexBytes

    /// A line for `entry` in log `logId`.
    public init(_ entry: ProposalEntry, logId: String) {
        self.entry = entry
        self.leafHash = HexBytes(entry.leafHash(logId: logId))
    }

    /// A line as read (its leaf hash unchecked).
    public init(entry: ProposalEntry, leafHash: HexBytes) {
        self.entry = entry
        self.leafHash = leafHash
    }

    private enum CodingKeys: String, CodingKey {
        case sequence, timeMillis = "time_ms", proposal, kind, leafHash = "leaf_hash"
        case set, criteria, area, title, description, requestedCents = "requested_cents"
        case from, to, note, assessor, statement, criterion, met, reason, outcome, reasons
        case amountCents = "amount_cents", milestone, evidence, coFunders = "co_funders"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let body: ProposalEntry.Body
        switch kind {
        case "criteria":
            body = .criteria(set: try c.decode(String.self, forKey: .set),
                             items: try c.decode([ProposalEntry.Criterion].self, forKey: .criteria))
        case "received":
            body = .received(area: try c.decode(String.self, forKey: .area), title: try c.decode(String.self, forKey: .title),
                             description: try c.decode(String.self, forKey: .description),
                             requestedCents: try c.decode(UInt64.self, forKey: .requestedCents))
        case "status":
            body = .status(from: try c.decode(ProposalStatus.self, forKey: .from), to: try c.decode(ProposalStatus.self, forKey: .to),
                           note: try c.decode(String.self, forKey: .note))
        case "interest":
            body = .interest(assessor: try c.decode(String.self, forKey: .assessor), statement: try c.decode(String.self, forKey: .statement))
        case "judgement":
            body = .judgement(assessor: try c.decode(String.self, forKey: .assessor), criterion: try c.decode(String.self, forKey: .criterion),
                              met: try c.decode(Bool.self, forKey: .met), reason: try c.decode(String.self, forKey: .reason))
        case "decision":
            body = .decision(outcome: try c.decode(ProposalStatus.self, forKey: .outcome), reasons: try c.decode(String.self, forKey: .reasons))
        case "payment":
            body = .payment(amountCents: try c.decode(UInt64.self, forKey: .amountCents), milestone: try c.decode(String.self, forKey: .milestone),
                            evidence: try c.decode(String.self, forKey: .evidence))
        case "funding":
            body = .funding(amountCents: try c.decode(UInt64.self, forKey: .amountCents), reason: try c.decode(String.self, forKey: .reason))
        case "co_funding":
            body = .coFunding(funders: try c.decode([ProposalEntry.Pledge].self, forKey: .coFunders))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown kind '\(kind.prefix(40))'")
        }
        entry = ProposalEntry(sequence: try c.decode(UInt64.self, forKey: .sequence), timeMillis: try c.decode(Int64.self, forKey: .timeMillis),
                              proposal: try c.decode(UInt64.self, forKey: .proposal), body: body)
        leafHash = try c.decode(HexBytes.self, forKey: .leafHash)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(entry.sequence, forKey: .sequence)
        try c.encode(entry.timeMillis, forKey: .timeMillis)
        try c.encode(entry.proposal, forKey: .proposal)
        try c.encode(entry.body.kind, forKey: .kind)
        try c.encode(leafHash, forKey: .leafHash)
        switch entry.body {
        case let .criteria(set, items):
            try c.encode(set, forKey: .set)
            try c.encode(items, forKey: .criteria)
        case let .received(area, title, description, requestedCents):
            try c.encode(area, forKey: .area)
            try c.encode(title, forKey: .title)
            try c.encode(description, forKey: .description)
            try c.encode(requestedCents, forKey: .requestedCents)
        case let .status(from, to, note):
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encode(note, forKey: .note)
        case let .interest(assessor, statement):
            try c.encode(assessor, forKey: .assessor)
            try c.encode(statement, forKey: .statement)
        case let .judgement(assessor, criterion, met, reason):
            try c.encode(assessor, forKey: .assessor)
            try c.encode(criterion, forKey: .criterion)
            try c.encode(met, forKey: .met)
            try c.encode(reason, forKey: .reason)
        case let .decision(outcome, reasons):
            try c.encode(outcome, forKey: .outcome)
            try c.encode(reasons, forKey: .reasons)
        case let .payment(amountCents, milestone, evidence):
            try c.encode(amountCents, forKey: .amountCents)
            try c.encode(milestone, forKey: .milestone)
            try c.encode(evidence, forKey: .evidence)
        case let .funding(amountCents, reason):
            try c.encode(amountCents, forKey: .amountCents)
            try c.encode(reason, forKey: .reason)
        case let .coFunding(funders):
            try c.encode(funders, forKey: .coFunders)
        }
    }
}
