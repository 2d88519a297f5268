import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// `buurtstem trustee decrypt`: a trustee's decryption shares of the last mix stage's output, one per contest area,
/// each with a Chaum–Pedersen proof (docs/record.md, "Threshold decryption" and "Secret elections: the record").
public enum TrusteeDecryption {
    /// The key share sealed at `path` (a key file whose seed is the 32-byte scalar x_j, as `buurtstem trustee
    /// receive` writes it), matched to its trustee's verification key.
    public static func openShare(_ path: String, electionKey: ElectionKey, passphrase: Passphrase) throws -> TrusteeKeyShare {
        let sealed = try KeyFile.unseal(path, passphrase: passphrase)
        guard let secret = Ristretto255.Scalar(canonical: sealed.seed),
              let index = electionKey.verificationKeys.firstIndex(of: .base(secret)),
              let share = TrusteeKeyShare(index: index + 1, secret: secret, electionKey: electionKey) else {
            throw UsageError("the key share in \(path) belongs to no trustee of this election's key: use the share key file "
                + "that the trustees' ceremony gave you for this election")
        }
        return share
    }

    /// The shares of the trustee whose key share is `keyShare`, over the last stage's output of every area.
    public static func decrypt(election electionId: String, store: Store, keyShare: TrusteeKeyShare) throws -> DecryptionSharesFile {
        let election = try SecretElection(electionId, store: store)
        guard keyShare.electionKey == election.key else {
            throw UsageError("the key share is of another election key; use the share key file of '\(electionId)'")
        }
        guard let last = try election.stages().last else {
            throw UsageError("'\(electionId)' has no mix stage yet: run 'buurtstem mix --election \(electionId) --out FILE' (at least once) first")
        }
        let hash = election.definition.hash
        let areas = last.areas.map { area in
            let context = DecryptionSharesFile.context(election: electionId, definitionHash: hash, stage: last.stage, area: area.area)
            let share = DecryptionShare.make(area.outputs.flatMap { $0 }, keyShare: keyShare, context: context)
            return DecryptionSharesFile.AreaShare(area: area.area, partials: share.partials, proof: share.proof)
        }
        return DecryptionSharesFile(election: electionId, definitionHash: hash, stage: last.stage, trustee: keyShare.index, areas: areas)
    }
}
