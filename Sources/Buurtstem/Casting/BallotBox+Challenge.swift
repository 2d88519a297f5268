import BuurtstemCrypto
import BuurtstemRecord

extension BallotBox {
    /// The review step of a secret election: checks the pass and the choices as `cast` would (polls open, pass
    /// issued, unused, for this kiosk's area; a valid ballot) and encrypts them, keeping the randomness. The kiosk
    /// shows the sealed ballot's code, then casts it (`cast(sealed:code:)`) or opens it for the resident to check
    /// (`SealedBallot.opening`; the Benaloh challenge, docs/record.md). Nothing is written: an opened ballot is
    /// spoiled by never being cast, and the pass stays unused.
    public func seal(election electionId: String, kiosk kioskName: String, code: String, choices: [Choice]) throws -> SealedBallot {
        let checked = try check(election: electionId, kiosk: kioskName, code: code)
        guard let secret = checked.definition.secretBallot else {
            throw BuurtstemError(.wrongState, "'\(electionId)' is a public election: its ballots are not encrypted, so there is no encryption to "
                + "check; cast the ballot directly")
        }
        try refuseIfUsed(election: electionId, pass: checked.passKey.publicKey)
        let canonical = try BallotRules.validate(choices, type: checked.definition.ballot, contest: checked.contest)
        let (encryption, randomness) = try Self.encrypt(canonical, secret: secret, definition: checked.definition, pass: checked.passKey.publicKey)
        return SealedBallot(election: electionId, kiosk: kioskName, area: checked.area, pass: checked.passKey.publicKey,
                            definitionHash: checked.definition.hash, choices: canonical, encryption: encryption, randomness: randomness)
    }
}
