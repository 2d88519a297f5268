import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem cheques issue`: one cheque per household of the round's snapshot, printed and forgotten.
///
/// Each code is random (80 bits, `SecureRandom`); it goes to the print folder and only its hash to the store. The
/// issued set is committed by the gemeente's signature (``ChequeIssuance``), and a new ledger key for the round's
/// redemptions is sealed next to the database. The print folder is written in full before the store commits; the
/// store commits once, so a round is either issued with every cheque or not at all.
public enum ChequeIssuer {
    /// The register file with the address columns, to print addresses on the cheques.
    public struct AddressFile: Sendable {
        /// The file's bytes: exactly those of the imported register file.
        public let bytes: [UInt8]
        /// Its name, for messages.
        public let name: String

        /// The file `name` with content `bytes`.
        public init(bytes: [UInt8], name: String) {
            self.bytes = bytes
            self.name = name
        }
    }

    /// Where the round's new ledger key goes, sealed under `passphrase`.
    public struct LedgerKeyFile: Sendable {
        /// The key file to create (it must not exist).
        public let path: String
        /// The passphrase it is sealed under.
        public let passphrase: String

        /// A new key file at `path` sealed under `passphrase`.
        public init(path: String, passphrase: String) {
            self.path = path
            self.passphrase = passphrase
        }
    }

    /// What an issue did.
    public struct Summary: Sendable, Codable, Equatable {
        /// Cheques issued in one buurt.
        public struct BuurtCount: Sendable, Codable, Equatable {
            /// The buurt's code.
            public let buurt: String
            /// Cheques (households).
            public let cheques: Int
        }

        /// The round.
        public let round: String
        /// Cheques issued.
        public let cheques: Int
        /// Their total value in cents.
        public let totalCents: Int64
        /// The issued set's Merkle root, hex.
        public let root: String
        /// The ledger key's public key, hex.
        public let ledgerPublicKey: String
        /// The sealed ledger key file.
        public let ledgerKeyFile: String
        /// The print folder.
        public let printFolder: String
        /// Files in the print folder.
        public let printFiles: [String]
        /// Whether addresses were printed.
        public let withAddresses: Bool
        /// Cheques per buurt, by code.
        public let perBuurt: [BuurtCount]
    }

    /// One issued code, kept between printing and committing: its hash and its cheque's public key as big-endian
    /// words (so sorting by the words sorts by the hash's bytes) and the index of its buurt.
    private struct Entry: Comparable {
        let w0, w1, w2, w3: UInt64
        let k0, k1, k2, k3: UInt64
        let buurt: Int32

        init(hash: [UInt8], publicKey: [UInt8], buurt: Int32) {
            func word(_ bytes: [UInt8], _ i: Int) -> UInt64 { bytes[i..<i + 8].reduce(0) { $0 << 8 | UInt64($1) } }
            (w0, w1, w2, w3) = (word(hash, 0), word(hash, 8), word(hash, 16), word(hash, 24))
            (k0, k1, k2, k3) = (word(publicKey, 0), word(publicKey, 8), word(publicKey, 16), word(publicKey, 24))
            self.buurt = buurt
        }

        private static func bytes(_ words: [UInt64]) -> [UInt8] {
            var bytes = [UInt8]()
            bytes.reserveCapacity(32)
            for word in words { withUnsafeBytes(of: word.bigEndian) { bytes.append(contentsOf: $0) } }
            return bytes
        }

        var hash: [UInt8] { Self.bytes([w0, w1, w2, w3]) }

        var publicKey: [UInt8] { Self.bytes([k0, k1, k2, k3]) }

        func sameHash(_ other: Entry) -> Bool { (w0, w1, w2, w3) == (other.w0, other.w1, other.w2, other.w3) }

        static func < (a: Entry, b: Entry) -> Bool { (a.w0, a.w1, a.w2, a.w3) < (b.w0, b.w1, b.w2, b.w3) }
    }

    /// Issues round `roundId`: prints to `printTo` (a new or empty folder), commits the hashes and the signed set.
    ///
    /// - Parameters:
    ///   - issuingKey: the gemeente's unsealed issuing key; it must be the key the store names.
    ///   - ledgerKey: where to create the round's sealed ledger key.
    ///   - addresses: the imported register file, to print addresses; nil prints the household id instead.
    ///   - redeemURL: a web address the QR code and instructions point to (the code is appended); nil for the code alone.
    ///   - letter: what the letters say beyond the store's data (sender, the round's name, a paper address, help).
    ///   - progress: called now and then with (households done, households in all).
    public static func issue(
        round roundId: String, in store: Store, issuingKey: SigningKey, ledgerKey: LedgerKeyFile,
        printTo: URL, addresses: AddressFile? = nil, redeemURL: String? = nil, letter: LetterDetails = LetterDetails(), now: Date = Date(),
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Summary {
        let round = try store.chequeRound(roundId)
        let gemeente = try store.gemeente()
        guard [UInt8](gemeente.issuingPublicKey) == issuingKey.publicKey.bytes else {
            throw BuurtstemError(.keys, "the key given is not gemeente \(gemeente.name)'s issuing key; use the key file made when the gemeente was initialised")
        }
        if let issued = try store.chequeIssuance(roundId) {
            throw alreadyIssued(round: roundId, issued)
        }
        let snapshot = try store.registerSnapshot(round.snapshotId)
        if let addresses, Data(SHA.sha256(addresses.bytes)) != snapshot.sourceSHA256 {
            throw BuurtstemError(.badInput, "\(addresses.name) is not the register file of snapshot \(round.snapshotId) (\(snapshot.sourceName)): "
                + "its SHA-256 differs. Pass exactly the file that was imported, with its address columns")
        }
        let areas = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT b.code, b.name, w.name AS wijkName FROM buurt b JOIN wijk w ON w.code = b.wijkCode")
        }
        var buurten: [String: (name: String, wijkName: String)] = [:]
        for row in areas { buurten[row["code"]] = (row["name"], row["wijkName"]) }

        let sealed = try SealedKey(sealing: SigningKey(), label: "ledger key of cheque round \(roundId) of gemeente \(gemeente.name)",
                                   passphrase: ledgerKey.passphrase)
        if FileManager.default.fileExists(atPath: ledgerKey.path) {
            throw BuurtstemError(.alreadyExists, "the ledger key file \(ledgerKey.path) already exists, probably from an interrupted issue of this round; "
                + "the round is not issued, so delete that file (and the print folder it made) and issue again")
        }
        let reader = try addresses.map { try AddressReader($0) }
        let printer = try ChequePrintWriter(folder: printTo, round: round, gemeente: gemeente,
                                            areas: .init(buurten: buurten), addressColumns: reader?.addressColumns ?? [],
                                            redeemURL: redeemURL, details: letter)
        var keyWritten = false
        do {
            try KeyFile.write(sealed, to: ledgerKey.path)
            keyWritten = true
            let total = snapshot.householdCount
            var entries: [Entry] = []
            entries.reserveCapacity(total)
            var buurtIndex: [String: Int32] = [:]
            var buurtCodes: [String] = []
            var batch: [ChequePrintWriter.Item] = []
            func issueOne(householdId: String, buurt: String, address: [String]) throws {
                let code = TypeableCode.random(.cheque)
                let index = buurtIndex[buurt] ?? {
                    buurtCodes.append(buurt)
                    buurtIndex[buurt] = Int32(buurtCodes.count - 1)
                    return Int32(buurtCodes.count - 1)
                }()
                entries.append(Entry(hash: ChequeCode.hash(code, round: roundId),
                                     publicKey: ChequeKey.signingKey(code: code.bytes, round: roundId).publicKey.bytes, buurt: index))
                batch.append(.init(householdId: householdId, buurt: buurt, address: address, code: code))
                if batch.count == 4096 {
                    try printer.write(batch)
                    batch.removeAll(keepingCapacity: true)
                    progress(entries.count, total)
                }
            }
            if let reader {
                try reader.forEachHousehold(issueOne)
            } else {
                try store.read { db in
                    let rows = try Row.fetchCursor(db, sql: """
                        SELECT householdId, buurtCode FROM household WHERE snapshotId = ? ORDER BY buurtCode, householdId
                        """, arguments: [round.snapshotId])
                    while let row = try rows.next() {
                        try issueOne(householdId: row["householdId"], buurt: row["buurtCode"], address: [])
                    }
                }
            }
            try printer.write(batch)
            progress(entries.count, total)
            guard entries.count == total else {
                throw BuurtstemError(.badInput, "the register file gave \(entries.count) households where snapshot \(round.snapshotId) has \(total); "
                    + "nothing was issued. Pass the file that was imported")
            }
            try printer.finish()

            // The published order is by code hash, so a cheque's place in the set says nothing about its household.
            entries.sort()
            for pair in zip(entries, entries.dropFirst()) where pair.0.sameHash(pair.1) {
                throw BuurtstemError(.badInput, "two random codes collided (about a 1 in 10^13 chance); nothing was issued: issue again")
            }
            var log = MerkleLog()
            for entry in entries {
                log.append(leafHash: MerkleHash.leaf(ChequeCode.issuedLeafBytes(
                    round: roundId, codeHash: entry.hash, publicKey: entry.publicKey, buurt: buurtCodes[Int(entry.buurt)])))
            }
            let issuedAt = ChequeCalendar.millis(now)
            let count = Int64(entries.count)
            let totalCents = count * round.valueCents
            let root = log.root
            let signed = ChequeIssuance.signedBytes(gemeente: gemeente.code, round: round, count: count, totalCents: totalCents,
                                                    root: root, ledgerKey: sealed.publicKey.bytes, issuedAtMillis: issuedAt, format: 2)
            let issuance = ChequeIssuance(
                roundId: roundId, chequeCount: count, totalCents: totalCents, root: Data(root),
                issuerPublicKey: Data(issuingKey.publicKey.bytes), ledgerPublicKey: Data(sealed.publicKey.bytes),
                issuedAtMillis: issuedAt, signature: Data(issuingKey.signature(for: signed).bytes), format: 2)
            try store.write { db in
                if let issued = try ChequeIssuance.fetchOne(db, key: roundId) { throw alreadyIssued(round: roundId, issued) }
                let insert = try db.makeStatement(sql: "INSERT INTO cheque (roundId, codeHash, buurtCode, publicKey) VALUES (?, ?, ?, ?)")
                for entry in entries {
                    try insert.execute(arguments: [roundId, Data(entry.hash), buurtCodes[Int(entry.buurt)], Data(entry.publicKey)])
                }
                try issuance.insert(db)
            }
            try printer.complete(count: entries.count, root: Hex.encode(root))
            var perBuurt: [String: Int] = [:]
            for entry in entries { perBuurt[buurtCodes[Int(entry.buurt)], default: 0] += 1 }
            return Summary(
                round: roundId, cheques: entries.count, totalCents: totalCents, root: Hex.encode(root),
                ledgerPublicKey: sealed.publicKey.hex, ledgerKeyFile: ledgerKey.path, printFolder: printTo.path,
                printFiles: printer.files.sorted(), withAddresses: addresses != nil,
                perBuurt: perBuurt.sorted { $0.key < $1.key }.map { Summary.BuurtCount(buurt: $0.key, cheques: $0.value) })
        } catch {
            // Nothing was committed: the printed codes are worthless and the ledger key belongs to no round.
            printer.discard()
            if keyWritten { try? FileManager.default.removeItem(atPath: ledgerKey.path) }
            throw error
        }
    }

    private static func alreadyIssued(round: String, _ issued: ChequeIssuance) -> BuurtstemError {
        BuurtstemError(.wrongState, "cheque round '\(round)' was already issued (\(issued.chequeCount) cheques, "
            + "\(ChequeCalendar.text(millis: issued.issuedAtMillis))); issuing twice would give households two cheques. "
            + "Create a new round for a new issue")
    }
}

/// Reads households and their address columns from the imported register file, one record at a time.
///
/// The file was checked at import and its SHA-256 matches the snapshot's, so only the columns are located here.
private struct AddressReader {
    let file: ChequeIssuer.AddressFile
    let addressColumns: [String]
    private let idColumn: Int
    private let buurtColumn: Int
    private let addressIndices: [Int]

    init(_ file: ChequeIssuer.AddressFile) throws {
        self.file = file
        // The header is the first line (import refused anything else), so only that line is read here.
        let headerEnd = file.bytes.firstIndex(of: UInt8(ascii: "\n")) ?? file.bytes.endIndex
        let header: [String]
        do {
            header = (try CSVReader().records(Array(file.bytes[..<headerEnd])).first?.fields ?? [])
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        } catch {
            throw InputError(file: file.name, line: error.line, error.message)
        }
        guard let id = header.firstIndex(of: "household_id"), let buurt = header.firstIndex(of: "buurt") else {
            throw InputError(file: file.name, line: 1, "the header has no household_id or buurt column; pass the register file")
        }
        idColumn = id
        buurtColumn = buurt
        addressIndices = header.indices.filter { header[$0].hasPrefix("address") }
        addressColumns = addressIndices.map { header[$0] }
    }

    /// Calls `body` with each household's id, buurt (upper case, as imported) and address values, in file order.
    func forEachHousehold(_ body: (String, String, [String]) throws -> Void) throws {
        var first = true
        var failure: (any Error)?
        do {
            try CSVReader().forEachRecord(file.bytes) { record throws(CSVSyntaxError) in
                guard failure == nil else { return }
                if first { first = false; return }
                let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                do {
                    try body(fields[idColumn], fields[buurtColumn].uppercased(), addressIndices.map { fields[$0] })
                } catch {
                    failure = error
                }
            }
        } catch {
            throw InputError(file: file.name, line: error.line, error.message)
        }
        if let failure { throw failure }
    }
}
