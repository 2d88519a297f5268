import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// Casting: checks a pass and its ballot, signs the ballot with the pass's key, and appends it durably to the
/// kiosk's log. The one library call behind `buurtstem vote` and the kiosk page.
public struct BallotBox: Sendable {
    /// The store.
    public let store: Store
    /// Current time in milliseconds since 1970 (injectable for tests).
    public let clock: @Sendable () -> Int64

    /// A ballot box on `store` using the system clock.
    public init(store: Store, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        self.store = store
        self.clock = clock
    }

    /// What a pass may vote on at a kiosk: the checks `cast` makes before the ballot itself (polls open, code well
    /// typed, pass issued for this election, kiosk serves its area, pass not used yet), without casting anything.
    /// The kiosk page calls this when a voter enters a pass, so a used or wrong pass is refused before the ballot
    /// is shown; `cast` makes every check again (the "not used" one inside its write transaction).
    public func admit(election electionId: String, kiosk kioskName: String, code: String) throws -> Admission {
        let checked = try check(election: electionId, kiosk: kioskName, code: code)
        try refuseIfUsed(election: electionId, pass: checked.passKey.publicKey)
        return Admission(area: checked.area, contest: checked.contest, ballot: checked.definition.ballot,
                         secret: checked.definition.isSecret)
    }

    /// Throws `CastError.alreadyUsed` when pass `pass` has voted in `electionId` (before the write transaction,
    /// which checks again).
    func refuseIfUsed(election electionId: String, pass: PublicKey) throws {
        let used = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT 1 FROM passUse WHERE electionId = ? AND pass = ?", arguments: [electionId, Data(pass.bytes)]) != nil
        }
        if used { throw CastError.alreadyUsed }
    }

    /// What the checks of a pass at a kiosk found: the definition, the pass's area and contest, its key, and the time.
    typealias Checked = (definition: ElectionDefinition, area: String, contest: Contest, passKey: SigningKey, now: Int64)

    /// The checks shared by `admit` and `cast`, in the documented order.
    func check(election electionId: String, kiosk kioskName: String, code: String) throws -> Checked {
        let election = try store.election(electionId)
        let definition = try election.decodedDefinition()
        let kiosk = try store.kiosk(election: electionId, name: kioskName)
        let now = clock()
        switch election.state {
        case .created, .issued:
            throw CastError.pollsNotOpen("the polls of '\(electionId)' have not been opened", remedy: .openPolls(election: electionId))
        case .closed:
            throw CastError.pollsClosed
        case .open:
            if kiosk.closed { throw CastError.pollsClosed }
            if now < definition.pollsOpenMillis {
                throw CastError.pollsNotOpen("they open at \(Date(timeIntervalSince1970: Double(definition.pollsOpenMillis) / 1000))")
            }
            if now > definition.pollsCloseMillis { throw CastError.pollsClosed }
        }

        let typed: TypeableCode
        do {
            typed = try TypeableCode(parsing: code, format: .stempas)
        } catch {
            throw CastError.mistyped(error)
        }
        let passKey = PassToken.passKey(secret: typed.bytes)
        let passBytes = Data(passKey.publicKey.bytes)
        guard let area = try store.read({ try Self.passArea(election: electionId, pass: passBytes, db: $0) }) else {
            if let other = try store.read({ try String.fetchOne($0, sql: "SELECT electionId FROM pass WHERE publicKey = ?", arguments: [passBytes]) }) {
                throw CastError.otherElection(other)
            }
            throw CastError.unknownPass
        }
        if try store.read({ try Self.isRevoked(election: electionId, pass: passBytes, db: $0) }) { throw CastError.revoked }
        if let served = kiosk.area, served != area { throw CastError.wrongArea(pass: area, kiosk: served) }
        guard let contest = definition.contest(for: area) else { throw CastError.unknownPass }
        return (definition, area, contest, passKey, now)
    }

    /// Casts a ballot with the pass `code` at `kioskName`. Returns the receipt once the ballot is durably committed.
    ///
    /// In a secret election the kiosk encodes the canonical choice bytes as the definition's `width` points,
    /// encrypts them under the election key with a proof bound to the pass and the definition, and the pass signs
    /// a v3 ballot; the store keeps the ciphertexts only, never the choices, and no time (docs/record.md).
    public func cast(election electionId: String, kiosk kioskName: String, code: String, choices: [Choice]) throws -> Receipt {
        let checked = try check(election: electionId, kiosk: kioskName, code: code)
        let canonical = try BallotRules.validate(choices, type: checked.definition.ballot, contest: checked.contest)
        // Encrypted before the transaction: the group arithmetic does not hold the store's write lock.
        let encryption = try checked.definition.secretBallot.map { secret in
            try Self.encrypt(canonical, secret: secret, definition: checked.definition, pass: checked.passKey.publicKey).encryption
        }
        return try commit(election: electionId, kiosk: kioskName, checked: checked, canonical: canonical, encryption: encryption)
    }

    /// Casts exactly the encryption `sealed` that the kiosk committed to with its ballot code at the review step
    /// (`seal`), with the pass `code` it was sealed for: what makes the Benaloh challenge meaningful, as the code
    /// shown before the choice is the code of the ballot cast. Every check of `cast` is made again.
    public func cast(sealed: SealedBallot, code: String) throws -> Receipt {
        let checked = try check(election: sealed.election, kiosk: sealed.kiosk, code: code)
        guard checked.definition.secretBallot != nil, sealed.pass == checked.passKey.publicKey,
              sealed.definitionHash == checked.definition.hash, sealed.area == checked.area else {
            throw BuurtstemError(.conflict, "the sealed ballot was made for another pass, area or definition of '\(sealed.election)' than the one casting it; "
                + "seal the ballot again for this pass")
        }
        let canonical = try BallotRules.validate(sealed.choices, type: checked.definition.ballot, contest: checked.contest)
        return try commit(election: sealed.election, kiosk: sealed.kiosk, checked: checked, canonical: canonical, encryption: sealed.encryption)
    }

    /// The canonical choices encoded at the election's width and encrypted under its key with fresh randomness,
    /// the proof bound to the pass and the definition; with the randomness, for an opening.
    static func encrypt(_ canonical: [Choice], secret: SecretBallot, definition: ElectionDefinition, pass: PublicKey) throws
        -> (encryption: ProvenEncryption, randomness: [Ristretto255.Scalar]) {
        let points = try PlaintextEncoding.encode(ChoiceBytes.encode(canonical), width: secret.width)
        let randomness = points.map { _ in Ristretto255.Scalar.random() }
        let encryption = ProvenEncryption.encrypt(points, publicKey: secret.publicKey,
                                                  context: EncryptedBallot.encryptionContext(definitionHash: definition.hash, pass: pass),
                                                  randomness: randomness)
        return (encryption, randomness)
    }

    /// Appends the ballot in one write transaction, after the checks that must be made inside it.
    private func commit(election electionId: String, kiosk kioskName: String,
                        checked: Checked,
                        canonical: [Choice], encryption: ProvenEncryption?) throws -> Receipt {
        let (definition, area, passKey, now) = (checked.definition, checked.area, checked.passKey, checked.now)
        let passBytes = Data(passKey.publicKey.bytes)
        let choicesText = encryption == nil ? String(decoding: try JSONEncoder().encode(canonical), as: UTF8.self) : ""

        return try store.write { db in
            // Inside the write transaction: no other cast on this store can use the pass or the sequence number.
            if try Row.fetchOne(db, sql: "SELECT 1 FROM passUse WHERE electionId = ? AND pass = ?", arguments: [electionId, passBytes]) != nil {
                throw CastError.alreadyUsed
            }
            // A revocation at the desk checks "unused" in its own write transaction: one of the two comes first.
            if try Self.isRevoked(election: electionId, pass: passBytes, db: db) { throw CastError.revoked }
            // The kiosk's final checkpoint and its closed mark are written in one transaction (Polls.close), so
            // checking the mark here puts every ballot either inside the final checkpoint or nowhere.
            let state = try String.fetchOne(db, sql: "SELECT state FROM election WHERE id = ?", arguments: [electionId])
            let kioskClosed = try Bool.fetchOne(db, sql: "SELECT closed FROM kiosk WHERE electionId = ? AND name = ?",
                                                arguments: [electionId, kioskName])
            guard state == Election.State.open.rawValue, kioskClosed == false else { throw CastError.pollsClosed }
            let next = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence) + 1, 0) FROM ballot WHERE electionId = ? AND kiosk = ?",
                                          arguments: [electionId, kioskName]) ?? 0
            try db.execute(sql: "INSERT INTO passUse (electionId, pass) VALUES (?, ?)", arguments: [electionId, passBytes])
            if let encryption {
                // v3: ciphertexts and proof signed by the pass; no time is signed or stored.
                let ballot = EncryptedBallot(election: electionId, definitionHash: definition.hash, area: area, passKey: passKey,
                                             encryption: encryption, kiosk: kioskName, sequence: UInt64(next))
                try db.execute(sql: """
                    INSERT INTO ballot (electionId, kiosk, sequence, pass, area, choices, timeMillis, signature, leafHash, version)
                    VALUES (?, ?, ?, ?, ?, '', 0, ?, ?, 3)
                    """, arguments: [electionId, kioskName, next, passBytes, area, Data(ballot.signature.bytes), Data(ballot.leafHash)])
                try db.execute(sql: "INSERT INTO encryptedBallot (electionId, kiosk, sequence, ciphertexts, proof) VALUES (?, ?, ?, ?, ?)",
                               arguments: [electionId, kioskName, next, Data(encryption.ciphertexts.flatMap(\.bytes)),
                                           Data(encryption.proof.challenge.bytes + encryption.proof.responses.flatMap(\.bytes))])
                return Receipt(encrypted: ballot, timeMillis: now)
            }
            // v2: the pass signs the definition hash too (docs/record.md, "Ballots").
            let ballot = Ballot(election: electionId, definitionHash: definition.hash, area: area, passKey: passKey,
                                choices: canonical, kiosk: kioskName,
                                sequence: UInt64(next), timeMillis: now)
            try db.execute(sql: """
                INSERT INTO ballot (electionId, kiosk, sequence, pass, area, choices, timeMillis, signature, leafHash, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 2)
                """, arguments: [electionId, kioskName, next, passBytes, area, choicesText, now,
                                 Data(ballot.signature.bytes), Data(ballot.leafHash)])
            return Receipt(ballot: ballot)
        }
    }

    /// The area of pass `pass` of `electionId`: issued with the election's passes or at the desk as a replacement.
    static func passArea(election electionId: String, pass: Data, db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT area FROM pass WHERE electionId = ? AND publicKey = ?", arguments: [electionId, pass])
            ?? String.fetchOne(db, sql: "SELECT area FROM passReplacement WHERE electionId = ? AND pass = ?", arguments: [electionId, pass])
    }

    /// `true` if pass `pass` of `electionId` was revoked at the desk.
    static func isRevoked(election electionId: String, pass: Data, db: Database) throws -> Bool {
        try Row.fetchOne(db, sql: "SELECT 1 FROM passReplacement WHERE electionId = ? AND revoked = ?", arguments: [electionId, pass]) != nil
    }
}
