import BuurtstemCrypto
import BuurtstemRecord

extension Trustees {
    /// What `deal` wrote.
    public struct Dealt: Sendable, Encodable {
        /// The dealing file.
        public let file: String
        /// The dealer's index.
        public let dealer: Int
        /// The dealer's name.
        public let name: String
        /// The ceremony hash, hex.
        public let ceremonyHash: String
    }

    /// The dealing of the trustee whose sealed key is at `keyFile` in the ceremony at `ceremonyFile`, written to
    /// `out`. The polynomial is random and forgotten: dealing twice gives a different dealing, and only one may be sent.
    public static func deal(ceremonyFile: String, keyFile: String, passphrase: Passphrase, out: String) throws -> Dealt {
        let (file, ceremony) = try TrusteeFiles.ceremony(ceremonyFile)
        let keys = try unsealKeys(keyFile, passphrase: passphrase)
        let index = try TrusteeFiles.index(of: keys, in: ceremony, keyFile: keyFile, ceremonyFile: ceremonyFile)
        let dealing = try TrusteeDealing.deal(in: ceremony, keys: keys, index: index)
        try AtomicFile.write(TrusteeFileJSON.encode(TrusteeDealingFile(election: file.election, ceremonyHash: ceremony.hash, dealing: dealing)),
                             to: out)
        return Dealt(file: out, dealer: index, name: ceremony.cards[index - 1].name, ceremonyHash: Hex.encode(ceremony.hash))
    }
}
