import BenchSupport
import Buurtstem
import BuurtstemCrypto
import BuurtstemRecord
import BuurtstemVerifier
import Dispatch
import Foundation

// Verifies a synthetic election record of N ballots (default 1,000,000) and compares the rate with libsodium's raw
// Ed25519 verification on all cores, the physical limit. The record is generated first (passes, ballots at two
// kiosks, checkpoints, the signed result; format 2: v2 ballots and the election's pre-publication, also written to a
// separate folder as 'election publish' would); verification runs in a child process so its peak memory is its own,
// without a pin and pinned to that folder (`--pinned`), alternating ROUNDS times (default 2).
// Run: swift run -c release --package-path Benchmarks verify-bench [N] [ROUNDS]

/// This process's own peak resident memory (VmHWM). Not `ru_maxrss`: Linux carries that across exec, so a child
/// started by a big parent would report the parent's peak.
func peakMemoryMiB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--verify" {
    let folder = URL(fileURLWithPath: arguments[1])
    // Loading the pin is part of what a pinned verification costs, so it is timed too.
    var report: VerificationReport?
    let time = try seconds {
        let pin = try arguments.dropFirst(2).first.map { try PrePublicationPin.load(folder: URL(fileURLWithPath: $0)) }
        report = RecordVerifier(folder: folder, pin: pin).verify()
    }
    print("\(time)\t\(peakMemoryMiB())\t\(report!.passed)\t\(report!.checks.filter { !$0.passed }.map(\.name))")
    exit(0)
}

let ballots = arguments.first.flatMap(Int.init) ?? 1_000_000
let rounds = arguments.dropFirst().first.flatMap(Int.init) ?? 2
let base = FileManager.default.temporaryDirectory.appendingPathComponent("verify-bench-\(UUID().uuidString)")
let folder = base.appendingPathComponent("record"), prePublicationFolder = base.appendingPathComponent("prepublication")
try FileManager.default.createDirectory(at: folder.appendingPathComponent("ballots"), withIntermediateDirectories: true)
try FileManager.default.createDirectory(at: folder.appendingPathComponent("checkpoints"), withIntermediateDirectories: true)
try FileManager.default.createDirectory(at: prePublicationFolder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: base) }
let issuing = SigningKey()
let election = "bench"
let projects = (1...10).map { Project(id: "P\($0)", title: "Project \($0)", description: "A project", costCents: Int64($0) * 1_000_000, area: nil, category: nil) }
let definition = ElectionDefinition(
    id: election, title: "Benchmark", gemeente: "GM0014", registerSnapshot: 1, eligibility: .household, ballot: .approval(min: 1, max: 3),
    allocation: AllocationSpec(rule: .greedy, satisfaction: nil, completion: nil, tieBreak: .lexico),
    pollsOpenMillis: 0, pollsCloseMillis: Int64(ballots) * 1000 + 1000, contests: [Contest(area: "WK001401", budgetCents: 20_000_000, projects: projects)])
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]

FileHandle.standardError.write(Data("generating \(ballots) passes and ballots...\n".utf8))
let generation = try seconds {
    // Passes: key pairs from random secrets, tokens signed by the issuing key; published in key order.
    let keys = parallel(ballots) { _ in PassToken.passKey(secret: SecureRandom.bytes(count: 16)) }
    let tokens = parallel(ballots) { PassToken(election: election, area: "WK001401", pass: keys[$0].publicKey, issuingKey: issuing) }
    let order = tokens.indices.sorted { tokens[$0].pass < tokens[$1].pass }
    var passLog = MerkleLog()
    var passes = Data()
    for index in order {
        passLog.append(leafHash: tokens[index].leafHash)
        passes.append(try encoder.encode(PassLine(tokens[index])))
        passes.append(10)
    }
    try passes.write(to: folder.appendingPathComponent(ElectionRecordFile.passes))
    let commitment = IssuedPassCommitment(election: election, definitionHash: definition.hash, areas: [.init(area: "WK001401", count: UInt64(ballots))],
                                          root: passLog.root, issuingKey: issuing)
    // Ballots: every pass votes once, alternating between two kiosks; 1 to 3 projects each.
    let kioskKeys = ["bibliotheek": SigningKey(), "buurthuis": SigningKey()]
    let signed = parallel(ballots) { index -> Ballot in
        let kiosk = index % 2 == 0 ? "bibliotheek" : "buurthuis"
        // Canonical order: by project id as UTF-8 bytes ("P10" before "P2").
        let picks = Set((0..<(1 + index % 3)).map { "P\((index &* 7 &+ $0 &* 3) % 10 + 1)" }).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return Ballot(election: election, definitionHash: definition.hash, area: "WK001401", passKey: keys[index], choices: picks.map { Choice(project: $0, value: 1) },
                      kiosk: kiosk, sequence: UInt64(index / 2), timeMillis: Int64(index) * 1000)
    }
    var heads: [ElectionResult.LogHead] = []
    var counts = [UInt64](repeating: 0, count: 10)
    for kiosk in ["bibliotheek", "buurthuis"] {
        var log = MerkleLog()
        var lines = Data()
        for ballot in signed where ballot.kiosk == kiosk {
            log.append(leafHash: ballot.leafHash)
            lines.append(try encoder.encode(BallotLine(ballot)))
            lines.append(10)
            for choice in ballot.choices { counts[Int(choice.project.dropFirst())! - 1] += 1 }
        }
        try lines.write(to: folder.appendingPathComponent(ElectionRecordFile.ballots(kiosk: kiosk)))
        // The final checkpoint is made at the close: after every ballot of the log (the verifier refuses a ballot
        // dated after it).
        let checkpoint = Checkpoint(logId: "election/\(election)/kiosk/\(kiosk)", size: UInt64(log.size), root: log.root,
                                    timeMillis: Int64(ballots) * 1000, signedBy: kioskKeys[kiosk]!)
        try encoder.encode([checkpoint]).write(to: folder.appendingPathComponent(ElectionRecordFile.checkpoints(kiosk: kiosk)))
        heads.append(.init(kiosk: kiosk, size: UInt64(log.size), root: log.root))
    }
    // The allocation: greedy by votes with the engine (the verifier recomputes it its own way).
    let input = try AllocationInput(projects: projects.map { AllocationProject(id: $0.id, cost: $0.costCents) }, budget: 20_000_000, moneyScale: 2,
                                    kind: .approval, ballots: signed.map { $0.choices.map { (project: Int($0.project.dropFirst())! - 1, points: 1) } })
    let funded = Set(try Allocator.allocate(input, options: AllocationOptions(rule: .greedy)).selected)
    let contest = ElectionResult.ContestResult(
        area: "WK001401", passesIssued: UInt64(ballots), ballotsCounted: UInt64(ballots),
        projects: projects.indices.map { .init(id: projects[$0].id, ballots: counts[$0], points: counts[$0], funded: funded.contains($0)) },
        fundedCostCents: funded.reduce(0) { $0 + projects[$1].costCents })
    let result = ElectionResult(election: election, definitionHash: definition.hash, issuedRoot: commitment.root, logs: heads, voids: [],
                                contests: [contest], issuingKey: issuing)
    let registrations = ["bibliotheek", "buurthuis"].map { KioskRegistration(election: election, name: $0, kiosk: kioskKeys[$0]!.publicKey, issuingKey: issuing) }
    try encoder.encode(DefinitionFile(definition: definition, manifestSignature: issuing.signature(for: definition.canonicalBytes)))
        .write(to: folder.appendingPathComponent(ElectionRecordFile.definition))
    try encoder.encode(commitment).write(to: folder.appendingPathComponent(ElectionRecordFile.commitment))
    try encoder.encode(registrations).write(to: folder.appendingPathComponent(ElectionRecordFile.kiosks))
    try encoder.encode(result).write(to: folder.appendingPathComponent(ElectionRecordFile.result))
    // The pre-publication, made "before the polls opened": in the record, and with the files it fixes in its own folder.
    let prePublication = PrePublication(
        election: election, gemeente: "GM0014", definitionHash: definition.hash, total: UInt64(ballots), root: commitment.root,
        areas: [.init(area: "WK001401", eligible: UInt64(ballots), issued: UInt64(ballots))],
        kiosks: registrations.map { .init(name: $0.name, publicKey: $0.kiosk) }, publishedAtMillis: 0, issuingKey: issuing)
    try encoder.encode(prePublication).write(to: folder.appendingPathComponent(ElectionRecordFile.prePublication))
    for name in [ElectionRecordFile.prePublication, ElectionRecordFile.definition, ElectionRecordFile.commitment, ElectionRecordFile.passes, ElectionRecordFile.kiosks] {
        try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: prePublicationFolder.appendingPathComponent(name))
    }
    let names = [ElectionRecordFile.definition, ElectionRecordFile.commitment, ElectionRecordFile.passes, ElectionRecordFile.kiosks, ElectionRecordFile.result,
                 ElectionRecordFile.prePublication]
        + ["bibliotheek", "buurthuis"].flatMap { [ElectionRecordFile.ballots(kiosk: $0), ElectionRecordFile.checkpoints(kiosk: $0)] }
    let digests = try names.map { RecordIndex.FileDigest(name: $0, sha256: SHA.sha256([UInt8](try Data(contentsOf: folder.appendingPathComponent($0))))) }
    try encoder.encode(RecordIndex(format: RecordIndex.formatNameBound, kind: "election", election: election, gemeente: "GM0014", gemeenteName: "Benchmark",
                                   files: digests, issuingKey: issuing))
        .write(to: folder.appendingPathComponent(ElectionRecordFile.index))
}

// The physical limit: libsodium verifying the same number of Ed25519 signatures on all cores.
let message = [UInt8](repeating: 7, count: 160)
let samples = (0..<1024).map { _ in SigningKey() }.map { ($0.publicKey, $0.signature(for: message)) }
let rawSeconds = seconds {
    _ = parallel(ballots) { samples[$0 % samples.count].0.isValidSignature(samples[$0 % samples.count].1, for: message) }
}

/// One verification in a child process (pinned to the pre-publication folder when `pinned`): seconds, peak memory, verdict.
func verifyInChild(pinned: Bool) throws -> (seconds: Double, memory: Double, verdict: String) {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = ["--verify", folder.path] + (pinned ? [prePublicationFolder.path] : [])
    let pipe = Pipe()
    child.standardOutput = pipe
    try child.run()
    child.waitUntilExit()
    let fields = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t")
    return (Double(fields[0])!, Double(fields[1])!, fields[2] == "true" ? "pass" : "FAIL \(fields.dropFirst(3).joined())")
}

// Without and with the pin, alternating, so both see the same machine.
var runs: [(pinned: Bool, seconds: Double, memory: Double, verdict: String)] = []
for round in 0..<rounds {
    for pinned in round % 2 == 0 ? [false, true] : [true, false] {
        let run = try verifyInChild(pinned: pinned)
        FileHandle.standardError.write(Data("\(pinned ? "pinned" : "unpinned"): \(run.seconds) s, \(run.verdict)\n".utf8))
        runs.append((pinned, run.seconds, run.memory, run.verdict))
    }
}
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
let cores = ProcessInfo.processInfo.activeProcessorCount
let recordBytes = (try FileManager.default.subpathsOfDirectory(atPath: folder.path))
    .compactMap { try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent($0).path)[.size] as? Int }.reduce(0, +)

print("| what | signatures | seconds | per second | note |")
print("|---|---:|---:|---:|---|")
for run in runs {
    print(String(format: "| buurtstem-verify%@, whole record (passes + ballots + logs + recount + allocation) | %d + %d | %.1f | %.0f ballots/s | signatures at %.0f%% of the raw rate; peak memory %.0f MiB; record %.0f MiB; verdict %@ |",
                 run.pinned ? " --pinned" : "", ballots, ballots, run.seconds, Double(ballots) / run.seconds,
                 100 * (2 * Double(ballots) / run.seconds) / (Double(ballots) / rawSeconds), run.memory, Double(recordBytes) / 1_048_576, run.verdict))
}
print(String(format: "| raw libsodium Ed25519 verify, %d cores | %d | %.1f | %.0f | the physical limit |", cores, ballots, rawSeconds, Double(ballots) / rawSeconds))
let unpinned = median(runs.filter { !$0.pinned }.map(\.seconds)), pinned = median(runs.filter(\.pinned).map(\.seconds))
print(String(format: "\nmedian without a pin %.2f s, pinned %.2f s: pinned costs %+.1f%%", unpinned, pinned, 100 * (pinned - unpinned) / unpinned))
print(String(format: "(record generated in %.1f s; the verifier checks 2 signatures per ballot: its pass token and the ballot)", generation))
