import BuurtstemCrypto
import Foundation
import GRDB

/// The gemeente a store belongs to: one per database, with the public half of its issuing key.
public struct Gemeente: Sendable, Codable, Equatable, FetchableRecord, PersistableRecord {
    /// CBS code, `GM` + 4 digits.
    public var code: String
    /// The gemeente's name.
    public var name: String
    /// The Ed25519 public key that signs manifests, issued sets and results.
    public var issuingPublicKey: Data
    /// When the store was initialised.
    public var createdAt: Date

    public static let databaseTableName = "gemeente"
}

extension Store {
    /// The gemeente this store belongs to.
    public func gemeente() throws -> Gemeente {
        guard let gemeente = try read({ try Gemeente.fetchOne($0) }) else {
            throw BuurtstemError(.notFound, "the database \(path) has no gemeente: it was not initialised by Buurtstem", remedy: .initialise)
        }
        return gemeente
    }
}
