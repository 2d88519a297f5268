import BuurtstemCrypto
import BuurtstemRecord

extension Trustees {
    /// What `makeCeremony` wrote.
    public struct CeremonyMade: Sendable, Encodable {
        /// The file.
        public let file: String
        /// The election.
        public let election: String
        /// t.
        public let threshold: Int
        /// The trustees' names in index order.
        public let trustees: [String]
        /// The ceremony hash, hex: every trustee compares it before dealing.
        public let ceremonyHash: String
    }

    /// The ceremony of the cards at `cardFiles` (trustee j is the j-th card) with threshold `threshold` for
    /// `election`, written to `out`. Refuses t outside 1...n, more than `TrusteeCeremonyFile.maximumTrustees`
    /// cards, a card given twice (the same signing or box key) and a card that does not hold.
    public static func makeCeremony(threshold: Int, cardFiles: [String], election: String, out: String) throws -> CeremonyMade {
        if let problem = TrusteeCeremonyFile.electionProblem(election) { throw BuurtstemError(.badInput, "the election id: \(problem)") }
        guard !cardFiles.isEmpty else { throw BuurtstemError(.badInput, "no cards: give every trustee's card.json, in the order the trustees are numbered") }
        guard cardFiles.count <= TrusteeCeremonyFile.maximumTrustees else {
            throw BuurtstemError(.badInput, "\(cardFiles.count) cards: a ceremony has at most \(TrusteeCeremonyFile.maximumTrustees) trustees (every trustee takes part in every decryption); choose fewer")
        }
        guard (1...cardFiles.count).contains(threshold) else {
            throw BuurtstemError(.badInput, "a threshold of \(threshold) with \(cardFiles.count) cards: the threshold t is the number of trustees needed to decrypt, between 1 and \(cardFiles.count); "
                + "for \(cardFiles.count) trustees \(cardFiles.count / 2 + 1) is usual")
        }
        var cards: [TrusteeCardFile] = []
        for path in cardFiles {
            let card = try TrusteeFiles.read(TrusteeCardFile.self, path, what: "the card")
            if let problem = card.problem { throw TrusteeFileError(file: path, field: problem.field, problem.message) }
            if let earlier = cards.firstIndex(where: { $0.signingKey == card.signingKey || $0.boxKey == card.boxKey }) {
                throw TrusteeFileError(file: path, field: "signing_public_key",
                                       "this card has the same key as card \(earlier + 1) (\(cardFiles[earlier])): each trustee gives one card of their own; remove the duplicate")
            }
            cards.append(card)
        }
        let ceremony = try TrusteeCeremony(threshold: threshold, cards: cards.enumerated().map { $0.element.card(index: $0.offset + 1) },
                                           context: Array(election.utf8))
        try AtomicFile.write(TrusteeFileJSON.encode(TrusteeCeremonyFile(election: election, ceremony: ceremony, cards: cards)), to: out)
        return CeremonyMade(file: out, election: election, threshold: threshold, trustees: cards.map(\.name),
                            ceremonyHash: Hex.encode(ceremony.hash))
    }
}
