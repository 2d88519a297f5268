import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension Trustees {
    /// What `receive` wrote.
    public struct Received: Sendable, Encodable {
        /// The sealed key share.
        public let shareFile: String
        /// The trustee's index.
        public let index: Int
        /// The trustee's name.
        public let name: String
        /// The election key Y, hex: the same for every trustee, and in `election-key.json`.
        public let publicKey: String
        /// The trustee's verification key V_j, hex.
        public let verificationKey: String
    }

    /// Bad shares were found: the complaint files were written and name the dealers.
    public struct ComplaintsFiled: Error, Sendable, CustomStringConvertible {
        /// The complaints.
        public let complaints: [TrusteeComplaint]
        /// The complaint files written.
        public let files: [String]
        /// The names of the trustees complained about, by dealer index.
        public let dealers: [Int: String]

        public var description: String {
            let lines = zip(complaints, files).map { complaint, file in
                "- trustee \(complaint.dealer) (\(dealers[complaint.dealer] ?? "?")): \(complaint.description); complaint written to \(file)"
            }
            return (["bad shares were sealed to you; no key share was written:"] + lines + [
                "Send the complaint file(s) to the coordinator. The dealer(s) named must deal again with the same ceremony.json "
                    + "and every trustee receives again with the new dealings (or the coordinator reruns the ceremony without them).",
            ]).joined(separator: "\n")
        }
    }

    /// The key share of the trustee whose sealed key is at `keyFile`: every dealing in `dealingsFolder` checked, the
    /// shares sealed to this trustee opened and checked against their dealers' commitments, their sum sealed to
    /// `out` (mode 0600, never overwritten). Bad shares write signed complaint files next to `out` and throw
    /// `ComplaintsFiled`.
    public static func receive(ceremonyFile: String, dealingsFolder: String, keyFile: String, passphrase: Passphrase,
                               out: String) throws -> Received {
        let (file, ceremony) = try TrusteeFiles.ceremony(ceremonyFile)
        let keys = try unsealKeys(keyFile, passphrase: passphrase)
        let index = try TrusteeFiles.index(of: keys, in: ceremony, keyFile: keyFile, ceremonyFile: ceremonyFile)
        let dealings = try TrusteeFiles.dealings(in: dealingsFolder, ceremony: ceremony).map(\.file.dealing)
        let name = ceremony.cards[index - 1].name
        let share: TrusteeKeyShare
        // A switch over a Result: a typed `catch .complaints(let ...)` here crashes the Swift 6.3.1 compiler
        // ("Found outside of lifetime use").
        switch Result(catching: { () throws(TrusteeCeremonyError) in
            try TrusteeKeyShare.receive(in: ceremony, dealings: dealings, keys: keys, index: index)
        }) {
        case .success(let received):
            share = received
        case .failure(.complaints(let complaints)):
            throw try fileComplaints(complaints, election: file.election, ceremony: ceremony, key: keys.signingKey, next: out)
        case .failure(let error):
            throw error
        }
        let secret = try passphrase.obtain(purpose: "key share of trustee \(index) (\(name))", confirm: true)
        let sealed = try SealedKey(sealing: try SigningKey(seed: share.secret.bytes),
                                   label: shareLabel(index: index, name: name, election: file.election), passphrase: secret)
        try KeyFile.write(sealed, to: out)
        return Received(shareFile: out, index: index, name: name, publicKey: share.electionKey.publicKey.description,
                        verificationKey: share.electionKey.verificationKeys[index - 1].description)
    }

    /// Writes a signed complaint file for each of `complaints` next to the file `next`.
    private static func fileComplaints(_ complaints: [TrusteeComplaint], election: String, ceremony: TrusteeCeremony,
                                       key: SigningKey, next: String) throws -> ComplaintsFiled {
        let folder = (next as NSString).deletingLastPathComponent as NSString
        var files: [String] = []
        for complaint in complaints {
            let path = folder.appendingPathComponent(TrusteeComplaintFile.fileName(complaint))
            let signed = TrusteeComplaintFile(election: election, ceremonyHash: ceremony.hash, complaint: complaint, key: key)
            try AtomicFile.write(TrusteeFileJSON.encode(signed), to: path)
            files.append(path)
        }
        var dealers: [Int: String] = [:]
        for complaint in complaints { dealers[complaint.dealer] = ceremony.cards[complaint.dealer - 1].name }
        return ComplaintsFiled(complaints: complaints, files: files, dealers: dealers)
    }

    /// The label of a sealed key share.
    static func shareLabel(index: Int, name: String, election: String) -> String {
        "key share of trustee \(index) (\(name)) for election \(election)"
    }
}
