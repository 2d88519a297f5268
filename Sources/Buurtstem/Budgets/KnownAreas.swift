import GRDB

/// The wijken and buurten a store holds, which a budget plan's areas can be held against.
public struct KnownAreas: Sendable {
    /// The store's gemeente code.
    public let gemeente: String
    /// Wijken by code.
    public let wijken: [String: Wijk]
    /// Buurten by code.
    public let buurten: [String: Buurt]

    private init(gemeente: String, wijken: [Wijk], buurten: [Buurt]) {
        self.gemeente = gemeente
        self.wijken = Dictionary(wijken.map { ($0.code, $0) }) { first, _ in first }
        self.buurten = Dictionary(buurten.map { ($0.code, $0) }) { first, _ in first }
    }

    /// The areas stored in `store`.
    public init(store: Store) throws {
        let gemeente = try store.gemeente().code
        let (wijken, buurten) = try store.read { db in (try Wijk.fetchAll(db), try Buurt.fetchAll(db)) }
        self.init(gemeente: gemeente, wijken: wijken, buurten: buurten)
    }

    /// The stored name of a wijk or buurt, or nil when the store does not have it.
    public func name(of code: String) -> String? {
        wijken[code]?.name ?? buurten[code]?.name
    }
}
