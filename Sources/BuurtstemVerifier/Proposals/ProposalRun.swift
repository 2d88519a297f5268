import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// The state of one verification run over a proposals record.
struct ProposalRun {
    let folder: URL
    let report: ReportBuilder
    let expectedIssuingKey: PublicKey?
    let decoder = JSONDecoder()

    var index: RecordIndex?
    var header: ProposalsHeader?
    /// The log's entries as read, with their line numbers (decodable lines only).
    var entries: [(line: Int, entry: ProposalEntry)] = []
    /// Lines of `log.jsonl`, decodable or not.
    var logLines = 0
    /// Tree head after each prefix size.
    var heads: [[UInt8]] = [MerkleHash.empty]
    /// Per proposal: the status the log leaves it in.
    var statuses: [UInt64: ProposalStatus] = [:]
    /// Per proposal: its received entry.
    var received: [UInt64: ProposalEntry.Body] = [:]
    /// Per proposal: its co-funders, from its `co_funding` entry.
    var pledges: [UInt64: [ProposalEntry.Pledge]] = [:]
    /// Format 2: the co-funders are in the log and `money.json` is bound to it.
    var bound = true

    init(folder: URL, report: ReportBuilder, expectedIssuingKey: PublicKey?) {
        self.folder = folder
        self.report = report
        self.expectedIssuingKey = expectedIssuingKey
    }

    // MARK: - Names of the checks

    static let files = "files"
    static let headerCheck = "header"
    static let logEntries = "log entries"
    static let logCheckpoints = "log checkpoints"
    static let statusCheck = "statuses"
    static let decisions = "decisions"
    static let recusals = "recusals"
    static let payments = "payments"
    static let proposalsCheck = "proposals"
    static let moneyCheck = "money"

    mutating func all() {
        report.declare(Self.files, "every file of a proposals record is present, every .jsonl file ends with a whole line, and record.json, signed by the issuing key proposals.json names, lists every file with its SHA-256")
        report.declare(Self.headerCheck, "proposals.json names the format, the gemeente and the log id proposals/<gemeente code>")
        report.declare(Self.logEntries, "every log entry: its leaf hash, sequence without gaps, time never decreasing, a proposal received before anything else happens to it, well-formed ids and texts")
        report.declare(Self.logCheckpoints, "every checkpoint is signed by the issuing key for the log and matches the head of the log's first entries; the last one covers the whole log")
        report.declare(Self.statusCheck, "every status change moves one named step forward from the proposal's status at that point; toegelaten and afgewezen only by a decision of a proposal in behandeling")
        report.declare(Self.decisions, "every decision has every criterion in force judged once, with a reason, while the proposal was in behandeling; its outcome follows from the judgements and its reasons name the criteria not met and the recusals; every decision of the wijkteam (a move from decided_by_wijkteam to funded or not_funded) gives its reasons and names the recusals")
        report.declare(Self.recusals, "no assessor judged a criterion of a proposal they declared an interest in")
        report.declare(Self.payments, "payments go only to a proposal that is funded or in execution, and never add up to more than its funded amount: the requested amount, or the lower amount of its one funding entry, set right after the move to funded")
        report.declare(Self.proposalsCheck, "proposals.jsonl lists every proposal of the log once, by id, with the details, co-funders and final status the log gives, and a cost breakdown adding up to the requested amount")
        report.declare(Self.moneyCheck, "every proposal's co-funders are logged once and pledge at most its requested amount (the gemeente funds the rest); money.json's committed, paid and returned per wijk and per funder equal, to the cent, what the log gives, each proposal's money split between its funders by the largest-remainder rule")
        defer { report.finish("an earlier step it needs could not be read (see the failures above)") }
        checkFiles()
        guard checkHeader() else { return }
        readLog()
        checkCheckpoints()
        checkRules()
        readPledges()
        checkProposals()
        checkMoney()
    }

    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The lines of `.jsonl` file `name` with their numbers (blank last line dropped), or nil with a failure.
    func lines(_ name: String, check: String) -> [(line: Int, text: Data)]? {
        guard let data = try? Data(contentsOf: url(name)) else {
            report.fail(check, file: name, "cannot be read")
            return nil
        }
        var result: [(line: Int, text: Data)] = []
        var number = 0
        for part in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if part.isEmpty { continue }
            result.append((number, Data(part)))
        }
        return result
    }

    // MARK: - Files and header

    mutating func checkFiles() {
        for name in ProposalRecordFile.required.sorted() {
            report.counted(Self.files)
            guard let data = try? Data(contentsOf: url(name)) else {
                report.fail(Self.files, file: name, "is missing or unreadable: every proposals record has it")
                continue
            }
            if name.hasSuffix(".jsonl"), let last = data.last, last != UInt8(ascii: "\n") {
                report.fail(Self.files, file: name, "ends in the middle of a line: the file was cut short or changed")
            }
        }
        guard FileManager.default.fileExists(atPath: url(ProposalRecordFile.index).path) else {
            report.fail(Self.files, file: ProposalRecordFile.index, "is missing: a proposals record has a signed index of its files' SHA-256 digests")
            return
        }
        guard let index = Run.read(RecordIndex.self, ProposalRecordFile.index, in: folder, check: Self.files, decoder: decoder, report: report) else { return }
        self.index = index
        report.issuingKey(index.issuingPublicKey)
        RecordIndexCheck.proposals.run(index, folder: folder, expectedKey: expectedIssuingKey, check: Self.files, report: report)
    }

    mutating func checkHeader() -> Bool {
        guard let header = Run.read(ProposalsHeader.self, ProposalRecordFile.header, in: folder, check: Self.headerCheck, decoder: decoder, report: report) else {
            return false
        }
        self.header = header
        let file = ProposalRecordFile.header
        report.counted(Self.headerCheck)
        if header.format == ProposalRecordFile.formatUnbound {
            bound = false
        } else if header.format != ProposalRecordFile.format {
            report.fail(Self.headerCheck, file: file, "format '\(header.format)' is not \(ProposalRecordFile.format) or \(ProposalRecordFile.formatUnbound): this verifier does not know it")
        }
        let digits = header.gemeenteCode.dropFirst(2)
        if !header.gemeenteCode.hasPrefix("GM") || digits.count != 4 || !digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            report.fail(Self.headerCheck, file: file, "gemeente_code '\(header.gemeenteCode)' is not a CBS gemeente code (GM + 4 digits)")
        }
        if header.logId != "proposals/\(header.gemeenteCode)" {
            report.fail(Self.headerCheck, file: file, "the log is named '\(header.logId)', not 'proposals/\(header.gemeenteCode)'")
        }
        if let expectedIssuingKey, header.issuingPublicKey != expectedIssuingKey {
            report.fail(Self.headerCheck, file: file, "names issuing key \(header.issuingPublicKey.hex.prefix(16))..., not \(expectedIssuingKey.hex.prefix(16))... given with --issuing-key")
        }
        if index == nil { report.issuingKey(header.issuingPublicKey) }
        if let index {
            if index.issuingPublicKey != header.issuingPublicKey {
                report.fail(Self.files, file: ProposalRecordFile.index, "is signed by \(index.issuingPublicKey.hex.prefix(16))..., not by the issuing key proposals.json names")
            }
            if index.election != header.gemeenteCode || index.gemeente != header.gemeenteCode || index.gemeenteName != header.gemeenteName {
                report.fail(Self.files, file: ProposalRecordFile.index, "names '\(index.election)' of \(index.gemeente) \(index.gemeenteName), but proposals.json is gemeente \(header.gemeenteCode) \(header.gemeenteName)")
            }
        }
        return true
    }
}
