import BuurtstemRecord

/// The verifier's own reading of docs/proposals.md's steps (written apart from the engine's, so that a mistake in
/// one cannot confirm itself in the other): which status may follow which.
enum ProposalSteps {
    /// The allowed moves, from the page's list.
    static let allowed: [ProposalStatus: Set<ProposalStatus>] = [
        .received: [.inReview, .withdrawn],
        .inReview: [.admitted, .rejected, .withdrawn],
        .admitted: [.onBallot, .decidedByWijkteam, .withdrawn],
        .onBallot: [.funded, .notFunded],
        .decidedByWijkteam: [.funded, .notFunded],
        .funded: [.inExecution],
        .inExecution: [.completed, .stopped],
    ]

    /// `true` if `to` may follow `from`.
    static func mayMove(from: ProposalStatus, to: ProposalStatus) -> Bool {
        allowed[from]?.contains(to) ?? false
    }

    /// `true` for an id as the record allows for assessors and criteria: 1 to 40 of `a-z`, `0-9`, `-`.
    static func isId(_ text: String) -> Bool {
        (1...40).contains(text.utf8.count) && text.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
        }
    }
}
