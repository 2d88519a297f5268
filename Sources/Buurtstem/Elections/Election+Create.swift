import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

extension Election {
    /// Stores `definition` signed with the gemeente's issuing key; refuses an id that exists. A secret election
    /// needs the bytes of its election key file (`electionKeyFile`), whose SHA-256 the definition signs.
    public static func create(_ definition: ElectionDefinition, electionKeyFile: [UInt8]? = nil, issuingKey: SigningKey,
                              in store: Store) throws -> Election {
        try create(definition, electionKeyFile: electionKeyFile, issuingKey: issuingKey, in: store) { _ in }
    }

    /// Stores `definition` as ``create(_:electionKeyFile:issuingKey:in:)`` does and runs `alongside` in the same
    /// transaction: the election and what must change with it (the aanvragen it puts on its ballot) are stored
    /// together or not at all.
    static func create(_ definition: ElectionDefinition, electionKeyFile: [UInt8]? = nil, issuingKey: SigningKey, in store: Store,
                       alongside: (Database) throws -> Void) throws -> Election {
        if let secret = definition.secretBallot {
            guard let electionKeyFile, SHA.sha256(electionKeyFile) == secret.electionKeySHA256 else {
                throw BuurtstemError(.keys, "election '\(definition.id)' is secret but the election key file given is not the one its definition names "
                    + "(SHA-256 \(Hex.encode(secret.electionKeySHA256))); create it again from the definition file")
            }
        }
        guard issuingKey.publicKey == (try store.issuingPublicKey()) else {
            throw BuurtstemError(.keys, "the issuing key given is not this gemeente's; use the key file made when the gemeente was initialised")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let election = Election(
            id: definition.id, definition: String(decoding: try encoder.encode(definition), as: UTF8.self),
            definitionHash: Data(definition.hash), manifestSignature: Data(issuingKey.signature(for: definition.canonicalBytes).bytes),
            state: .created, createdAt: Date())
        return try store.write { db in
            if try Election.exists(db, key: definition.id) {
                throw BuurtstemError(.alreadyExists, "election '\(definition.id)' already exists; an election's definition is fixed once signed. Use a new id")
            }
            try election.insert(db)
            if let electionKeyFile, definition.isSecret {
                try db.execute(sql: "INSERT INTO electionKey (electionId, file) VALUES (?, ?)", arguments: [definition.id, Data(electionKeyFile)])
            }
            try alongside(db)
            return election
        }
    }
}
