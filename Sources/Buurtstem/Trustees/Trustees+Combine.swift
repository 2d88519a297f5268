import BuurtstemCrypto
import BuurtstemRecord

extension Trustees {
    /// What `combine` wrote.
    public struct Combined: Sendable, Encodable {
        /// The election key file.
        public let file: String
        /// The election.
        public let election: String
        /// Y, hex.
        public let publicKey: String
        /// t.
        public let threshold: Int
        /// n.
        public let trustees: Int
    }

    /// The election key of the ceremony at `ceremonyFile` from the dealings in `dealingsFolder`, written to `out`.
    /// Refuses, naming the file and the dealer, when a dealing fails a check or is missing. Anyone can run it; equal
    /// inputs give the same file byte for byte.
    public static func combine(ceremonyFile: String, dealingsFolder: String, out: String) throws -> Combined {
        let (file, ceremony) = try TrusteeFiles.ceremony(ceremonyFile)
        let dealings = try TrusteeFiles.dealings(in: dealingsFolder, ceremony: ceremony)
        let key = try ElectionKey(ceremony: ceremony, dealings: dealings.map(\.file.dealing))
        let hashes = dealings.map { ElectionKeyFile.DealingHash(dealer: $0.file.dealing.dealer, sha256: $0.file.hash(in: ceremony)) }
        try AtomicFile.write(TrusteeFileJSON.encode(ElectionKeyFile(election: file.election, ceremonyHash: ceremony.hash, key: key,
                                                                    dealings: hashes)), to: out)
        return Combined(file: out, election: file.election, publicKey: key.publicKey.description, threshold: key.threshold,
                        trustees: key.trusteeCount)
    }
}
