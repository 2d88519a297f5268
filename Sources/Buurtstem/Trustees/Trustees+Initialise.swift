import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension Trustees {
    /// What `initialise` wrote.
    public struct Initialised: Sendable, Encodable {
        /// The trustee's name.
        public let name: String
        /// The sealed key file (keep secret, with a backup).
        public let keyFile: String
        /// The public card (send to the coordinator).
        public let cardFile: String
        /// The signing public key, hex, to confirm by phone or in person.
        public let signingPublicKey: String
    }

    /// New trustee keys named `name`: `trustee.key` (sealed under `passphrase`, mode 0600) and `card.json` in `folder`
    /// (created if needed). Neither file is overwritten.
    public static func initialise(name: String, folder: String, passphrase: String) throws -> Initialised {
        if let problem = TrusteeCardFile.nameProblem(name) { throw BuurtstemError(.badInput, "the trustee's name: \(problem)") }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let folderURL = URL(fileURLWithPath: folder)
        let keyFile = folderURL.appendingPathComponent("trustee.key").path
        let cardFile = folderURL.appendingPathComponent("card.json").path
        for path in [keyFile, cardFile] where FileManager.default.fileExists(atPath: path) {
            throw BuurtstemError(.alreadyExists, "\(path) already exists: a trustee's key is made once; use another folder, or move the old files away")
        }
        let keys = TrusteeKeys()
        try KeyFile.write(try SealedKey(sealing: keys.signingKey, label: keyLabel(name: name), passphrase: passphrase), to: keyFile)
        try AtomicFile.write(TrusteeFileJSON.encode(TrusteeCardFile(name: name, keys: keys)), to: cardFile, replace: false)
        return Initialised(name: name, keyFile: keyFile, cardFile: cardFile, signingPublicKey: keys.signingKey.publicKey.hex)
    }
}
