import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import GRDB

/// `buurtstem mix`: one re-encryption mix stage of a closed secret election (docs/record.md, "Secret elections:
/// the record"). Stage 1 shuffles the counted ballots of each contest area (the first of each pass, those whose
/// proof holds; the others are counted as invalid, never dropped silently); stage k shuffles stage k − 1's output.
/// Each shuffle carries a Terelius–Wikström proof whose context binds the election, the definition hash, the
/// stage and the area. Whoever runs a stage learns its permutation; one honest stage hides every link.
public enum SecretMix {
    /// Runs the next stage, stores it, and returns it.
    public static func run(election electionId: String, store: Store) throws -> MixStageFile {
        let election = try SecretElection(electionId, store: store)
        try election.requireClosed("the mix")
        let previous = try election.stages()
        if try !election.decoded().isEmpty {
            throw BuurtstemError(.wrongState, "the ballots of '\(electionId)' are already decrypted; a further mix stage would not be counted")
        }
        let inputs: [String: [[ElGamalCiphertext]]]
        if let last = previous.last {
            inputs = Dictionary(uniqueKeysWithValues: last.areas.map { ($0.area, $0.outputs) })
        } else {
            inputs = try election.mixInputs()
        }
        guard !inputs.isEmpty else { throw BuurtstemError(.notFound, "'\(electionId)' has no valid counted ballot to mix") }
        let stage = (previous.last?.stage ?? 0) + 1
        let hash = election.definition.hash
        var areas: [MixStageFile.AreaShuffle] = []
        for area in inputs.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let rows = inputs[area]!
            let context = MixStageFile.context(election: electionId, definitionHash: hash, stage: stage, area: area)
            let shuffle = try Shuffle.random(inputs: rows, publicKey: election.secret.publicKey)
            let proof = try ShuffleProof.prove(shuffle, inputs: rows, publicKey: election.secret.publicKey, context: context)
            areas.append(MixStageFile.AreaShuffle(area: area, outputs: shuffle.outputs, proof: proof))
        }
        let file = MixStageFile(election: electionId, definitionHash: hash, stage: stage, areas: areas)
        try store.write { db in
            let stored = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(stage), 0) FROM mixStage WHERE electionId = ?", arguments: [electionId]) ?? 0
            guard stored == stage - 1 else { throw BuurtstemError(.conflict, "another mix of '\(electionId)' ran meanwhile; mix again") }
            for area in areas {
                try db.execute(sql: "INSERT INTO mixStage (electionId, stage, area, outputs, proof) VALUES (?, ?, ?, ?, ?)",
                               arguments: [electionId, stage, area.area, Data(area.outputs.flatMap { $0.flatMap(\.bytes) }), area.proof.json()])
            }
        }
        return file
    }

    /// Checks every stored stage's proofs against its inputs; returns the failures, each naming the stage, the area
    /// and the failing equations (empty when all hold).
    public static func verify(election electionId: String, store: Store) throws -> [String] {
        let election = try SecretElection(electionId, store: store)
        var inputs = try election.mixInputs()
        var failures: [String] = []
        for stage in try election.stages() {
            for area in stage.areas {
                let context = MixStageFile.context(election: electionId, definitionHash: election.definition.hash, stage: stage.stage, area: area.area)
                do {
                    try area.proof.verify(ShuffleStatement(publicKey: election.secret.publicKey, context: context,
                                                           inputs: inputs[area.area] ?? [], outputs: area.outputs))
                } catch {
                    failures.append("mix stage \(stage.stage), area \(area.area): \(error)")
                }
                inputs[area.area] = area.outputs
            }
        }
        return failures
    }
}
