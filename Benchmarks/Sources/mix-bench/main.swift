import BenchSupport
import BuurtstemCrypto
import Dispatch
import Foundation

// Mixes N encrypted ballots (default 100,000, width 1) by two shuffle stages, each with its Terelius–Wikström
// proof, verifies both proofs, and compares the verifier's rate of group exponentiations with libsodium's raw
// ristretto255 scalar multiplication measured in the same run (one thread, and times the cores).
// Run: swift run -c release --package-path Benchmarks mix-bench [N] [--width W]

/// N and w from the command line: `[N] [--width W]`.
func parseArguments() -> (ballots: Int, width: Int) {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var width = 1
    if let flag = arguments.firstIndex(of: "--width") {
        guard flag + 1 < arguments.count, let value = Int(arguments[flag + 1]), value >= 1 else {
            FileHandle.standardError.write(Data("usage: mix-bench [N] [--width W]\n".utf8))
            exit(64)
        }
        width = value
        arguments.removeSubrange(flag...(flag + 1))
    }
    return (arguments.first.flatMap(Int.init) ?? 100_000, width)
}
let (ballots, width) = parseArguments()
let cores = ProcessInfo.processInfo.activeProcessorCount
typealias Point = Ristretto255.Point
typealias Scalar = Ristretto255.Scalar

// The physical limit: libsodium's variable-base scalar multiplication (crypto_scalarmult_ristretto255), one thread
// and all cores, on the same random points and scalars. Fixed-base multiplication and addition for reference.
let samples = 20_000
let scalars = (0..<1024).map { _ in Scalar.random() }
let points = scalars.map { Point.base($0 * $0) }
var sink = Point.generator
let rawSingle = Double(samples) / seconds {
    for index in 0..<samples { sink = scalars[index % 1024] * points[(index * 7) % 1024] }
}
let rawAll = Double(2 * samples) / seconds {
    _ = parallel(2 * samples) { scalars[$0 % 1024] * points[($0 * 7) % 1024] }
}
let baseSingle = Double(samples) / seconds {
    for index in 0..<samples { sink = Point.base(scalars[index % 1024]) }
}
let addSingle = Double(samples) / seconds {
    for index in 0..<samples { sink = points[index % 1024] + points[(index * 7) % 1024] }
}
print("# mix-bench: \(ballots) ballots of width \(width), \(cores) cores")
print("")
print(String(format: "raw crypto_scalarmult_ristretto255: %.0f/s on one thread, %.0f/s on %d threads (%.0f%% of %d x one thread)",
             rawSingle, rawAll, cores, 100 * rawAll / (rawSingle * Double(cores)), cores))
print(String(format: "for reference: crypto_scalarmult_ristretto255_base %.0f/s, crypto_core_ristretto255_add %.0f/s (one thread)",
             baseSingle, addSingle))
print("")

// The election key and N ballots of `width` random points, encrypted on all cores (2 exponentiations each, plus one
// fixed-base multiplication for the random plaintext).
let secretKey = Scalar.random()
let publicKey = Point.base(secretKey)
var inputs: [[ElGamalCiphertext]] = []
let encryption = seconds {
    inputs = parallel(ballots) { _ in
        (0..<width).map { _ in
            ElGamalCiphertext.encrypt(.base(.random()), publicKey: publicKey, randomness: .random())
        }
    }
}

struct Phase {
    let name: String
    let seconds: Double
    let exponentiations: Int
}
var phases = [Phase(name: "encrypt", seconds: encryption, exponentiations: 3 * width * ballots)]

/// Runs `body` as a phase, counting the mix's exponentiations.
@MainActor func phase<R>(_ name: String, _ body: () throws -> R) rethrows -> R {
    let before = MixOperationCounter.exponentiations
    var result: R?
    let time = try seconds { result = try body() }
    phases.append(Phase(name: name, seconds: time, exponentiations: MixOperationCounter.exponentiations - before))
    FileHandle.standardError.write(Data(String(format: "%@: %.2f s\n", name, time).utf8))
    return result!
}

var stages: [(ShuffleStatement, ShuffleProof)] = []
var current = inputs
for stage in 1...2 {
    let context = Array("mix-bench/stage/\(stage)".utf8)
    let rows = current
    let shuffle = try phase("stage \(stage) shuffle") { try Shuffle.random(inputs: rows, publicKey: publicKey) }
    let proof = try phase("stage \(stage) prove") {
        try ShuffleProof.prove(shuffle, inputs: rows, publicKey: publicKey, context: context)
    }
    stages.append((ShuffleStatement(publicKey: publicKey, context: context, inputs: rows, outputs: shuffle.outputs), proof))
    current = shuffle.outputs
}
var verifierSeconds = 0.0
var verifierExponentiations = 0
for (index, (statement, proof)) in stages.enumerated() {
    try phase("stage \(index + 1) verify") { try proof.verify(statement) }
    verifierSeconds += phases.last!.seconds
    verifierExponentiations += phases.last!.exponentiations
}
// A spot check that the mix kept the plaintexts: the multiset of the first component's plaintexts is unchanged.
let before = inputs.map { $0[0].decrypted(secretKey: secretKey).description }.sorted()
let after = current.map { $0[0].decrypted(secretKey: secretKey).description }.sorted()
guard before == after else { fatalError("the two stages changed the plaintexts") }

print("| phase | time (s) | exponentiations | per second |")
print("|---|---:|---:|---:|")
for phase in phases {
    print(String(format: "| %@ | %.2f | %d | %.0f |", phase.name, phase.seconds, phase.exponentiations,
                 Double(phase.exponentiations) / phase.seconds))
}
let total = phases.dropFirst().reduce(0) { $0 + $1.seconds }
print(String(format: "| two stages mixed, proved and verified | %.2f | %d | |", total,
             phases.dropFirst().reduce(0) { $0 + $1.exponentiations }))
print("")
let verifierRate = Double(verifierExponentiations) / verifierSeconds
print(String(format: "verifier: %.0f exponentiations/s = %.0f%% of raw x cores (%.0f/s x %d)",
             verifierRate, 100 * verifierRate / (rawSingle * Double(cores)), rawSingle, cores))
_ = sink
