import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// An election as stored: its signed definition and where it stands.
public struct Election: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// The stages an election goes through, in order; it never goes back.
    public enum State: String, Sendable, Codable, DatabaseValueConvertible {
        /// Defined and signed; kiosks can be added, passes issued.
        case created
        /// Passes issued and committed; kiosks can still be added.
        case issued
        /// Polls open: ballots are accepted.
        case open
        /// Polls closed: final checkpoints written, no more ballots.
        case closed
    }

    /// The election's id.
    public var id: String
    /// The definition, as JSON (storage only; what is signed is its canonical bytes).
    public var definition: String
    /// SHA-256 of the definition's canonical bytes.
    public var definitionHash: Data
    /// The gemeente's signature over the definition's canonical bytes.
    public var manifestSignature: Data
    /// Where it stands.
    public var state: State
    /// When it was created.
    public var createdAt: Date
    /// The issued passes' Merkle root, once issued.
    public var issuedRoot: Data?
    /// Passes per area (JSON), once issued.
    public var issuedAreas: String?
    /// The gemeente's signature over the issued-pass commitment.
    public var issuedSignature: Data?
    /// When the polls were opened.
    public var openedAt: Date?
    /// When the polls were closed.
    public var closedAt: Date?

    public static let databaseTableName = "election"

    /// The decoded definition.
    public func decodedDefinition() throws -> ElectionDefinition {
        try JSONDecoder().decode(ElectionDefinition.self, from: Data(definition.utf8))
    }

    /// The issued-pass commitment, once passes are issued.
    public func commitment() throws -> IssuedPassCommitment? {
        guard let issuedRoot, let issuedAreas, let issuedSignature else { return nil }
        let areas = try JSONDecoder().decode([IssuedPassCommitment.AreaCount].self, from: Data(issuedAreas.utf8))
        return IssuedPassCommitment(election: id, definitionHash: [UInt8](definitionHash),
                                    total: areas.reduce(0) { $0 + $1.count }, areas: areas, root: [UInt8](issuedRoot),
                                    signature: try Signature(bytes: [UInt8](issuedSignature)))
    }
}

extension Store {
    /// The election `id`, with a clear error when there is none.
    public func election(_ id: String) throws -> Election {
        guard let election = try read({ try Election.fetchOne($0, key: id) }) else {
            let known = try read { try String.fetchAll($0, sql: "SELECT id FROM election ORDER BY id") }
            throw BuurtstemError(.notFound, "there is no election '\(id)'" + (known.isEmpty ? "; create it first"
                                                               : "; known: \(known.joined(separator: ", "))"),
                                 remedy: known.isEmpty ? .createElection : nil)
        }
        return election
    }

    /// All elections, by id.
    public func elections() throws -> [Election] {
        try read { try Election.order(Column("id")).fetchAll($0) }
    }

    /// The gemeente's issuing public key.
    public func issuingPublicKey() throws -> PublicKey {
        try PublicKey(bytes: [UInt8](try gemeente().issuingPublicKey))
    }
}
