import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// A Groningen store with the shipped register and an issued round, and the codes its print folder holds.
struct IssuedRound {
    let store: Store
    let folder: URL
    let round: ChequeRound
    let issuingKey: SigningKey
    let ledgerKey: SigningKey
    /// (household id, buurt, code) per printed cheque, from the print CSV.
    let cheques: [(household: String, buurt: String, code: String)]

    static let passphrase = "test passphrase"
    /// A moment inside the round's validity.
    static let during = Date(timeIntervalSince1970: 1_773_136_800)  // 2026-03-10T10:00:00Z

    static func make(scope: ChequeScope = .buurt, addresses: Bool = true) throws -> IssuedRound {
        let (store, folder) = try groningenStore()
        let register = try shippedFile("Examples/groningen/households.csv")
        _ = try RegisterImport.run(register, file: "households.csv", eligibleAge: 16, into: store)
        let round = try ChequeRound.create(in: store, id: "2026-voorjaar", valueCents: 750, issueDate: "2026-03-01",
                                           validUntil: "2026-06-30", scope: scope, snapshot: nil)
        let source = Passphrase(environment: [Passphrase.environmentVariable: passphrase], interactive: false)
        let issuingKey = try KeyFile.unseal(folder.appendingPathComponent("issuing.key").path, passphrase: source)
        let ledgerPath = folder.appendingPathComponent("ledger.key").path
        let print = folder.appendingPathComponent("print")
        _ = try ChequeIssuer.issue(
            round: round.id, in: store, issuingKey: issuingKey, ledgerKey: .init(path: ledgerPath, passphrase: passphrase),
            printTo: print, addresses: addresses ? .init(bytes: register, name: "households.csv") : nil,
            now: Date(timeIntervalSince1970: 1_772_000_000))
        let csv = try String(contentsOf: print.appendingPathComponent("cheques.csv"), encoding: .utf8)
        let cheques = csv.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",")
            return (String(fields[0]), String(fields[1]), String(fields.last!))
        }
        return IssuedRound(store: store, folder: folder, round: round, issuingKey: issuingKey,
                           ledgerKey: try KeyFile.unseal(ledgerPath, passphrase: source), cheques: cheques)
    }

    /// Codes of households in `buurt`.
    func codes(in buurt: String) -> [String] { cheques.filter { $0.buurt == buurt }.map(\.code) }

    /// Registers an initiative in `buurt`.
    func initiative(_ buurt: String, target: Int64 = 1500, deadline: String = "2026-06-30", contact: String? = nil) throws -> Initiative {
        try Initiative.add(to: store, round: round.id, buurt: buurt, title: "Initiatief \(buurt)", description: "Samen",
                           targetCents: target, deadline: deadline, contact: contact, now: IssuedRound.during)
    }
}

@Suite("Cheque rounds: amounts, days, rounds and issue")
struct ChequeIssueTests {
    @Test("euro amounts are parsed exactly to cents, never through floating point")
    func amounts() throws {
        let cases: [(String, Int64)] = [("7.50", 750), ("7,50", 750), ("7.5", 750), ("150", 15_000), ("0.10", 10),
                                        ("0.29", 29), ("EUR 7.10", 710), ("€7,10", 710), (" 1000000.01 ", 100_000_001)]
        for (text, cents) in cases { #expect(try Money.parse(text, what: "--value") == cents, "\(text)") }
        for bad in ["7.505", "1.000,00", "abc", "0", "0.00", "-5", "7.", ".5", "", "1e3", "100000000.01"] {
            #expect(throws: BuurtstemError.self, "\(bad)") { try Money.parse(bad, what: "--value") }
        }
        #expect(Money.plain(750) == "7.50")
        #expect(Money.plain(5) == "0.05")
        #expect(Money.format(15_000) == "€ 150,00")
    }

    @Test("days are Dutch calendar days: valid-until runs to midnight in Amsterdam, summer and winter time")
    func days() throws {
        #expect(try ChequeCalendar.startMillis(of: "2026-03-01") == 1_772_319_600_000)  // 2026-02-28T23:00:00Z (CET)
        #expect(try ChequeCalendar.endMillis(of: "2026-06-30") == 1_782_856_800_000)  // 2026-06-30T22:00:00Z (CEST)
        #expect(try ChequeCalendar.day("2024-02-29", what: "--x") == "2024-02-29")
        for bad in ["2026-02-29", "2026-13-01", "2026-6-30", "30-06-2026", "2026-06-31", "2026-06-3x"] {
            #expect(throws: BuurtstemError.self, "\(bad)") { try ChequeCalendar.day(bad, what: "--valid-until") }
        }
        #expect(ChequeCalendar.dutch("2026-06-30") == "30 juni 2026")
    }

    @Test("scope rules: own buurt, own wijk (from the CBS code), or the whole gemeente")
    func scopes() {
        #expect(ChequeScope.buurt.allows(chequeBuurt: "BU00140100", initiativeBuurt: "BU00140100"))
        #expect(!ChequeScope.buurt.allows(chequeBuurt: "BU00140100", initiativeBuurt: "BU00140101"))
        #expect(ChequeScope.wijk.allows(chequeBuurt: "BU00140100", initiativeBuurt: "BU00140103"))
        #expect(!ChequeScope.wijk.allows(chequeBuurt: "BU00140100", initiativeBuurt: "BU00140200"))
        #expect(ChequeScope.gemeente.allows(chequeBuurt: "BU00140100", initiativeBuurt: "BU00140401"))
    }

    @Test("round create checks its id, dates and snapshot, and refuses a second round with the same id")
    func roundCreate() throws {
        let (store, _) = try groningenStore()
        #expect(throws: BuurtstemError.self) {  // no register yet
            try ChequeRound.create(in: store, id: "r", valueCents: 750, issueDate: "2026-03-01", validUntil: "2026-06-30", scope: .buurt, snapshot: nil)
        }
        _ = try RegisterImport.run(try shippedFile("Examples/groningen/households.csv"), file: "h.csv", eligibleAge: 16, into: store)
        for id in ["", "2026 voorjaar", "Voorjaar", "-x", "../etc", String(repeating: "a", count: 41)] {
            #expect(throws: BuurtstemError.self, "\(id)") {
                try ChequeRound.create(in: store, id: id, valueCents: 750, issueDate: "2026-03-01", validUntil: "2026-06-30", scope: .buurt, snapshot: nil)
            }
        }
        #expect(throws: BuurtstemError.self) {
            try ChequeRound.create(in: store, id: "r", valueCents: 750, issueDate: "2026-07-01", validUntil: "2026-06-30", scope: .buurt, snapshot: nil)
        }
        #expect(throws: BuurtstemError.self) {
            try ChequeRound.create(in: store, id: "r", valueCents: 750, issueDate: "2026-03-01", validUntil: "2026-06-30", scope: .buurt, snapshot: 7)
        }
        let round = try ChequeRound.create(in: store, id: "2026-voorjaar", valueCents: 750, issueDate: "2026-03-01",
                                           validUntil: "2026-06-30", scope: .wijk, snapshot: nil)
        #expect(round.snapshotId == 1 && round.validFromMillis == 1_772_319_600_000 && round.expiresMillis == 1_782_856_800_000)
        #expect(throws: BuurtstemError.self) {
            try ChequeRound.create(in: store, id: "2026-voorjaar", valueCents: 750, issueDate: "2026-03-01", validUntil: "2026-06-30", scope: .buurt, snapshot: nil)
        }
        #expect(try store.chequeRounds().map(\.id) == ["2026-voorjaar"])
    }

    @Test("issue: one cheque per household, only code hashes stored, never a code or an address")
    func issueStoresHashesOnly() throws {
        let issued = try IssuedRound.make()
        #expect(issued.cheques.count == 46)
        #expect(Set(issued.cheques.map(\.code)).count == 46)
        let status = try ChequeRoundStatus.load(issued.round.id, from: issued.store)
        #expect(status.issued == 46 && status.issuedCents == 46 * 750)
        let wal = (try? Data(contentsOf: issued.folder.appendingPathComponent("test.sqlite-wal"))) ?? Data()
        let database = try Data(contentsOf: issued.folder.appendingPathComponent("test.sqlite")) + wal
        for cheque in issued.cheques.prefix(10) {
            let code = try ChequeCode.parse(cheque.code)
            #expect(database.range(of: Data(code.bytes)) == nil)
            #expect(database.range(of: Data(cheque.code.utf8)) == nil)
            #expect(database.range(of: Data(ChequeCode.hash(code, round: issued.round.id))) != nil)
        }
        #expect(database.range(of: Data("Bedumerweg".utf8)) == nil)
        #expect(try issued.store.check().isEmpty)
    }

    @Test("the issued set's commitment: Merkle root over the documented leaves in hash order, signature over the documented bytes")
    func commitment() throws {
        let issued = try IssuedRound.make()
        let issuance = try #require(try issued.store.chequeIssuance(issued.round.id))
        // Code hashes and leaves exactly as docs/record.md defines them, built here by hand.
        // Format 2: each cheque's key is derived from its code (the first 32 bytes of SHA-512 of the tag, the round
        // and the code) and the leaf commits to it.
        let leaves = try issued.cheques.map { cheque -> (hash: [UInt8], key: [UInt8], buurt: String) in
            let code = try ChequeCode.parse(cheque.code)
            var manual = ByteWriter(tag: "buurtstem/cheque-code/v1")
            manual.append(string: "2026-voorjaar")
            manual.append(bytes: code.bytes)
            #expect(SHA.sha256(manual.bytes) == ChequeCode.hash(code, round: "2026-voorjaar"))
            var seed = ByteWriter(tag: "buurtstem/cheque-key/v1")
            seed.append(string: "2026-voorjaar")
            seed.append(bytes: code.bytes)
            let key = try SigningKey(seed: Array(SHA.sha512(seed.bytes).prefix(32)))
            #expect(key.publicKey == ChequeKey.signingKey(code: code.bytes, round: "2026-voorjaar").publicKey)
            return (SHA.sha256(manual.bytes), key.publicKey.bytes, cheque.buurt)
        }.sorted { $0.hash.lexicographicallyPrecedes($1.hash) }
        let tree = MerkleTree(leafHashes: leaves.map { leaf in
            var bytes = ByteWriter(tag: "buurtstem/cheque-issued/v2")
            bytes.append(string: "2026-voorjaar")
            bytes.append(raw: leaf.hash)
            bytes.append(raw: leaf.key)
            bytes.append(string: leaf.buurt)
            return MerkleHash.leaf(bytes.bytes)
        })
        #expect([UInt8](issuance.root) == tree.root)
        var signed = ByteWriter(tag: "buurtstem/cheque-issuance/v2")
        signed.append(string: "GM0014")
        signed.append(string: "2026-voorjaar")
        signed.append(u64: 1)
        signed.append(string: "buurt")
        signed.append(u64: 750)
        signed.append(string: "2026-03-01")
        signed.append(string: "2026-06-30")
        signed.append(i64: 1_772_319_600_000)
        signed.append(i64: 1_782_856_800_000)
        signed.append(u64: 46)
        signed.append(u64: 46 * 750)
        signed.append(raw: tree.root)
        signed.append(raw: issued.ledgerKey.publicKey.bytes)
        signed.append(i64: 1_772_000_000_000)
        #expect(issuance.signedBytes(round: issued.round, gemeente: "GM0014") == signed.bytes)
        let signature = try Signature(bytes: [UInt8](issuance.signature))
        #expect(issued.issuingKey.publicKey.isValidSignature(signature, for: signed.bytes))
        #expect(issuance.isValid(round: issued.round, gemeente: "GM0014"))
        var forged = issuance
        forged.chequeCount += 1
        #expect(!forged.isValid(round: issued.round, gemeente: "GM0014"))
        var otherTerms = issued.round
        otherTerms.valueCents = 1000
        #expect(!issuance.isValid(round: otherTerms, gemeente: "GM0014"))
    }

    @Test("print output: a page per household with code, QR code and address; a CSV; read-me; no marker left")
    func printOutput() throws {
        let issued = try IssuedRound.make()
        let print = issued.folder.appendingPathComponent("print")
        let files = try FileManager.default.contentsOfDirectory(atPath: print.path).sorted()
        #expect(files.contains("cheques.csv") && files.contains("LEES-MIJ-README.txt") && !files.contains("ONVOLLEDIG-INCOMPLETE.txt"))
        #expect(files.filter { $0.hasSuffix(".html") }.count == 10)
        let page = try String(contentsOf: print.appendingPathComponent("cheques-BU00140100.html"), encoding: .utf8)
        #expect(page.components(separatedBy: "<section class=\"cheque\">").count - 1 == 3)
        for code in issued.codes(in: "BU00140100") { #expect(page.contains(code)) }
        #expect(page.components(separatedBy: "<svg").count - 1 == 3)
        #expect(page.contains("Aan de bewoners van<br>Bedumerweg 66<br>9713 BH Groningen"))
        // The letter: the sender, the round by its name (not its id), where to hand it in, a help line.
        #expect(page.contains("Gemeente Groningen") && page.contains("Buurtcheque voorjaar 2026: € 7,50"))
        #expect(!page.contains("2026-voorjaar") && page.contains("Vragen? Neem contact op met gemeente Groningen"))
        #expect(page.contains("€ 7,50") && page.contains("30 juni 2026") && page.contains("30 June 2026"))
        #expect(page.contains("in uw buurt De Hoogte"))
        #expect(!page.contains("Javastraat"))
        let csv = try String(contentsOf: print.appendingPathComponent("cheques.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("household_id,buurt,address_line_1,address_line_2,code\n"))
        #expect(csv.contains("0014010000100037,BU00140100,Bedumerweg 66,9713 BH Groningen,"))
    }

    @Test("without --addresses the pages show the household id and no address")
    func printWithoutAddresses() throws {
        let issued = try IssuedRound.make(addresses: false)
        let print = issued.folder.appendingPathComponent("print")
        let page = try String(contentsOf: print.appendingPathComponent("cheques-BU00140100.html"), encoding: .utf8)
        #expect(page.contains("Aan de bewoners van huishouden 0014010000100037"))
        #expect(!page.contains("Bedumerweg") && !page.contains("9713"))
        for code in issued.codes(in: "BU00140100") { #expect(page.contains(code)) }
        let csv = try String(contentsOf: print.appendingPathComponent("cheques.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("household_id,buurt,code\n") && !csv.contains("Bedumerweg"))
    }

    @Test("a register file other than the imported one is refused; nothing is issued, printed or keyed")
    func addressMismatch() throws {
        let (store, folder) = try groningenStore()
        let register = try shippedFile("Examples/groningen/households.csv")
        _ = try RegisterImport.run(register, file: "households.csv", eligibleAge: 16, into: store)
        _ = try ChequeRound.create(in: store, id: "r1", valueCents: 750, issueDate: "2026-03-01", validUntil: "2026-06-30", scope: .buurt, snapshot: nil)
        let key = try KeyFile.unseal(folder.appendingPathComponent("issuing.key").path,
                                     passphrase: Passphrase(environment: [Passphrase.environmentVariable: IssuedRound.passphrase], interactive: false))
        let edited = Array(String(decoding: register, as: UTF8.self).replacingOccurrences(of: "Bedumerweg 66", with: "Bedumerweg 67").utf8)
        let ledgerPath = folder.appendingPathComponent("ledger.key").path
        let error = #expect(throws: BuurtstemError.self) {
            try ChequeIssuer.issue(round: "r1", in: store, issuingKey: key, ledgerKey: .init(path: ledgerPath, passphrase: IssuedRound.passphrase),
                                   printTo: folder.appendingPathComponent("print"), addresses: .init(bytes: edited, name: "edited.csv"))
        }
        #expect(error?.message.contains("SHA-256 differs") == true)
        #expect(try store.chequeIssuance("r1") == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("print").path))
        #expect(!FileManager.default.fileExists(atPath: ledgerPath))
        // A wrong issuing key is refused as well.
        #expect(throws: BuurtstemError.self) {
            try ChequeIssuer.issue(round: "r1", in: store, issuingKey: SigningKey(), ledgerKey: .init(path: ledgerPath, passphrase: IssuedRound.passphrase),
                                   printTo: folder.appendingPathComponent("print"))
        }
    }

    @Test("issuing into an already issued round is refused and changes nothing")
    func issueTwice() throws {
        let issued = try IssuedRound.make()
        let before = try #require(try issued.store.chequeIssuance(issued.round.id))
        let error = #expect(throws: BuurtstemError.self) {
            try ChequeIssuer.issue(round: issued.round.id, in: issued.store, issuingKey: issued.issuingKey,
                                   ledgerKey: .init(path: issued.folder.appendingPathComponent("ledger2.key").path, passphrase: IssuedRound.passphrase),
                                   printTo: issued.folder.appendingPathComponent("print2"))
        }
        #expect(error?.message.contains("already issued") == true)
        #expect(try issued.store.chequeIssuance(issued.round.id) == before)
        #expect(!FileManager.default.fileExists(atPath: issued.folder.appendingPathComponent("print2").path))
    }
}
