import ArgumentParser
import Buurtstem
import BuurtstemCrypto
import BuurtstemDemo
import BuurtstemSite
import BuurtstemVerifier
import Foundation

/// `buurtstem demo`: the whole story on a synthetic gemeente.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole story on a synthetic gemeente and print a summary.",
        discussion: """
        Sets up a synthetic gemeente (15 wijken, 31 buurten), runs a cheque round, takes in twenty aanvragen in two \
        wijken and judges them (rejections with reasons, a recused assessor, one withdrawn; the wijkteam decides one \
        admitted aanvraag directly, with its reasons), and runs a wijkstemdag in three wijken whose ballot holds the \
        other admitted aanvragen, as a secret election: \
        three trustees (2 of 3) make its key from files, each in a folder of their own; encrypted ballots at kiosks at \
        two locations and on paper; close and merge; two mix stages; two trustees decrypt (the third is away); it \
        counts and allocates, checks the outcome against the same choices counted in the clear, exports the published \
        record and verifies it with the independent verifier; the wijkteam's aanvraag and one the vote funded are paid \
        in instalments (another the vote funded is stopped, its rest flowing back) and the signed proposals record is verified too; it writes the results sites residents read (the \
        stemdag's, the cheque round's and the year view for the raad). Works in its own folder (--out), which a rerun \
        clears; needs nothing but this binary.
        """
    )

    @Option(help: "Number of synthetic households.")
    var households: Int = 3000

    @Option(help: "The folder to work in.")
    var out: String = "buurtstem-demo"

    @OptionGroup var output: OutputOptions

    func run() throws {
        let demo = Demo(households: households, folder: URL(fileURLWithPath: out))
        let report = try demo.run { line in
            if !output.json { print(line) }
        }
        if !output.json { print("- verify the published record with the independent verifier...") }
        // Pinned to the demo gemeente's own key, as an observer pins the key the gemeente published.
        let issuingKey = try PublicKey(bytes: [UInt8](try Store.open(path: report.database).gemeente().issuingPublicKey))
        // And pinned to the pre-publication an observer kept from before the polls opened.
        let pin = try PrePublicationPin.load(folder: URL(fileURLWithPath: report.stemdag.prePublicationFolder))
        let verification = RecordVerifier(folder: URL(fileURLWithPath: report.stemdag.recordFolder), expectedIssuingKey: issuingKey,
                                          pin: pin).verify()
        // The cheque round's record, pinned to its pre-publication from before the first redemption.
        let chequePin = try PrePublicationPin.load(folder: URL(fileURLWithPath: report.cheques.prePublicationFolder))
        let chequeVerification = ChequeRecordVerifier(folder: URL(fileURLWithPath: report.cheques.recordFolder), expectedIssuingKey: issuingKey,
                                                      pin: chequePin).verify()
        let proposalsVerification = ProposalRecordVerifier(folder: URL(fileURLWithPath: report.proposals.recordFolder), expectedIssuingKey: issuingKey).verify()
        if !output.json { print("- write the results sites (the stemdag, the cheque round, the year for the raad)...") }
        let sites = try Self.writeSites(report)
        try output.emit(DemoView(demo: report, verification: verification, chequeVerification: chequeVerification,
                                 proposalsVerification: proposalsVerification, sites: sites)) {
            report.summary(verification: verification, chequeVerification: chequeVerification, sites: sites) + "\n"
                + report.proposals.summary(verification: proposalsVerification)
        }
        if !verification.passed || !chequeVerification.passed || !proposalsVerification.passed || !report.stemdag.plaintext.sameFunded {
            throw ExitCode.failure
        }
    }
}

extension DemoCommand {
    /// Writes the results sites of the demo's stemdag and cheque round, and the year view, into its folder.
    static func writeSites(_ report: Demo.Report) throws -> DemoSites {
        let store = try Store.open(path: report.database)
        let folder = URL(fileURLWithPath: report.folder)
        let electionRecord = URL(fileURLWithPath: report.stemdag.recordFolder), roundRecord = URL(fileURLWithPath: report.cheques.recordFolder)
        let electionSite = folder.appendingPathComponent("site-\(report.stemdag.election)"), roundSite = folder.appendingPathComponent("site-\(report.cheques.round)")
        let election = try ElectionReport.load(election: report.stemdag.election, store: store, record: electionRecord)
        let round = try ChequeRoundReport.load(round: report.cheques.round, store: store, record: roundRecord)
        let year = try YearReport.load(period: try ReportPeriod.year(Calendar(identifier: .gregorian).component(.year, from: Date())), store: store)
        return DemoSites(
            stemdag: try ResultsSite.write(try ResultsSite.files(election, record: electionRecord, site: electionSite), to: electionSite),
            cheques: try ResultsSite.write(try ResultsSite.files(round, record: roundRecord, site: roundSite), to: roundSite),
            year: try ResultsSite.write(try ResultsSite.files(year), to: folder.appendingPathComponent("site-\(year.period.from.prefix(4))")),
            flagged: election.reach.flagged.map { "\($0.name) (\(Percent.text($0.turnoutPercent)) turnout)" })
    }
}

/// Where the demo's results sites are.
struct DemoSites: Encodable {
    /// The stemdag's site (index.html).
    let stemdag: String
    /// The cheque round's site.
    let cheques: String
    /// The year view.
    let year: String
    /// Buurten the stemdag's site flags as under-represented.
    let flagged: [String]
}

/// The demo's outcome for --json.
struct DemoView: Encodable {
    let demo: Demo.Report
    let verification: VerificationReport
    let chequeVerification: VerificationReport
    let proposalsVerification: VerificationReport
    let sites: DemoSites
}

extension Demo.ProposalsReport {
    /// The round of aanvragen, for the summary.
    func summary(verification: VerificationReport) -> String {
        var lines = ["Aanvragen: " + statuses.map { "\($0.count) \($0.status.dutch)" }.joined(separator: ", ") + "."]
        lines.append("  refused, a judgement by an assessor who declared an interest: \(recusalRefusal)")
        for (id, reasons) in decisions.sorted(by: { $0.key < $1.key }) where reasons.hasPrefix("Afgewezen") {
            lines.append("  proposal \(id): " + reasons.replacingOccurrences(of: "\n", with: " "))
        }
        lines.append("  decided by the wijkteam, without a vote: proposal \(wijkteam.proposal), \(wijkteam.outcome.dutch)"
            + (wijkteam.fundedCents.map { " at \(Money.format($0))" } ?? "") + ": " + wijkteam.reasons.replacingOccurrences(of: "\n", with: " "))
        lines.append("  on the stemdag's ballot: " + onBallot.map { ProposalBallot.projectId($0) }.joined(separator: ", "))
        lines.append("  funded by the vote: " + funded.map { ProposalBallot.projectId($0) }.joined(separator: ", ")
            + "; not funded: " + (notFunded.isEmpty ? "none" : notFunded.map { ProposalBallot.projectId($0) }.joined(separator: ", ")))
        lines.append("  paid: " + paidCents.sorted { $0.key < $1.key }.map { "proposal \($0) \(Money.format($1))" }.joined(separator: ", ")
            + "; flowing back from the stopped one: \(Money.format(returnedCents))")
        lines.append("The proposals record: \(recordFolder) (\(entries) signed log entries)")
        lines.append("Verifier: " + (verification.passed
            ? "every one of its \(verification.checks.count) checks passed (buurtstem-verify \(recordFolder))."
            : "FAILED: " + verification.checks.filter { !$0.passed }.map(\.name).joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }
}

extension Demo.Report {
    /// The readable summary printed at the end.
    func summary(verification: VerificationReport, chequeVerification: VerificationReport, sites: DemoSites) -> String {
        var lines = ["", "Buurtstem demo: gemeente \(gemeente.name) (\(gemeente.code))", ""]
        lines.append("Register snapshot \(register.snapshot.id ?? 0): \(register.snapshot.householdCount) households, "
            + "\(register.snapshot.residentCount) residents, \(register.snapshot.eligibleCount) aged \(register.snapshot.eligibleAge)+, "
            + "in \(register.wijken.count) wijken and \(register.wijken.reduce(0) { $0 + $1.buurten.count }) buurten.")
        let names = Dictionary(uniqueKeysWithValues: register.wijken.map { ($0.wijk.code, $0.wijk.name) })
        lines.append("")
        lines.append("Cheque round \(cheques.round): \(cheques.issued) cheques of € 7,50; redeemed "
            + cheques.redeemed.sorted { $0.key < $1.key }.map { "\($1) \($0)" }.joined(separator: ", ") + ".")
        for refusal in cheques.refusals { lines.append("  refused, \(refusal.attempt): \(refusal.message)") }
        for line in cheques.settlement.initiatives {
            lines.append("  \(line.funded ? "funded" : "  -   ")  \(line.title): \(line.cheques) cheques, "
                + "\(Money.format(line.collectedCents)) of \(Money.format(line.targetCents))")
        }
        let active = cheques.settlement.wijken.filter { $0.redeemed > 0 }
        lines.append("  reach (households that gave a cheque): " + active.map { "\($0.name) \(Percent.text($0.percent))" }.joined(separator: ", ")
            + "; gemeente \(Percent.text(cheques.settlement.total.percent))")
        lines.append("  pre-published before the first redemption: \(cheques.prePublicationFolder), fingerprint \(cheques.fingerprint)")
        lines.append("  (the fingerprint is on every cheque letter in the print folder)")
        lines.append("  the round's record: \(cheques.recordFolder)")
        lines.append("  verifier: " + (chequeVerification.passed
            ? "every one of its \(chequeVerification.checks.count) checks passed, every redemption signed by its cheque:\n    "
                + "\(Self.verifierCommand) \(cheques.recordFolder) --issuing-key \(chequeVerification.issuingPublicKey ?? "KEY") --pinned \(cheques.prePublicationFolder)"
            : "FAILED: " + chequeVerification.checks.filter { !$0.passed }.map(\.name).joined(separator: ", ")))
        lines.append("")
        lines.append("\(stemdag.title): \(stemdag.passesIssued) stempassen issued; ballots: "
            + stemdag.ballotsPerKiosk.sorted { $0.key < $1.key }.map { "\($1) at \($0)" }.joined(separator: ", ")
            + "; rule \(stemdag.rule).")
        for refusal in stemdag.refusals {
            lines.append("  refused, \(refusal.attempt): \(refusal.message)")
        }
        let trustees = stemdag.trustees
        lines.append("  secret ballot: \(trustees.names.count) trustees, any \(trustees.threshold) of whom decrypt: "
            + trustees.names.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: ", "))
        lines.append("  key ceremony from files, one folder per trustee: \(trustees.folder) (ceremony \(trustees.ceremonyHash.prefix(16))…)")
        lines.append("  election key \(trustees.publicKey.prefix(16))… (\(trustees.electionKeyFile)) in the signed definition and the pre-publication")
        lines.append("  count day: \(trustees.stageFiles.count) mix stages (" + trustees.stageFiles.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
            + "), decrypted by trustees " + trustees.decryptedBy.map(String.init).joined(separator: " and ")
            + (trustees.absent.isEmpty ? "" : " (trustee " + trustees.absent.map(String.init).joined(separator: ", ") + " away)")
            + ": \(trustees.valid) valid ballots, \(trustees.invalid) invalid")
        lines.append("  the same choices counted in the clear: " + (stemdag.plaintext.sameFunded
            ? "the same projects are funded" + (stemdag.plaintext.sameCounts ? ", with the same votes per project" : " (but the votes per project DIFFER)")
            : "DIFFERENT projects are funded: " + stemdag.plaintext.funded.map { $0.joined(separator: ",") }.joined(separator: "; ")))
        lines.append("  projects from aanvragen (toegelaten after the toetsing): "
            + (proposals.onBallot.isEmpty ? "none" : proposals.onBallot.map { ProposalBallot.projectId($0) }.joined(separator: ", ")))
        for (contest, allocation) in zip(stemdag.tally.contests, stemdag.allocations) {
            lines.append("")
            lines.append("\(contest.area) \(names[contest.area] ?? ""): turnout \(contest.ballotsCounted) of \(contest.passesIssued) households "
                + "(\(Percent.text(Int64(contest.ballotsCounted), of: Int64(contest.passesIssued)))); funded \(Money.format(allocation.fundedCostCents)) "
                + "of \(Money.format(contest.budgetCents))")
            for project in contest.projects.sorted(by: { $0.ballots > $1.ballots }) {
                let funded = allocation.funded.contains(project.id) ? "funded" : "  -   "
                lines.append("  \(funded)  \(project.id)  \(String(project.ballots).leftPadded(4)) votes  "
                    + "\(Money.format(project.costCents).leftPadded(12))  \(project.title)")
            }
        }
        for void in stemdag.tally.voids {
            lines.append("\nVoid: ballot \(void.kiosk) #\(void.sequence) used a pass that had voted earlier at \(void.countedKiosk ?? "?") #\(void.countedSequence ?? 0) "
                + "(two locations cannot see each other; the merge keeps both ballots and the tally counts the first).")
        }
        lines.append("")
        lines.append("Steps:")
        for step in steps { lines.append("  \(String(format: "%7.3f", step.seconds)) s  \(step.name)") }
        lines.append("")
        lines.append("Results site for residents (open it in a browser; works offline, also on a phone):")
        lines.append("  \(sites.stemdag)")
        lines.append("  under-represented: " + (sites.flagged.isEmpty ? "none" : sites.flagged.joined(separator: ", ")))
        lines.append("  the cheque round: \(sites.cheques)")
        lines.append("  the year for the raad: \(sites.year)")
        lines.append("")
        lines.append("The pre-publication (before the polls opened): \(stemdag.prePublicationFolder), fingerprint \(stemdag.fingerprint)")
        lines.append("The published record: \(stemdag.recordFolder)")
        lines.append("Verifier: " + (verification.passed
            ? "every one of its \(verification.checks.count) checks passed. Run it yourself:\n  \(Self.verifierCommand) \(stemdag.recordFolder) --issuing-key \(verification.issuingPublicKey ?? "KEY") "
                + "--pinned \(stemdag.prePublicationFolder)"
            : "FAILED: " + verification.checks.filter { !$0.passed }.map(\.name).joined(separator: ", ")))
        lines.append("")
        lines.append("Everything is in \(folder): the database, the sealed keys (passphrase '\(Demo.passphrase)'), the synthetic")
        lines.append("register, the print folder (in real life: destroyed after printing), the trustees' folders (in real life: each on")
        lines.append("the trustee's own computer), the mix stages and the record.")
        return lines.joined(separator: "\n")
    }

    /// How to call the verifier so the printed command runs as printed: the `buurtstem-verify` built next to this
    /// `buurtstem` (scripts/demo.sh builds both), by the same path this command was called with; else by name.
    static var verifierCommand: String {
        let me = CommandLine.arguments.first ?? "buurtstem"
        guard me.contains("/") else { return "buurtstem-verify" }
        let sibling = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("buurtstem-verify")
        guard FileManager.default.isExecutableFile(atPath: sibling.path) else { return "buurtstem-verify" }
        return (me as NSString).deletingLastPathComponent + "/buurtstem-verify"
    }
}
