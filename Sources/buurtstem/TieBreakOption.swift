import ArgumentParser
import Buurtstem
import BuurtstemCrypto

/// `--tie-break` of `buurtstem allocate`: the engine's ``TieBreak`` by its published name; the public lot's seed
/// comes from `--lot-seed`, so the choice alone has no value.
enum TieBreakOption: String, CaseIterable, ExpressibleByArgument {
    case lexico
    case costVotes = "cost-votes"
    case costVotesLot = "cost-votes-lot"

    /// The engine's tie-break, with the lot seed given as hex when this is the public lot; a seed without the lot,
    /// or the lot without a seed, is a usage error.
    func tieBreak(lotSeed: String?) throws -> TieBreak {
        switch (self, lotSeed) {
        case (.lexico, nil): return .lexico
        case (.costVotes, nil): return .costVotes
        case (.costVotesLot, let text?):
            guard let seed = Hex.decode(text), !seed.isEmpty else {
                throw ValidationError("--lot-seed \(text) is not hexadecimal; give the published seed as hex digits")
            }
            return .costVotesLot(seed: seed)
        case (.costVotesLot, nil):
            throw ValidationError("--tie-break cost-votes-lot needs --lot-seed HEX, the published seed")
        case (_, _?):
            throw ValidationError("--lot-seed only applies to --tie-break cost-votes-lot")
        }
    }
}
