import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// The state of one verification run over a cheque round record.
struct ChequeRun {
    /// What the run keeps of one issued cheque while it reads the ledger.
    struct Issued {
        /// Index of its buurt in ``ChequeRun/buurtCodes``.
        let buurt: Int32
        /// Its public key as the issued set commits to it (format 2); nil in format 1.
        let key: CodeHash?
        /// 1 + the sequence of the ledger entry that redeemed it; 0 while unredeemed (a 4-byte field keeps the
        /// issued set small).
        var redeemedBy: UInt32 = 0
    }

    /// An initiative's redemptions: how many and their value.
    struct Collected {
        var cheques: UInt64 = 0
        var cents: UInt64 = 0
    }

    let folder: URL
    let report: ReportBuilder
    let batchSize: Int
    let expectedIssuingKey: PublicKey?
    /// The pre-publication the observer pinned (`--pinned`, `--fingerprint`), if any.
    let pin: PrePublicationPin?
    /// The ledger checkpoints observers saved (`--checkpoint`).
    let observerCheckpoints: [ObserverCheckpoint]
    let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
    /// `Checkpoint` spells its own keys (`log_id`), which `convertFromSnakeCase` would no longer match.
    let checkpointDecoder = JSONDecoder()

    var index: RecordIndex?
    var round: ChequeRecord.Round?
    var issued: ChequeRecord.Issued?
    var settlement: ChequeRecord.Settlement?
    var roundBuurten: Set<String> = []
    var buurtCodes: [String] = []
    var buurtIndex: [String: Int32] = [:]
    var cheques: [CodeHash: Issued] = [:]
    var initiatives: [ChequeRecord.Initiative] = []
    var initiativeIndex: [UInt64: Int] = [:]
    var checkpoints: [(line: Int, checkpoint: Checkpoint)] = []
    /// Cheques listed per buurt code, for the pre-publication's counts.
    var issuedPerBuurt: [String: UInt64] = [:]

    // What the ledger showed.
    var ledgerSize: UInt64 = 0
    /// Tree heads after the sizes checkpoints and the settlement name.
    var heads: [UInt64: [UInt8]] = [0: MerkleHash.empty]
    /// Time of the last entry within each of those sizes.
    var timesAt: [UInt64: Int64] = [:]
    /// Per initiative id, over the first `settlement.ledger_size` entries.
    var settledCollected: [UInt64: Collected] = [:]

    init(folder: URL, report: ReportBuilder, batchSize: Int, expectedIssuingKey: PublicKey?, pin: PrePublicationPin? = nil,
         observerCheckpoints: [ObserverCheckpoint] = []) {
        self.folder = folder
        self.report = report
        self.batchSize = batchSize
        self.expectedIssuingKey = expectedIssuingKey
        self.pin = pin
        self.observerCheckpoints = observerCheckpoints
    }

    // MARK: - Names of the checks

    static let files = "files"
    static let roundCheck = "round"
    static let issuedSet = "issued set"
    static let initiativesCheck = "initiatives"
    static let entries = "ledger entries"
    static let redemptionSignatures = "redemption signatures"
    static let ledgerCheckpoints = "ledger checkpoints"
    static let settlementCheck = "settlement"

    mutating func all(progress: @Sendable (Int, Int) -> Void) {
        declarePinningChecks()
        report.declare(Self.files, "every file of a cheque round record is present, every .jsonl file ends with a whole line, and record.json, signed by the issuing key round.json names, lists every file with its SHA-256")
        report.declare(Self.roundCheck, "round.json names the format, its ledger log, validity instants that start its Dutch days, and buurten whose wijk follows from their CBS codes")
        report.declare(Self.issuedSet, "issued.json is signed by the issuing key over the round's terms; the issued cheques are distinct, sorted, of the gemeente's buurten, and match its count, total and Merkle root")
        report.declare(Self.initiativesCheck, "initiatives have distinct ids in order, a buurt of the gemeente, and a closing instant that starts the day after their deadline")
        report.declare(Self.entries, "every ledger entry: its leaf hash, sequence without gaps, an issued cheque redeemed once, the round's value, time never decreasing and within the validity window, an open initiative, the scope rule")
        report.declare(Self.redemptionSignatures, "in a round of format 2, every ledger entry carries the key the signed issued set commits to for its cheque, and that key's signature over the entry: only whoever typed the cheque's code could make it")
        report.declare(Self.ledgerCheckpoints, "every checkpoint is signed by the ledger key of the signed issued set and matches the head of the ledger's first entries; the final one covers the whole ledger")
        if FileManager.default.fileExists(atPath: url(ChequeRecord.settlement).path) {
            report.declare(Self.settlementCheck, "the settlement is signed by the issuing key; its amounts and funded initiatives follow from the ledger to the cent")
        } else {
            report.declare(Self.settlementCheck, "the round is not settled (no settlement.json), so there is no settlement to check")
            report.counted(Self.settlementCheck, 0)
        }
        defer { report.finish("an earlier step it needs could not be read (see the failures above)") }
        checkFiles()
        guard checkRound() else { return }
        readCheckpoints()
        settlement = read(ChequeRecord.Settlement.self, ChequeRecord.settlement, check: Self.settlementCheck, optional: true)
        guard let issued = read(ChequeRecord.Issued.self, ChequeRecord.issued, check: Self.issuedSet) else { return }
        self.issued = issued
        // Counts come from files an attacker may have changed: clamp rather than trap on absurd ones.
        let issuedCount = Int(clamping: min(issued.count, UInt64(Int32.max)))
        let total = issuedCount + Int(clamping: min(checkpoints.last?.checkpoint.size ?? 0, UInt64(Int32.max)))
        checkIssued(progress: { progress($0, total) })
        checkInitiatives()
        checkLedger(progress: { progress(issuedCount + $0, total) })
        checkCheckpoints()
        checkObserverCheckpoints()
        checkSettlement()
        checkPrePublication()
    }

    // MARK: - Reading

    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    func read<T: Decodable>(_ type: T.Type, _ name: String, check: String, optional: Bool = false) -> T? {
        if optional, !FileManager.default.fileExists(atPath: url(name).path) { return nil }
        return Run.read(type, name, in: folder, check: check, decoder: decoder, report: report)
    }

    /// A reader of the `.jsonl` file `name`, or nil with a failure of `check` if it cannot be opened.
    func lines<T: Decodable>(_ type: T.Type, _ name: String, check: String, decoder: JSONDecoder? = nil) -> JSONLineReader<T>? {
        do {
            return try JSONLineReader(url: url(name), decoder: decoder ?? self.decoder)
        } catch {
            report.fail(check, file: name, "cannot be read: \(error.localizedDescription)")
            return nil
        }
    }

    /// The next batch of `reader`, or nil at the end or (with a failure of `check`) when the file cannot be read.
    func next<T>(_ reader: inout JSONLineReader<T>, _ name: String, check: String) -> [JSONLineReader<T>.Line]? {
        do {
            let batch = try reader.next(batchSize)
            return batch.isEmpty ? nil : batch
        } catch {
            report.fail(check, file: name, "cannot be read further: \(error.localizedDescription)")
            return nil
        }
    }

    /// The first 16 hex characters of a hash, to name a cheque in messages without printing whole hashes.
    static func short(_ bytes: [UInt8]) -> String { String(Hex.encode(bytes).prefix(16)) + "..." }

    // MARK: - Files

    mutating func checkFiles() {
        for name in ChequeRecord.required {
            report.counted(Self.files)
            guard let handle = try? FileHandle(forReadingFrom: url(name)) else {
                report.fail(Self.files, file: name, "is missing or unreadable: every cheque round record has it")
                continue
            }
            defer { try? handle.close() }
            // A JSON object file cut short no longer decodes, which its own check reports.
            guard ChequeRecord.lineFiles.contains(name), let end = try? handle.seekToEnd(), end > 0 else { continue }
            try? handle.seek(toOffset: end - 1)
            if (try? handle.read(upToCount: 1)) != Data([UInt8(ascii: "\n")]) {
                report.fail(Self.files, file: name, "ends in the middle of a line: the file was cut short or changed")
            }
        }
        checkIndex()
    }

    /// `record.json`: the checks every record index gets (the key it names is compared with round.json's issuing
    /// key in ``checkRound()``).
    mutating func checkIndex() {
        let name = ChequeRecord.index
        guard FileManager.default.fileExists(atPath: url(name).path) else {
            report.counted(Self.files)
            report.fail(Self.files, file: name, "is missing: a cheque round record has a signed index of its files' SHA-256 digests, so nothing vouches for the files' content")
            return
        }
        // RecordIndex spells its own keys (`gemeente_name`), which `convertFromSnakeCase` would no longer match.
        guard let index = Run.read(RecordIndex.self, name, in: folder, check: Self.files, decoder: checkpointDecoder, report: report) else { return }
        self.index = index
        report.issuingKey(index.issuingPublicKey)
        RecordIndexCheck.chequeRound.run(index, folder: folder, expectedKey: expectedIssuingKey, check: Self.files, report: report)
    }

    // MARK: - Round

    mutating func checkRound() -> Bool {
        guard let round = read(ChequeRecord.Round.self, ChequeRecord.round, check: Self.roundCheck) else { return false }
        self.round = round
        let file = ChequeRecord.round
        report.counted(Self.roundCheck)
        if index == nil {
            // No readable index: round.json's key is the one everything else is checked with, so name and pin it.
            report.issuingKey(round.issuingPublicKey)
            if let expectedIssuingKey, round.issuingPublicKey != expectedIssuingKey {
                report.fail(Self.roundCheck, file: file, "names issuing key \(round.issuingPublicKey.hex.prefix(16))..., not \(expectedIssuingKey.hex.prefix(16))... given with --issuing-key: this is not the gemeente's record, or the wrong key was given")
            }
        }
        if let index {
            // The index's signature is checked with the key it names; that key must be the round's issuing key.
            if index.issuingPublicKey != round.issuingPublicKey {
                report.fail(Self.files, file: ChequeRecord.index, "is signed by \(index.issuingPublicKey.hex.prefix(16))..., not by the issuing key round.json names")
            }
            if index.election != round.roundId || index.gemeente != round.gemeenteCode || index.gemeenteName != round.gemeenteName {
                report.fail(Self.files, file: ChequeRecord.index, "names round '\(index.election)' of \(index.gemeente) \(index.gemeenteName), but round.json is round '\(round.roundId)' of \(round.gemeenteCode) \(round.gemeenteName)")
            }
        }
        report.format(round.format)
        if round.format != ChequeRecord.formatName && round.format != ChequeRecord.formatBound {
            report.fail(Self.roundCheck, file: file, "format '\(round.format)' is neither \(ChequeRecord.formatName) nor \(ChequeRecord.formatBound): this verifier does not know it")
        }
        if round.ledgerLogId != "cheques/\(round.roundId)/ledger" {
            report.fail(Self.roundCheck, file: file, "the ledger log is named '\(round.ledgerLogId)', not 'cheques/\(round.roundId)/ledger'")
        }
        if !ChequeRecord.scopes.contains(round.scope) {
            report.fail(Self.roundCheck, file: file, "scope '\(round.scope)' is none of \(ChequeRecord.scopes.joined(separator: ", "))")
        }
        if round.valueCents == 0 { report.fail(Self.roundCheck, file: file, "a cheque is worth nothing (value_cents 0)") }
        if !ChequeRecord.isDutchStart(of: round.issueDate, round.validFromMs) {
            report.fail(Self.roundCheck, file: file, "valid_from_ms \(round.validFromMs) is not the start of the issue date \(round.issueDate) in the Netherlands")
        }
        if !ChequeRecord.isDutchEnd(of: round.validUntil, round.expiresMs) || round.expiresMs <= round.validFromMs {
            report.fail(Self.roundCheck, file: file, "expires_ms \(round.expiresMs) is not the end of the last valid day \(round.validUntil) in the Netherlands, after valid_from_ms")
        }
        let gemeenteDigits = round.gemeenteCode.dropFirst(2)
        if !round.gemeenteCode.hasPrefix("GM") || gemeenteDigits.count != 4 || !gemeenteDigits.allSatisfy(\.isASCII) || !gemeenteDigits.allSatisfy(\.isNumber) {
            report.fail(Self.roundCheck, file: file, "gemeente_code '\(round.gemeenteCode)' is not a CBS gemeente code (GM + 4 digits)")
        }
        for buurt in round.buurten {
            report.counted(Self.roundCheck)
            if !ChequeRecord.isBuurtCode(buurt.code) || buurt.code.dropFirst(2).prefix(4) != gemeenteDigits {
                report.fail(Self.roundCheck, file: file, "buurt '\(buurt.code)' is not a CBS buurt code (BU + 8 digits) of gemeente \(round.gemeenteCode)")
            } else if buurt.wijk != ChequeRecord.wijk(ofBuurt: buurt.code) {
                report.fail(Self.roundCheck, file: file, "buurt \(buurt.code) is listed in wijk \(buurt.wijk), but its code puts it in \(ChequeRecord.wijk(ofBuurt: buurt.code))")
            }
            if !roundBuurten.insert(buurt.code).inserted {
                report.fail(Self.roundCheck, file: file, "buurt \(buurt.code) is listed twice")
            }
        }
        return true
    }

    // MARK: - Issued set

    /// Checks the signed commitment, then streams the issued cheques into ``cheques``.
    mutating func checkIssued(progress: (Int) -> Void) {
        guard let round, let issued else { return }
        let file = ChequeRecord.issued
        report.counted(Self.issuedSet)
        if issued.signer != round.issuingPublicKey {
            report.fail(Self.issuedSet, file: file, "is signed by \(issued.signer.hex.prefix(16))..., not by the issuing key round.json names")
        }
        if !round.issuingPublicKey.isValidSignature(issued.signature, for: issued.signedBytes(round: round)) {
            report.fail(Self.issuedSet, file: file, "the issuing key's signature does not match: issued.json or the round's terms in round.json were altered")
        }
        if issued.roundId != round.roundId {
            report.fail(Self.issuedSet, file: file, "is the issued set of round '\(issued.roundId)', not of '\(round.roundId)'")
        }
        let (total, overflow) = issued.count.multipliedReportingOverflow(by: round.valueCents)
        if overflow || total != issued.totalCents {
            report.fail(Self.issuedSet, file: file, "total_cents \(issued.totalCents) is not count \(issued.count) x value \(round.valueCents) cents")
        }
        if issued.root.bytes.count != 32 { report.fail(Self.issuedSet, file: file, "root is not a 32-byte hash") }

        let lines = ChequeRecord.issuedCheques, roundId = round.roundId
        var log = MerkleLog()
        var previous: [UInt8]?
        guard var reader = self.lines(ChequeRecord.IssuedLine.self, lines, check: Self.issuedSet) else { return }
        while let batch = next(&reader, lines, check: Self.issuedSet) {
            let leaves = ParallelMap.map(batch.map(\.value)) { $0.map { MerkleHash.leaf($0.leafBytes(round: roundId)) } }
            for (item, leaf) in zip(batch, leaves) {
                report.counted(Self.issuedSet)
                guard let cheque = item.value, let leaf else {
                    report.fail(Self.issuedSet, file: lines, line: item.line, "not an issued cheque {buurt, code_hash}: \(item.problem ?? "")")
                    continue
                }
                log.append(leafHash: leaf)
                let hash = cheque.codeHash.bytes
                guard let key = CodeHash(hash) else {
                    report.fail(Self.issuedSet, file: lines, line: item.line, "code_hash is not a 32-byte hash")
                    continue
                }
                if let previous, !previous.lexicographicallyPrecedes(hash) {
                    report.fail(Self.issuedSet, file: lines, line: item.line, previous == hash
                        ? "cheque \(Self.short(hash)) is listed twice" : "cheques are not sorted by code_hash (a cheque was moved or added)")
                }
                previous = hash
                if !roundBuurten.contains(cheque.buurt) {
                    report.fail(Self.issuedSet, file: lines, line: item.line, "buurt '\(cheque.buurt)' is not a buurt of the gemeente (round.json)")
                }
                var chequeKey: CodeHash?
                if round.bindsRedemptions {
                    chequeKey = cheque.chequeKey.flatMap { CodeHash($0.bytes) }
                    if chequeKey == nil {
                        report.fail(Self.issuedSet, file: lines, line: item.line, "cheque \(Self.short(hash)) has no 32-byte cheque_key, which every cheque of a round of format 2 has")
                    }
                } else if cheque.chequeKey != nil {
                    report.fail(Self.issuedSet, file: lines, line: item.line, "cheque \(Self.short(hash)) has a cheque_key, which a round of format 1 does not have")
                }
                issuedPerBuurt[cheque.buurt, default: 0] += 1
                if cheques[key] == nil { cheques[key] = Issued(buurt: buurtNumber(cheque.buurt), key: chequeKey) }
            }
            progress(log.size)
        }
        if UInt64(log.size) != issued.count {
            report.fail(Self.issuedSet, file: lines, "lists \(log.size) cheques, but issued.json commits to \(issued.count): cheques were added or removed")
        }
        if log.root != issued.root.bytes {
            report.fail(Self.issuedSet, file: lines, "the Merkle root of the listed cheques differs from the signed one in issued.json: cheques were added, removed or changed")
        }
    }

    /// The index of `code` in ``buurtCodes``, added on first use.
    mutating func buurtNumber(_ code: String) -> Int32 {
        if let number = buurtIndex[code] { return number }
        let number = Int32(buurtCodes.count)
        buurtCodes.append(code)
        buurtIndex[code] = number
        return number
    }
}
