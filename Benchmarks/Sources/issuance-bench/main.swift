import Buurtstem
import BuurtstemCrypto
import BuurtstemDemo
import Dispatch
import Foundation

// Issues stempassen and Ede-style cheques for a synthetic gemeente of N households (default 500,000), both with
// addresses and print output, and compares with the physical limit: deriving a key pair and signing a token with
// raw libsodium on all cores.
// Run: swift run -c release --package-path Benchmarks issuance-bench [N]

let households = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 500_000

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("issuance-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let database = folder.appendingPathComponent("bench.sqlite").path
let passphrase = "benchmark passphrase"
_ = try Gemeente.initialise(name: "Groningen", code: "GM0014", databasePath: database,
                            keyPath: folder.appendingPathComponent("issuing.key").path, passphrase: passphrase)
let store = try Store.open(path: database)
let synthetic = SyntheticGemeente(households: households)
_ = try AreaImport.run(Array(synthetic.areasCSV.utf8), file: "areas.csv", into: store)
let registerBytes = Array(synthetic.householdsCSV.utf8)
let importSeconds = try seconds { _ = try RegisterImport.run(registerBytes, file: "households.csv", eligibleAge: 16, into: store) }
let issuingKey = try KeyFile.unseal(folder.appendingPathComponent("issuing.key").path,
                                    passphrase: Passphrase(environment: ["BUURTSTEM_PASSPHRASE": passphrase], interactive: false))

// One contest per wijk, so every household gets a pass.
var definition = """
id: bench
title: Benchmark
gemeente: GM0014
eligibility: household
polls:
  open: 2030-01-01T09:00:00+01:00
  close: 2030-01-01T20:00:00+01:00
ballot:
  type: approval
  min: 1
  max: 3
allocation:
  rule: greedy
  tie_break: lexico
contests:

"""
for wijk in 1...15 {
    let code = "WK0014" + (wijk < 10 ? "0\(wijk)" : "\(wijk)")
    definition += "  - area: \(code)\n    budget: 100000\n    projects:\n      - id: P\(wijk)\n        title: Project\n        description: Project\n        cost: 1000\n"
}
_ = try Election.create(try ElectionFile.parse(definition, file: "bench.yaml", store: store), issuingKey: issuingKey, in: store)
let addresses = try AddressBook(registerBytes, file: "households.csv", snapshot: try store.registerSnapshot(nil))

var summary: StempasIssuance.Summary?
let issueSeconds = try seconds {
    summary = try StempasIssuance.issue(election: "bench", store: store, issuingKey: issuingKey, addresses: addresses,
                                        printFolder: folder.appendingPathComponent("print"))
}
let issued = Int(summary!.total)

// A cheque round over the same register: one cheque per household.
_ = try ChequeRound.create(in: store, id: "bench", valueCents: 750, issueDate: "2030-03-01", validUntil: "2030-06-30", scope: .buurt, snapshot: nil)
var cheques = 0
let chequeSeconds = try seconds {
    cheques = try ChequeIssuer.issue(
        round: "bench", in: store, issuingKey: issuingKey,
        ledgerKey: .init(path: folder.appendingPathComponent("ledger.key").path, passphrase: passphrase),
        printTo: folder.appendingPathComponent("print-cheques"), addresses: .init(bytes: registerBytes, name: "households.csv")).cheques
}

// The physical limit: derive the pass key and sign its token, nothing else, on all cores.
let cores = ProcessInfo.processInfo.activeProcessorCount
let rawSeconds = seconds {
    DispatchQueue.concurrentPerform(iterations: cores) { worker in
        let count = issued / cores + (worker < issued % cores ? 1 : 0)
        for _ in 0..<count {
            let secret = SecureRandom.bytes(count: 16)
            let key = SigningKey(derivingFrom: secret, domain: "buurtstem/stempas-key/v1")
            _ = issuingKey.signature(for: key.publicKey.bytes)
        }
    }
}
let printBytes = (try? FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("print").path))?
    .compactMap { try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("print/\($0)").path)[.size] as? Int }
    .reduce(0, +) ?? 0

print("| what | passes | seconds | passes/s | note |")
print("|---|---:|---:|---:|---|")
print(String(format: "| stempas issue (store, commitment, print output with QR) | %d | %.1f | %.0f | print output %.0f MiB |",
             issued, issueSeconds, Double(issued) / issueSeconds, Double(printBytes) / 1_048_576))
print(String(format: "| cheques issue (hashes, signed issued set, print output with QR) | %d | %.1f | %.0f | |",
             cheques, chequeSeconds, Double(cheques) / chequeSeconds))
print(String(format: "| raw libsodium: derive key + sign token, %d cores | %d | %.1f | %.0f | the physical limit |",
             cores, issued, rawSeconds, Double(issued) / rawSeconds))
print(String(format: "| register import (for reference) | %d households | %.1f | %.0f | one transaction |",
             households, importSeconds, Double(households) / importSeconds))
print(String(format: "\npeak memory: %.0f MiB", peakMemoryMiB()))
