import BuurtstemCrypto
import BuurtstemRecord
import Dispatch
import Foundation

/// Checks a published election record (docs/record.md) without the engine: every signature, every log against
/// its checkpoints, every ballot against the issued passes and its ballot type, the voids, the counts, and the
/// allocation recomputed by the verifier's own implementation.
public struct RecordVerifier: Sendable {
    /// The record folder.
    public let folder: URL
    /// Ballots read and checked per batch (bounds memory: at most three batches are held, one read ahead, one
    /// being checked on all cores, one in the ordered checks).
    public var batchSize = 8192
    /// The gemeente's issuing key as the observer got it from the gemeente (not from the record); when set, a
    /// record signed by any other key fails.
    public var expectedIssuingKey: PublicKey?
    /// What the observer pinned before the polls opened (`--pinned`, `--fingerprint`): a record whose definition,
    /// passes or kiosks differ from it fails; nil: nothing was pinned, which the report says.
    public var pin: PrePublicationPin?
    /// Checkpoints observers saved during the day (`--checkpoint`): each must be consistent with its final log.
    public var observerCheckpoints: [ObserverCheckpoint] = []

    /// A verifier for the record in `folder`.
    public init(folder: URL, expectedIssuingKey: PublicKey? = nil, pin: PrePublicationPin? = nil,
                observerCheckpoints: [ObserverCheckpoint] = []) {
        self.folder = folder
        self.expectedIssuingKey = expectedIssuingKey
        self.pin = pin
        self.observerCheckpoints = observerCheckpoints
    }

    /// Runs every check; `progress` gets (ballots checked, ballots in the record) as it goes.
    public func verify(progress: @Sendable (Int, Int) -> Void = { _, _ in }) -> VerificationReport {
        let report = ReportBuilder(record: folder.path, expectedKey: expectedIssuingKey)
        var run = Run(folder: folder, report: report, batchSize: batchSize, expectedIssuingKey: expectedIssuingKey)
        run.pin = pin
        run.observerCheckpoints = observerCheckpoints
        run.all(progress: progress)
        return report.report
    }
}

/// The state of one verification run.
struct Run {
    let folder: URL
    let report: ReportBuilder
    let batchSize: Int
    let expectedIssuingKey: PublicKey?
    let decoder = JSONDecoder()

    var index: RecordIndex?
    var definition: ElectionDefinition?
    var commitment: IssuedPassCommitment?
    /// Issued passes: key -> index into `areaNames` (compact: a record may hold a million passes).
    var passAreas: [KeyBits: UInt32] = [:]
    var areaNames: [String] = []
    /// Each area's index in `areaNames` (a hostile record may name many areas: no linear search per pass).
    var areaIndexes: [String: Int] = [:]
    var kiosks: [KioskRegistration] = []
    var finalHeads: [ElectionResult.LogHead] = []
    /// Per pass, its counted use so far and the index of its (area, choices) in `ballotKinds`.
    var firstUse: [KeyBits: (key: UseKey, kind: Int32)] = [:]
    var repeatUses: [KeyBits: [UseKey]] = [:]
    /// Issue 19: passes revoked at the desk, and the signed replacement counts per area.
    var revokedPasses: Set<KeyBits> = []
    var replacementCounts: [PassReplacements.AreaCount] = []
    /// Distinct (area, choices) pairs: few, however many ballots there are.
    var ballotKinds: [BallotKind] = []
    var ballotKindIndex: [BallotKind: Int32] = [:]
    var expectedVoids: [ElectionResult.VoidEntry] = []
    /// Why the allocation cannot be recomputed from this definition (an unknown rule or tie-break, a structural
    /// problem), if so: the allocation check then does not run rather than guess.
    var allocationRefused: String?
    /// Issue 15: the observer's pin and checkpoints, and the leaves of logs an observer checkpointed.
    var pin: PrePublicationPin?
    var observerCheckpoints: [ObserverCheckpoint] = []
    var observedLeaves: [String: [[UInt8]]] = [:]
    var expectedContests: [String: (ballots: UInt64, projects: [String: (ballots: UInt64, points: UInt64)], counted: [(choices: [Choice], count: Int)])] = [:]
    /// Issue 16: a secret election's (format 3) state between its checks; nil for a public election.
    var secret: SecretRunState?
    /// Why the counts cannot be recomputed (a secret election whose decryption could not be recomputed); nil
    /// when they can.
    var countsUnavailable: String?

    init(folder: URL, report: ReportBuilder, batchSize: Int, expectedIssuingKey: PublicKey?) {
        self.folder = folder
        self.report = report
        self.batchSize = batchSize
        self.expectedIssuingKey = expectedIssuingKey
    }

    // MARK: - Names of the checks

    static let files = "files"
    static let definitionCheck = "definition"
    static let passes = "issued passes"
    static let kioskCheck = "kiosks"
    static let ballotSignatures = "ballot signatures"
    static let ballotPasses = "ballot passes"
    static let ballotValidity = "ballot validity"
    static let logs = "logs and checkpoints"
    static let voids = "voids"
    static let counts = "counts"
    static let allocation = "allocation"
    static let resultCheck = "result signature"
    static let pabulibExport = "pabulib export"
    static let ballotProofs = "ballot proofs"
    static let electionKey = "election key"
    static let mixShuffles = "mix shuffles"
    static let decryptionShares = "decryption shares"
    static let decodedBallots = "decoded ballots"

    mutating func all(progress: @Sendable (Int, Int) -> Void) {
        declareChecks()
        defer { report.finish("an earlier step it needs could not be read (see the failures above)") }
        // The index says the format, and so which checks follow; the pinning checks come after them.
        let filesRead = checkFiles()
        declarePinningChecks()
        guard filesRead, checkDefinition(), checkPasses(), checkKiosks() else { return }
        checkPrePublication()
        checkReplacements()
        checkBallots(progress: progress)
        checkReplacedPassUse()
        if secret != nil { checkSecretElection() }
        checkObserverCheckpoints()
        checkResult()
        checkPabulibExport()
    }

    /// Declares every check of this record, so each appears in the report even with nothing to fail; a secret
    /// election's (format 3, known once the index is read) are declared by ``checkFiles()``.
    func declareChecks() {
        report.declare(Self.files, "record.json is signed by the issuing key and lists every file of the record, each with its SHA-256")
        report.declare(Self.definitionCheck, "the definition is signed by the issuing key over its canonical bytes")
        report.declare(Self.passes, "every issued pass is signed; the set matches the signed commitment (root, counts per area)")
        report.declare(Self.kioskCheck, "every kiosk is registered with the issuing key's signature")
        report.declare(Self.ballotSignatures, "every ballot is signed by its pass's key over its canonical bytes")
        report.declare(Self.ballotPasses, "every ballot's pass was issued for its area")
    }

    /// The checks of a public election's ballots and count.
    func declarePublicChecks() {
        report.declare(Self.ballotValidity, "every ballot is valid for the ballot type")
        report.declare(Self.logs, "every log is gapless, matches its final checkpoint, and every checkpoint is signed and consistent")
        report.declare(Self.voids, "a pass counts once: the first ballot by (time, kiosk, sequence); the others, and every ballot of a pass revoked at the desk, are the listed voids")
        report.declare(Self.counts, "the counts per contest and project follow from the counted ballots")
        report.declare(Self.resultCheck, "the result is signed by the issuing key")
        report.declare(Self.allocationName, Self.allocationDetail)
    }

    // MARK: - Reading

    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    func read<T: Decodable>(_ type: T.Type, _ name: String, check: String) -> T? {
        Self.read(type, name, in: folder, check: check, decoder: decoder, report: report)
    }

    /// File `name` of `folder` decoded, or nil with a failure of `check` that says why it cannot be read.
    static func read<T: Decodable>(_ type: T.Type, _ name: String, in folder: URL, check: String, decoder: JSONDecoder,
                                   report: ReportBuilder) -> T? {
        do {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if let problem = StrictJSON.problem(data) {
                report.fail(check, file: name, "cannot be read: \(problem)")
                return nil
            }
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            report.fail(check, file: name, "cannot be read: \(describe(error))")
        } catch let error as ShuffleProofDecodingError {
            report.fail(check, file: name, "cannot be read: \(error)")
        } catch {
            report.fail(check, file: name, "cannot be read: \(error.localizedDescription)")
        }
        return nil
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, context): "missing field '\(key.stringValue)' at \(path(context))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            "\(context.debugDescription) at \(path(context))"
        @unknown default: "\(error)"
        }
    }

    static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "the top" : path
    }

    /// Why a line that is not in the exporter's exact form cannot be read.
    struct LineProblem: Error {
        let message: String
    }

    /// A line in another form than the exporter's: strict JSON (docs/record.md), then decoded; or why not.
    static func strictLine<T: Decodable>(_ type: T.Type, _ bytes: Data) -> Result<T, LineProblem> {
        if let problem = StrictJSON.problem(bytes) { return .failure(LineProblem(message: problem)) }
        do {
            return .success(try JSONDecoder().decode(T.self, from: bytes))
        } catch let error as DecodingError {
            return .failure(LineProblem(message: describe(error)))
        } catch {
            return .failure(LineProblem(message: "\(error)"))
        }
    }

    // MARK: - Files and definition

    mutating func checkFiles() -> Bool {
        guard let index = read(RecordIndex.self, ElectionRecordFile.index, check: Self.files) else {
            declarePublicChecks()
            return false
        }
        self.index = index
        report.issuingKey(index.issuingPublicKey)
        // Issue 16: a secret election's record has its own files and checks (format 3).
        let isSecret = index.format == RecordIndex.formatNameSecret
        if isSecret { declareSecretChecks() } else { declarePublicChecks() }
        (isSecret ? RecordIndexCheck.secretElection : RecordIndexCheck.election)
            .run(index, folder: folder, expectedKey: expectedIssuingKey, check: Self.files, report: report)
        return true
    }

    mutating func checkDefinition() -> Bool {
        guard let index, let file = read(DefinitionFile.self, ElectionRecordFile.definition, check: Self.definitionCheck) else { return false }
        report.counted(Self.definitionCheck)
        let definition = file.definition
        if !index.issuingPublicKey.isValidSignature(file.manifestSignature, for: definition.canonicalBytes) {
            report.fail(Self.definitionCheck, file: ElectionRecordFile.definition, "the manifest signature does not match the definition: it was altered or not signed by the issuing key")
        }
        if definition.id != index.election || definition.gemeente != index.gemeente {
            report.fail(Self.definitionCheck, file: ElectionRecordFile.definition, "defines election '\(definition.id)' of \(definition.gemeente), but record.json says '\(index.election)' of \(index.gemeente)")
        }
        if file.definitionHash.bytes != definition.hash {
            report.fail(Self.definitionCheck, file: ElectionRecordFile.definition, "definition_hash \(Hex.encode(file.definitionHash.bytes).prefix(16))... is not the SHA-256 "
                + "of the definition's canonical bytes (\(Hex.encode(definition.hash).prefix(16))...)")
        }
        let problems = DefinitionStructure.problems(definition)
        for problem in problems {
            report.fail(Self.definitionCheck, file: ElectionRecordFile.definition, "\(problem): the engine never signs such a definition")
        }
        allocationRefused = DefinitionStructure.allocationProblems(definition.allocation, weighted: definition.weighting != nil).first
            ?? problems.first
        self.definition = definition
        return checkSecretDefinition(definition, index: index)
    }

    // MARK: - Passes

    mutating func checkPasses() -> Bool {
        guard let index, let definition,
              let commitment = read(IssuedPassCommitment.self, ElectionRecordFile.commitment, check: Self.passes) else { return false }
        self.commitment = commitment
        let issuer = index.issuingPublicKey
        if !commitment.isValid(issuer: issuer) {
            report.fail(Self.passes, file: ElectionRecordFile.commitment, "the commitment's signature is not the issuing key's")
        }
        if commitment.definitionHash != definition.hash || commitment.election != definition.id {
            report.fail(Self.passes, file: ElectionRecordFile.commitment, "the commitment is for another definition or election")
        }
        var log = MerkleLog()
        var perArea: [String: UInt64] = [:]
        var previous: PublicKey?
        do {
            var reader = try LineReader(url: url(ElectionRecordFile.passes))
            // Decoding, the signature and the leaf hash per line on all cores; the bookkeeping in order, overlapped
            // with the next batch's signatures.
            try BatchPipeline.run(&reader, batchSize: batchSize, check: { lines in
                lines.map { line -> (line: Int, pass: PassToken?, signed: Bool, leaf: [UInt8], key: KeyBits?, problem: String?) in
                    // The exporter's exact form first; anything else (valid JSON in another form, rare) through the
                    // strict check and a decoder made only then.
                    let token: PassToken
                    if let exact = ExportedLine.pass(line.bytes, election: definition.id) {
                        token = exact
                    } else {
                        switch Self.strictLine(PassLine.self, line.bytes) {
                        case let .success(parsed): token = parsed.token(election: definition.id)
                        case let .failure(problem): return (line.line, nil, false, [], nil, problem.message)
                        }
                    }
                    // The signed bytes once, for both the signature and the leaf (the signed bytes + the signature).
                    let signedBytes = token.signedBytes
                    return (line.line, token, issuer.isValidSignature(token.signature, for: signedBytes),
                            MerkleHash.leaf(signedBytes + token.signature.bytes), KeyBits(token.pass), nil)
                }
            }, consume: { checked in
                // Counted once per batch, not per pass: each count is two lookups by the check's name.
                report.counted(Self.passes, checked.count)
                for (line, parsed, signed, leaf, key, problem) in checked {
                    guard let parsed, let key else {
                        report.fail(Self.passes, file: ElectionRecordFile.passes, line: line, "not a pass line {area, pass, signature}: \(problem ?? "unreadable")")
                        continue
                    }
                    if !signed { report.fail(Self.passes, file: ElectionRecordFile.passes, line: line, "the pass's signature is not the issuing key's") }
                    if let previous, !(previous < parsed.pass) {
                        report.fail(Self.passes, file: ElectionRecordFile.passes, line: line, "passes are not in strictly increasing order of public key (a duplicate or a reordering)")
                    }
                    if definition.contest(for: parsed.area) == nil {
                        report.fail(Self.passes, file: ElectionRecordFile.passes, line: line, "area \(parsed.area) has no contest")
                    }
                    previous = parsed.pass
                    let areaIndex = areaIndexes[parsed.area] ?? {
                        areaNames.append(parsed.area)
                        areaIndexes[parsed.area] = areaNames.count - 1
                        return areaNames.count - 1
                    }()
                    passAreas[key] = UInt32(clamping: areaIndex)
                    perArea[parsed.area, default: 0] += 1
                    log.append(leafHash: leaf)
                }
            })
        } catch {
            report.fail(Self.passes, file: ElectionRecordFile.passes, "cannot be read: \(error.localizedDescription)")
            return false
        }
        if log.root != commitment.root {
            report.fail(Self.passes, file: ElectionRecordFile.passes, "the Merkle root of the passes differs from the signed commitment's: passes were added, removed or changed")
        }
        // The areas as signed: each once, in ascending order (docs/record.md), each with a contest.
        for (previous, area) in zip(commitment.areas, commitment.areas.dropFirst())
        where !Array(previous.area.utf8).lexicographicallyPrecedes(Array(area.area.utf8)) {
            report.fail(Self.passes, file: ElectionRecordFile.commitment, "area \(area.area.prefix(80)) is listed after \(previous.area.prefix(80)): "
                + "the areas must be listed once each, in ascending order of code")
        }
        for area in commitment.areas where definition.contest(for: area.area) == nil {
            report.fail(Self.passes, file: ElectionRecordFile.commitment, "area \(area.area.prefix(80)) has no contest in the definition")
        }
        let committed = Dictionary(commitment.areas.map { ($0.area, $0.count) }) { first, _ in first }
        if committed != perArea || commitment.total != UInt64(log.size) {
            report.fail(Self.passes, file: ElectionRecordFile.commitment, "the counts per area (\(perArea.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))) differ from the commitment's")
        }
        return true
    }

    // MARK: - Kiosks

    mutating func checkKiosks() -> Bool {
        guard let index, let definition,
              let kiosks = read([KioskRegistration].self, ElectionRecordFile.kiosks, check: Self.kioskCheck) else { return false }
        var names = Set<String>()
        for kiosk in kiosks {
            report.counted(Self.kioskCheck)
            if !kiosk.isValid(issuer: index.issuingPublicKey) || kiosk.election != definition.id {
                report.fail(Self.kioskCheck, file: ElectionRecordFile.kiosks, "kiosk \(kiosk.name)'s registration is not signed by the issuing key for this election")
            }
            if !names.insert(kiosk.name).inserted {
                report.fail(Self.kioskCheck, file: ElectionRecordFile.kiosks, "kiosk \(kiosk.name) is listed twice")
            }
            if !RecordIndexCheck.isKioskName(kiosk.name) {
                report.fail(Self.kioskCheck, file: ElectionRecordFile.kiosks, "'\(kiosk.name.prefix(80))' is not a kiosk name (1 to 64 letters, digits, '-' and '_'): its files are not read")
            }
        }
        // A name that is no kiosk name could point a file path outside the record: such a kiosk's files are not read.
        self.kiosks = kiosks.filter { RecordIndexCheck.isKioskName($0.name) }
            .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        checkKioskFiles(index)
        return true
    }

    /// The index's per-kiosk files are those of registered kiosks, and every kiosk's ballots and checkpoints are
    /// listed: files no check would read cannot ride along under the index's signature.
    mutating func checkKioskFiles(_ index: RecordIndex) {
        let registered = Set(kiosks.map(\.name)), listed = Set(index.files.map(\.name))
        for file in index.files.map(\.name) {
            if let kiosk = RecordIndexCheck.kioskName(of: file), !registered.contains(kiosk) {
                report.fail(Self.files, file: ElectionRecordFile.index, "lists \(file), but kiosks.json registers no kiosk '\(kiosk)'")
            }
        }
        for kiosk in kiosks {
            for file in [ElectionRecordFile.ballots(kiosk: kiosk.name), ElectionRecordFile.checkpoints(kiosk: kiosk.name)] where !listed.contains(file) {
                report.fail(Self.files, file: ElectionRecordFile.index, "does not list \(file) of registered kiosk \(kiosk.name)")
            }
        }
    }
}
