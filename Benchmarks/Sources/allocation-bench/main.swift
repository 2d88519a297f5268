import Buurtstem
import Foundation

// Times every reference rule key on the largest shared Pabulib instances and prints a Markdown table.
// Each instance runs in its own child process so that its peak memory (VmHWM) is its own.

let instances = [
    "Poland_Wroclaw_2015_150_-_500", "Poland_Lodz_2024", "Poland_Krakow_2024", "Poland_Poznan_2025_large",
    "Poland_Warszawa_2020_Praga-Poludnie", "Netherlands_Amsterdam_309", "Netherlands_Amsterdam_621",
]
let repetitions = 5

let shared = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/pabulib")

struct Expected: Decodable {
    struct Outcome: Decodable {
        let flags: [String]
        let seconds: Double?
        let timeout: Bool?
    }
    let num_votes: Int
    let num_projects: Int
    let outcomes: [String: Outcome]
}

/// This process's own peak resident memory (VmHWM). Not `ru_maxrss`: Linux carries that across exec, so a child
/// would also report its parent's peak.
func peakMemoryMiB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The options of a reference outcome's `flags` (`--rule X --satisfaction Y --completion Z --tie-break W`, the only
/// flags the reference files use), typed. The benchmark times the rule call alone, so it cannot run `buurtstem
/// allocate`; the tests check these flags through the command itself (AllocationParityTests).
func referenceOptions(_ flags: [String]) throws -> AllocationOptions {
    struct Unreadable: Error, CustomStringConvertible { let description: String }
    var values: [String: String] = [:]
    for pair in stride(from: 0, to: flags.count - 1, by: 2) { values[flags[pair]] = flags[pair + 1] }
    guard flags.count % 2 == 0, Set(values.keys).isSubset(of: ["--rule", "--satisfaction", "--completion", "--tie-break"]),
          let rule = values["--rule"].flatMap(AllocationRule.init(rawValue:)) else {
        throw Unreadable(description: "flags \(flags) are not a rule with its settings")
    }
    var options = AllocationOptions(rule: rule)
    if let text = values["--satisfaction"] {
        guard let satisfaction = Satisfaction(rawValue: text) else { throw Unreadable(description: "satisfaction \(text)") }
        options.satisfaction = satisfaction
    }
    if let text = values["--completion"] {
        guard let completion = Completion(rawValue: text) else { throw Unreadable(description: "completion \(text)") }
        options.completion = completion
    }
    switch values["--tie-break"] ?? "lexico" {
    case "lexico": options.tieBreak = .lexico
    case "cost-votes": options.tieBreak = .costVotes
    case let other: throw Unreadable(description: "tie-break \(other)")
    }
    return options
}

/// Child mode: benchmark one instance and print one tab-separated line per key.
func benchmark(_ name: String) throws {
    let instance = try PabulibReader().read(contentsOf: shared.appendingPathComponent("instances/\(name).pb").path)
    let election = try instance.allocationInput(file: name)
    let data = try Data(contentsOf: shared.appendingPathComponent("expected/\(name).json"))
    let expected = try JSONDecoder().decode(Expected.self, from: data)
    for (key, outcome) in expected.outcomes.sorted(by: { $0.key < $1.key }) {
        let options = try referenceOptions(outcome.flags)
        var times: [Double] = []
        for _ in 0..<repetitions {
            times.append(try seconds { _ = try Allocator.allocate(election, options: options) })
        }
        let reference = outcome.timeout == true ? -1 : (outcome.seconds ?? -1)
        print([name, key, String(median(times)), String(reference), String(peakMemoryMiB()),
               String(expected.num_votes), String(expected.num_projects)].joined(separator: "\t"))
    }
}

func format(_ seconds: Double) -> String {
    seconds >= 1 ? String(format: "%.2f s", seconds) : String(format: "%.2f ms", seconds * 1000)
}

let arguments = CommandLine.arguments
if arguments.count == 3, arguments[1] == "--instance" {
    do {
        try benchmark(arguments[2])
    } catch {
        FileHandle.standardError.write(Data("\(arguments[2]): \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

guard FileManager.default.fileExists(atPath: shared.appendingPathComponent("instances").path) else {
    print("Skipped: \(shared.path) is absent; the benchmark needs the shared Pabulib instances beside the package.")
    exit(0)
}

print("| instance | voters | projects | key | ours (median of \(repetitions)) | peak memory | pabutools / checker | speed-up |")
print("|---|---:|---:|---|---:|---:|---:|---:|")
for name in instances {
    guard FileManager.default.fileExists(atPath: shared.appendingPathComponent("instances/\(name).pb").path) else {
        print("| \(name) | | | skipped: instance absent | | | | |")
        continue
    }
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = ["--instance", name]
    let pipe = Pipe()
    child.standardOutput = pipe
    try child.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    child.waitUntilExit()
    guard child.terminationStatus == 0 else {
        print("| \(name) | | | failed (exit \(child.terminationStatus)) | | | | |")
        continue
    }
    for line in output.split(separator: "\n") {
        let f = line.split(separator: "\t").map(String.init)
        let ours = Double(f[2])!, reference = Double(f[3])!, memory = Double(f[4])!
        let referenceText = reference < 0 ? "timeout" : String(format: "%.2f s", reference)
        let speedup = reference > 0 ? String(format: "%.0fx", reference / ours) : "n/a"
        print("| \(f[0]) | \(f[5]) | \(f[6]) | `\(f[1])` | \(format(ours)) | \(String(format: "%.0f MiB", memory)) | \(referenceText) | \(speedup) |")
    }
}
