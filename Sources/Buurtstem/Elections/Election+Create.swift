import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

extension Election {
    /// Stores `definition` signed with the gemeente's issuing key; refuses an id that exists.
    public static func create(_ definition: ElectionDefinition, issuingKey: SigningKey, in store: Store) throws -> Election {
        guard issuingKey.publicKey == (try store.issuingPublicKey()) else {
            throw UsageError("the issuing key given is not this gemeente's; pass the key file made by 'buurtstem init'")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let election = Election(
            id: definition.id, definition: String(decoding: try encoder.encode(definition), as: UTF8.self),
            definitionHash: Data(definition.hash), manifestSignature: Data(issuingKey.signature(for: definition.canonicalBytes).bytes),
            state: .created, createdAt: Date())
        return try store.write { db in
            if try Election.exists(db, key: definition.id) {
                throw UsageError("election '\(definition.id)' already exists; an election's definition is fixed once signed. Use a new id")
            }
            try election.insert(db)
            return election
        }
    }
}
