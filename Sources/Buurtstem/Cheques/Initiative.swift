import Foundation
import GRDB

/// A residents' initiative that collects cheques: a buurtfeest, a playground, shared green.
///
/// The initiator's contact is kept for the gemeente to pay out and reach them; it is never exported or published.
public struct Initiative: Sendable, Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    /// Sequential number, the id initiators write on paper forms.
    public var id: Int64?
    /// The round it collects in.
    public var roundId: String
    /// The buurt it is for; the round's scope says which cheques may go to it.
    public var buurtCode: String
    /// A short title.
    public var title: String
    /// A short description.
    public var description: String
    /// The amount it needs in cents; reached or not at settlement.
    public var targetCents: Int64
    /// The last day it collects (`YYYY-MM-DD`).
    public var deadline: String
    /// The first millisecond after the deadline day (Dutch time).
    public var closesAtMillis: Int64
    /// How to reach the initiator (staff only, never published).
    public var contact: String?
    /// When it was registered.
    public var createdAt: Date

    public static let databaseTableName = "initiative"

    /// The longest title accepted.
    public static let maximumTitleLength = 120
    /// The longest description accepted.
    public static let maximumDescriptionLength = 2000

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Registers an initiative for `round` in `buurt`, collecting until the end of `deadline` (`YYYY-MM-DD`).
    ///
    /// The deadline lies within the round's validity and not in the past; the round must not be settled.
    /// `alsoIn` runs in the same transaction once the initiative is stored (an aanvraag that becomes the initiative
    /// moves with it, or neither happens).
    public static func add(
        to store: Store, round roundId: String, buurt: String, title: String, description: String,
        targetCents: Int64, deadline: String, contact: String?, now: Date = Date(),
        alsoIn: ((Database, Initiative) throws -> Void)? = nil
    ) throws -> Initiative {
        let round = try store.chequeRound(roundId)
        let buurt = buurt.uppercased()
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        let contact = contact?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...maximumTitleLength).contains(title.count) else {
            throw BuurtstemError(.badInput, "an initiative's title needs 1 to \(maximumTitleLength) characters, e.g. 'Buurtfeest Javastraat'")
        }
        guard description.count <= maximumDescriptionLength else {
            throw BuurtstemError(.badInput, "the initiative's description has \(description.count) characters; keep it to \(maximumDescriptionLength)")
        }
        guard contact.map({ $0.count <= 200 }) ?? true else { throw BuurtstemError(.badInput, "the initiative's contact is longer than 200 characters") }
        guard targetCents > 0, targetCents <= Money.maximumCents else {
            throw BuurtstemError(.badInput, "the initiative's target must be above 0 and at most EUR \(Money.plain(Money.maximumCents))")
        }
        let deadline = try ChequeCalendar.day(deadline, what: "the deadline")
        guard deadline >= round.issueDate, deadline <= round.validUntil else {
            throw BuurtstemError(.badInput, "the deadline \(deadline) is outside round \(round.id), whose cheques are valid \(round.issueDate) "
                + "through \(round.validUntil); choose a day in that period")
        }
        var initiative = Initiative(
            id: nil, roundId: round.id, buurtCode: buurt, title: title, description: description,
            targetCents: targetCents, deadline: deadline, closesAtMillis: try ChequeCalendar.endMillis(of: deadline),
            contact: contact?.isEmpty == false ? contact : nil, createdAt: now)
        guard initiative.closesAtMillis > ChequeCalendar.millis(now) else {
            throw BuurtstemError(.wrongState, "the deadline \(deadline) has already passed; choose a later day")
        }
        return try store.write { db in
            guard try Buurt.exists(db, key: buurt) else {
                throw BuurtstemError(.notFound, "'\(buurt)' is not a known buurt: use a CBS buurt code (BU + 8 digits) of the register's areas",
                                     remedy: .showRegister)
            }
            if try ChequeSettlement.exists(db, key: round.id) {
                throw BuurtstemError(.badInput, "round \(round.id) is settled; initiatives join an open round")
            }
            if let fingerprint = try String.fetchOne(db, sql: "SELECT fingerprint FROM chequePrePublication WHERE roundId = ?", arguments: [round.id]) {
                throw BuurtstemError(.wrongState, "round \(round.id) was pre-published (fingerprint \(fingerprint)) with its initiatives fixed; an initiative "
                    + "added now would fail every pinned verification. Register it for the next round, before that round is published")
            }
            try initiative.insert(db)
            try alsoIn?(db, initiative)
            return initiative
        }
    }
}
