import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem stempas replace`: a new stempas for a household whose letter is lost or damaged, made at the desk
/// with the register, and the old pass revoked when its code is at hand (docs/operations.md, "A lost or damaged
/// stempas").
///
/// The store keeps no link between a household and a pass, so a lost letter's pass cannot be found: the new pass
/// is then issued without revocation, and the record shows per area how many such passes exist, which bounds how
/// far the counted ballots can exceed the households. Each replacement is a signed entry of a hash chain
/// (``PassReplacement``); the record holds the chain and the signed counts per area.
public enum StempasReplacement {
    /// What a replacement did.
    public struct Summary: Sendable, Codable {
        /// The election.
        public let election: String
        /// The contest area of the new pass.
        public let area: String
        /// The entry's position in the chain.
        public let sequence: UInt64
        /// The new pass's public key, hex.
        public let pass: String
        /// The revoked pass's public key, hex; nil when no code of the old letter was given.
        public let revoked: String?
        /// Where the new letter is.
        public let printFolder: String
    }

    /// Issues a new pass of `electionId` for `household` of the election's register snapshot (its `resident`-th pass
    /// where every resident votes) and prints its letter to the new folder `printFolder`; `revokingCode`, the code
    /// on the household's old letter, revokes that pass, which must be unused and of the same area.
    public static func replace(
        election electionId: String, store: Store, issuingKey: SigningKey, household: String, resident: Int? = nil,
        revokingCode: String?, addresses: AddressBook?, printFolder: URL, letter: LetterDetails = LetterDetails(),
        now: Int64 = Int64(Date().timeIntervalSince1970 * 1000)
    ) throws -> Summary {
        let election = try store.election(electionId)
        switch election.state {
        case .created:
            throw BuurtstemError(.wrongState, "the passes of '\(electionId)' have not been issued yet; issue them all first, not one by one",
                                 remedy: .issuePasses(election: electionId))
        case .closed:
            throw BuurtstemError(.wrongState, "the polls of '\(electionId)' are closed; a pass replaced now could not vote")
        case .issued, .open:
            break
        }
        guard issuingKey.publicKey == (try store.issuingPublicKey()) else {
            throw BuurtstemError(.keys, "the issuing key given is not this gemeente's; use the key file made when the gemeente was initialised")
        }
        let definition = try election.decodedDefinition()
        let (area, holder, buurt) = try householdArea(household, resident: resident, definition: definition, store: store)
        let group = try store.read { db in
            try String.fetchOne(db, sql: "SELECT groupCode FROM reachGroupBuurt WHERE electionId = ? AND buurtCode = ?", arguments: [electionId, buurt])
        }

        var revoked: PublicKey?
        if let revokingCode {
            let typed: TypeableCode
            do {
                typed = try TypeableCode(parsing: revokingCode, format: .stempas)
            } catch {
                throw BuurtstemError(.badInput, "the old letter's code: \(error); type the code exactly as it stands on the old letter (groups and dashes may be left out)")
            }
            revoked = PassToken.passKey(secret: typed.bytes).publicKey
            guard let oldArea = try store.read({ try BallotBox.passArea(election: electionId, pass: Data(revoked!.bytes), db: $0) }) else {
                throw BuurtstemError(.badInput, "the old letter's code is not a stempas of '\(electionId)': check it against the old letter; "
                    + "if the letter is unreadable, replace without the old code")
            }
            guard oldArea == area else {
                throw BuurtstemError(.badInput, "the old letter's pass is for area \(oldArea), but household \(household) lives in \(area): "
                    + "the letter is not this household's; check the address against the register")
            }
        }

        // The letter first (into a .partial folder): a committed pass never lacks its printed code.
        let code = TypeableCode.random(.stempas)
        let passKey = PassToken.passKey(secret: code.bytes).publicKey
        let writer = try PrintWriter(folder: printFolder)
        let page = try StempasPage(definition: definition, store: store, details: letter,
                                   fingerprint: try store.prePublication(election: electionId)?.prePublication.fingerprint)
        let address = addresses?.address(of: household) ?? []
        try writer.append(StempasPage.header(title: definition.title)
            + (try page.render(code: code, household: household, address: address, area: area, holder: holder)) + StempasPage.footer,
            to: "stempas-vervanging.html")
        try writer.append("""
            Print and forget / Printen en vergeten
            This letter is the only copy of the replacement stempas's code. Print it, hand it to the household, then
            destroy this folder. Buurtstem keeps no link between households and passes.
            Deze brief is de enige kopie van de code van de vervangende stempas. Print hem, geef hem aan het huishouden
            en vernietig daarna deze map.

            """, to: "LEESMIJ-README.txt")

        let entry = try store.write { db -> PassReplacement in
            // Checked again inside the write transaction: a cast with the old pass either came first (refused here)
            // or comes after (refused there as revoked).
            if let revoked {
                let bytes = Data(revoked.bytes)
                if try Row.fetchOne(db, sql: "SELECT 1 FROM passUse WHERE electionId = ? AND pass = ?", arguments: [electionId, bytes]) != nil {
                    throw BuurtstemError(.wrongState, "the old letter's pass has already voted: it cannot be revoked and the household gets no new pass "
                        + "(one household, one vote). If the household says it did not vote, report it to the election's auditors")
                }
                if try BallotBox.isRevoked(election: electionId, pass: bytes, db: db) {
                    throw BuurtstemError(.wrongState, "the old letter's pass was already revoked and replaced; a household gets one replacement per letter")
                }
            }
            let last = try Row.fetchOne(db, sql: """
                SELECT * FROM passReplacement WHERE electionId = ? ORDER BY sequence DESC LIMIT 1
                """, arguments: [electionId]).map { try Self.entry($0, definitionHash: definition.hash) }
            let entry = PassReplacement(
                election: electionId, definitionHash: definition.hash, sequence: last.map { $0.sequence + 1 } ?? 0,
                previous: last?.hash ?? PassReplacement.chainStart, area: area, pass: passKey, revoked: revoked,
                timeMillis: now, issuingKey: issuingKey)
            try db.execute(sql: """
                INSERT INTO passReplacement (electionId, sequence, area, pass, revoked, timeMillis, previous, signature, groupCode)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [electionId, entry.sequence, area, Data(passKey.bytes), revoked.map { Data($0.bytes) }, now,
                                 Data(entry.previous.bytes), Data(entry.signature.bytes), group])
            return entry
        }
        try writer.finish()
        return Summary(election: electionId, area: area, sequence: entry.sequence, pass: Hex.encode(passKey.bytes),
                       revoked: revoked.map { Hex.encode($0.bytes) }, printFolder: printFolder.path)
    }

    /// The contest area of `household` in `definition`'s register snapshot, the holder line of its letter, and its
    /// buurt (for the new pass's reach group).
    private static func householdArea(_ household: String, resident: Int?, definition: ElectionDefinition,
                                      store: Store) throws -> (area: String, holder: (number: Int, of: Int)?, buurt: String) {
        guard let row = try store.read({ db in
            try Row.fetchOne(db, sql: """
                SELECT h.eligible, b.wijkCode, b.code AS buurtCode FROM household h JOIN buurt b ON b.code = h.buurtCode
                WHERE h.snapshotId = ? AND h.householdId = ?
                """, arguments: [definition.registerSnapshot, household])
        }) else {
            throw BuurtstemError(.badInput, "household '\(household)' is not in register snapshot \(definition.registerSnapshot), the one this election "
                + "was issued from: look the address up in that register extract and give its household id")
        }
        let wijk: String = row["wijkCode"]
        let contestAreas = Set(definition.contests.map(\.area))
        let area = contestAreas.contains(definition.gemeente) ? definition.gemeente : wijk
        guard contestAreas.contains(area) else {
            throw BuurtstemError(.badInput, "household '\(household)' lives in \(wijk), outside the election's areas: it got no pass to replace")
        }
        switch definition.eligibility {
        case .household:
            if resident != nil { throw BuurtstemError(.badInput, "in '\(definition.id)' each household gets one pass; name no resident") }
            return (area, nil, row["buurtCode"])
        case .resident:
            let eligible: Int = row["eligible"]
            guard let resident else {
                throw BuurtstemError(.badInput, "in '\(definition.id)' every eligible resident has a pass: say whose by the resident's number (1 to \(eligible)), "
                    + "the number on the old letter (\"bewoner N van \(eligible)\")")
            }
            guard (1...max(1, eligible)).contains(resident), eligible > 0 else {
                throw BuurtstemError(.badInput, "resident \(resident): household '\(household)' has \(eligible) eligible resident(s); give 1 to \(eligible)")
            }
            return (area, (resident, eligible), row["buurtCode"])
        }
    }

    /// An entry as stored, of the election whose definition hash is `definitionHash`.
    static func entry(_ row: Row, definitionHash: [UInt8]) throws -> PassReplacement {
        let revoked: Data? = row["revoked"]
        return PassReplacement(
            election: row["electionId"], definitionHash: definitionHash, sequence: UInt64(row["sequence"] as Int64), previous: [UInt8](row["previous"] as Data),
            area: row["area"], pass: try PublicKey(bytes: [UInt8](row["pass"] as Data)), revoked: try revoked.map { try PublicKey(bytes: [UInt8]($0)) },
            timeMillis: row["timeMillis"], signature: try Signature(bytes: [UInt8](row["signature"] as Data)))
    }
}

extension Store {
    /// The passes of `electionId` revoked at the desk: none of their ballots counts (a location whose store was
    /// copied before the revocation may have taken one).
    public func revokedPasses(election electionId: String) throws -> Set<Data> {
        try read { db in
            Set(try Data.fetchAll(db, sql: "SELECT revoked FROM passReplacement WHERE electionId = ? AND revoked IS NOT NULL", arguments: [electionId]))
        }
    }

    /// The replaced passes of `definition`'s election, in chain order.
    public func passReplacements(_ definition: ElectionDefinition) throws -> [PassReplacement] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM passReplacement WHERE electionId = ? ORDER BY sequence", arguments: [definition.id])
        }.map { try StempasReplacement.entry($0, definitionHash: definition.hash) }
    }
}
