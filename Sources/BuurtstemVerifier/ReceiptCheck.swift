import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// A resident's check of a receipt against the published record: the ballot with that tracking code is in a
/// kiosk's log, proved by an RFC 9162 inclusion proof against the kiosk's final signed checkpoint, whose key the
/// gemeente registered. It shows where the ballot is, never what it says.
public enum ReceiptCheck {
    /// The outcome of a successful check.
    public struct Proof: Sendable, Codable {
        /// The tracking code checked.
        public let trackingCode: String
        /// The kiosk whose log holds the ballot.
        public let kiosk: String
        /// Its position in the log.
        public let position: Int
        /// The log's size at the final checkpoint.
        public let treeSize: Int
        /// The final checkpoint's tree head, hex.
        public let root: String
        /// The inclusion proof, hex hashes.
        public let path: [String]
        /// Whether the ballot is void (its pass had voted earlier elsewhere) according to the signed result.
        public let void: Bool
    }

    /// Why a receipt could not be confirmed.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong and what to do.
        public let message: String
        public var description: String { message }
    }

    /// Looks up `trackingCode` in the record at `folder` and proves its inclusion.
    public static func check(record folder: URL, trackingCode: String) throws -> Proof {
        let prefix: [UInt8]
        do {
            prefix = try TrackingCode.prefix(of: trackingCode)
        } catch {
            throw Failure(message: "\(error)")
        }
        let decoder = JSONDecoder()
        func read<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            do {
                return try decoder.decode(T.self, from: try Data(contentsOf: folder.appendingPathComponent(name)))
            } catch {
                throw Failure(message: "\(folder.path) is not a complete Buurtstem record: \(name) cannot be read")
            }
        }
        let index = try read(RecordIndex.self, ElectionRecordFile.index)
        guard index.isValid else { throw Failure(message: "the record's index is not signed by the gemeente's key: do not trust this record") }
        let kiosks = try read([KioskRegistration].self, ElectionRecordFile.kiosks)
        // Format 2: ballots sign the definition hash, so the leaf is rebuilt with it.
        let boundHash = index.bindsBallotsToDefinition ? try read(DefinitionFile.self, ElectionRecordFile.definition).definition.hash : nil
        let result = try read(ElectionResult.self, ElectionRecordFile.result)
        for kiosk in kiosks where kiosk.isValid(issuer: index.issuingPublicKey) {
            var reader = try LineReader(url: folder.appendingPathComponent(ElectionRecordFile.ballots(kiosk: kiosk.name)))
            var leaves: [[UInt8]] = []
            var found: Int?
            while let line = try reader.next() {
                guard let ballot = try? decoder.decode(BallotLine.self, from: line) else { continue }
                let leaf = ballot.ballot(election: index.election, definitionHash: boundHash, kiosk: kiosk.name).leafHash
                if found == nil, leaf.starts(with: prefix) { found = leaves.count }
                leaves.append(leaf)
            }
            guard let position = found else { continue }
            let checkpoints = try read([Checkpoint].self, ElectionRecordFile.checkpoints(kiosk: kiosk.name))
            guard let final = checkpoints.max(by: { $0.size < $1.size }), final.isValid, final.signer == kiosk.kiosk,
                  Int(final.size) > position else {
                throw Failure(message: "the ballot is in kiosk \(kiosk.name)'s log, but no valid final checkpoint covers it: report this to the gemeente and the observers")
            }
            let tree = MerkleTree(leafHashes: Array(leaves.prefix(Int(final.size))))
            let path = tree.inclusionProof(index: position)
            guard MerkleProof.verifyInclusion(leafHash: leaves[position], index: position, treeSize: Int(final.size), path: path, root: final.root) else {
                throw Failure(message: "the inclusion proof for your ballot does not match kiosk \(kiosk.name)'s signed checkpoint: report this")
            }
            let void = result.voids.contains { $0.kiosk == kiosk.name && $0.sequence == UInt64(position) }
            return Proof(trackingCode: trackingCode, kiosk: kiosk.name, position: position, treeSize: Int(final.size),
                         root: Hex.encode(final.root), path: path.map { Hex.encode($0) }, void: void)
        }
        throw Failure(message: "no ballot with tracking code \(trackingCode) is in this record. Check the code and that this is the record of your election; if it is right, report it to the gemeente and the observers")
    }
}
