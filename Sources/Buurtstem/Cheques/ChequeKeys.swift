import BuurtstemCrypto

/// Opening the keys that sign for a cheque round, each checked against the public key the store names.
///
/// Decision (docs/record.md, "Cheque rounds"): the gemeente's issuing key signs what is decided once (the issued
/// set, the settlement); a ledger key of the round's own, named in the signed issued set, signs the ledger's
/// checkpoints, so the desk that redeems and checkpoints during the round never needs the issuing key.
public enum ChequeKeys {
    /// The gemeente's issuing key from the sealed file at `path` (default: next to the database, NAME-issuing.key).
    public static func issuingKey(store: Store, path: String?, passphrase: Passphrase) throws -> SigningKey {
        let gemeente = try store.gemeente()
        return try KeyFile.unseal(path ?? Gemeente.defaultKeyPath(forDatabase: store.path), expected: try PublicKey(bytes: [UInt8](gemeente.issuingPublicKey)), passphrase: passphrase)
    }

    /// Round `round`'s ledger key from the sealed file at `path` (default: next to the database, NAME-ledger-ROUND.key).
    public static func ledgerKey(round: String, store: Store, path: String?, passphrase: Passphrase) throws -> SigningKey {
        guard let issuance = try store.chequeIssuance(round) else {
            _ = try store.chequeRound(round)
            throw BuurtstemError(.keys, "round \(round) is not issued yet, so it has no ledger key: issuing the round makes it", remedy: .issueCheques(round: round))
        }
        return try KeyFile.unseal(path ?? ChequeRound.defaultLedgerKeyPath(forDatabase: store.path, round: round),
                                  expected: try PublicKey(bytes: [UInt8](issuance.ledgerPublicKey)), passphrase: passphrase)
    }
}
