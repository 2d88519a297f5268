import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// Issue 16: the checks of a secret election's record (format 3; docs/record.md, "Secret elections: the record"):
/// the election key, the mix's input and every stage's shuffle proof, the trustees' decryption shares, and the
/// decoded ballots as the verifier's own combination of the shares decoded. The counts and the allocation are then
/// recomputed from the valid decoded ballots.
extension Run {
    /// Declares a secret election's checks, in the order they run.
    func declareSecretChecks() {
        report.declare(Self.ballotProofs, "every v3 ballot has the definition's w ciphertexts and its proof of knowledge of the randomness holds with the context definition hash ‖ pass key")
        report.declare(Self.logs, "every log is gapless, matches its final checkpoint, and every checkpoint is signed and consistent")
        report.declare(Self.voids, "a pass counts once: the first ballot by (its checkpoint's time, kiosk, sequence); the others, and every ballot of a pass revoked at the desk, are the listed voids")
        report.declare(Self.electionKey, "election-key.json is the file the definition names (its SHA-256) and its Y, t and n are the definition's")
        report.declare(Self.mixShuffles, "every mix stage's shuffle proof holds against its input: stage 1 the valid counted ballots of each area in (kiosk, sequence) order, stage K stage K − 1's output")
        report.declare(Self.decryptionShares, "every trustee's decryption share of the last stage's output proves (Chaum–Pedersen) that it used the key share of its verification key; each area has t valid shares")
        report.declare(Self.decodedBallots, "decoded.jsonl is exactly the combination of the t valid shares of the lowest trustee indices, decoded: every valid ballot and every problem, none dropped")
        report.declare(Self.counts, "the counts per contest and project follow from the valid decoded ballots (ballots_counted = valid decoded ballots)")
        report.declare(Self.resultCheck, "the result is signed by the issuing key")
        report.declare(Self.allocationName, "the funded projects follow from the valid decoded ballots by the published rule, recomputed by the verifier's own implementation")
    }

    /// The definition's secrecy against the record's format: a format 3 record's definition is secret (v4) with the
    /// width its contests give; a public record's is not. Returns false when the secret ballots cannot be read.
    mutating func checkSecretDefinition(_ definition: ElectionDefinition, index: RecordIndex) -> Bool {
        let file = ElectionRecordFile.definition
        guard index.format == RecordIndex.formatNameSecret else {
            if definition.secretBallot != nil {
                report.fail(Self.definitionCheck, file: file, "the definition is of a secret election (secret_ballot), but the record is of format \(index.format), "
                    + "which publishes every ballot per pass: a secret election's record is of format \(RecordIndex.formatNameSecret)")
            }
            return true
        }
        guard let ballot = definition.secretBallot else {
            report.fail(Self.definitionCheck, file: file, "the record is of format \(index.format) (a secret election), but the definition has no secret_ballot: "
                + "its ballots cannot be read; a public election's record is of format \(RecordIndex.formatNameBound)")
            return false
        }
        let width = SecretBallot.width(ballot: definition.ballot, contests: definition.contests)
        guard ballot.width == width else {
            report.fail(Self.definitionCheck, file: file, "secret_ballot.width is \(ballot.width), but the longest ballot of the contests needs \(width) point(s): "
                + "the engine never signs such a definition")
            return false
        }
        if !(1...TrusteeCeremonyFile.maximumTrustees).contains(ballot.trustees) || !(1...ballot.trustees).contains(ballot.threshold) {
            report.fail(Self.definitionCheck, file: file, "secret_ballot says \(ballot.threshold) of \(ballot.trustees) trustees, "
                + "which no key ceremony makes (1 ≤ t ≤ n ≤ \(TrusteeCeremonyFile.maximumTrustees))")
        }
        secret = SecretRunState(ballot: ballot)
        return true
    }

    /// Runs the secret election's own checks after the ballots were read.
    mutating func checkSecretElection() {
        checkElectionKey()
        let inputs = mixInputs()
        let last = checkMix(inputs: inputs)
        guard let plaintexts = checkDecryption(last) else {
            report.notRun(Self.decodedBallots, countsUnavailable ?? "the decryption could not be recomputed")
            return
        }
        let decoded = decode(plaintexts)
        checkDecoded(decoded)
        // The counts: every valid decoded ballot, by (area, choices).
        ballotKinds = []
        ballotKindIndex = [:]
        var perKind: [Int] = []
        for row in decoded.rows {
            guard let choices = row.choices else { continue }
            let kind = BallotKind(area: row.area, choices: choices)
            if let known = ballotKindIndex[kind] {
                perKind[Int(known)] += 1
            } else {
                ballotKindIndex[kind] = Int32(ballotKinds.count)
                ballotKinds.append(kind)
                perKind.append(1)
            }
        }
        count(perKind: perKind)
    }

    // MARK: - The election key

    /// `election-key.json` against the definition: its SHA-256 is the definition's `election_key_sha256`, and its
    /// election, Y, t and n are the definition's. Only then are its verification keys used.
    mutating func checkElectionKey() {
        guard let secret, let definition else { return }
        let name = ElectionRecordFile.electionKey
        report.counted(Self.electionKey)
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url(name)))
        } catch {
            report.fail(Self.electionKey, file: name, "cannot be read: \(error.localizedDescription)")
            return
        }
        guard SHA.sha256(bytes) == secret.ballot.electionKeySHA256 else {
            report.fail(Self.electionKey, file: name, "its SHA-256 \(Hex.encode(SHA.sha256(bytes)).prefix(16))... is not the election_key_sha256 the signed definition names "
                + "(\(Hex.encode(secret.ballot.electionKeySHA256).prefix(16))...): this is another election key file, so the decryption cannot be checked against it")
            return
        }
        let file: ElectionKeyFile
        do {
            file = try TrusteeFileJSON.decode(ElectionKeyFile.self, from: bytes, file: name)
        } catch {
            report.fail(Self.electionKey, file: name, "cannot be read: \(error)")
            return
        }
        let key = file.key
        var agrees = true
        if key.publicKey != secret.ballot.publicKey {
            report.fail(Self.electionKey, file: name, "its public_key is not the definition's secret_ballot.public_key: the ballots were encrypted under another key")
            agrees = false
        }
        if key.threshold != secret.ballot.threshold || key.trusteeCount != secret.ballot.trustees {
            report.fail(Self.electionKey, file: name, "says \(key.threshold) of \(key.trusteeCount) trustees, the definition \(secret.ballot.threshold) of \(secret.ballot.trustees)")
            agrees = false
        }
        if file.election != definition.id {
            report.fail(Self.electionKey, file: name, "is the key of election '\(file.election.prefix(100))', not '\(definition.id)'")
        }
        if agrees { self.secret?.key = key }
    }

    // MARK: - The mix

    /// Stage 1's input per area: the counted ballots (the first of each pass) in order of (kiosk name as UTF-8
    /// bytes, sequence), those that are valid; an area without one has no shuffle.
    func mixInputs() -> [String: [[ElGamalCiphertext]]] {
        guard let secret else { return [:] }
        let counted = firstUse.values.map { secret.casts[Int($0.kind)] }
            .sorted { ($0.kiosk, $0.sequence) < ($1.kiosk, $1.sequence) }
        var inputs: [String: [[ElGamalCiphertext]]] = [:]
        for cast in counted where cast.valid { inputs[cast.area, default: []].append(cast.ciphertexts) }
        return inputs
    }

    /// Every listed stage's shuffle proof against its input. Returns the last stage's number and its output rows
    /// per area (in area order), or nil when there is no stage to decrypt.
    mutating func checkMix(inputs: [String: [[ElGamalCiphertext]]]) -> (stage: Int, areas: [(area: String, rows: [[ElGamalCiphertext]])])? {
        guard let index, let definition, let secret else { return nil }
        let stages = index.files.compactMap { RecordIndexCheck.mixStage(of: $0.name) }.sorted()
        report.counted(Self.mixShuffles, 0)
        let areas = inputs.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard !stages.isEmpty else {
            if !areas.isEmpty {
                report.fail(Self.mixShuffles, file: ElectionRecordFile.index, "the record has no mix stage (mix/stage-1.json): its \(inputs.values.map(\.count).reduce(0, +)) valid counted ballot(s) were never mixed")
            }
            return nil
        }
        if stages != Array(1...stages.count) {
            report.fail(Self.mixShuffles, file: ElectionRecordFile.index, "the mix stages listed are \(stages.map(String.init).joined(separator: ", ")), not 1, 2, … without a gap: "
                + "each stage shuffles the one before")
            return nil
        }
        var current = inputs
        var last: [(area: String, rows: [[ElGamalCiphertext]])] = []
        for stage in stages {
            let name = ElectionRecordFile.mixStage(stage)
            guard let file = read(MixStageFile.self, name, check: Self.mixShuffles) else { return nil }
            if file.election != definition.id || file.definitionHash != definition.hash || file.stage != stage {
                report.fail(Self.mixShuffles, file: name, "is stage \(file.stage) of election '\(file.election.prefix(100))' under another definition or number, "
                    + "not stage \(stage) of '\(definition.id)' under this definition")
            }
            if file.areas.map(\.area) != areas {
                report.fail(Self.mixShuffles, file: name, "shuffles the areas \(file.areas.map(\.area).joined(separator: ", ")), but the areas with valid counted ballots are "
                    + "\(areas.joined(separator: ", ")) (each once, by code)")
            }
            last = []
            for shuffle in file.areas {
                report.counted(Self.mixShuffles)
                let rows = current[shuffle.area] ?? []
                let place = "stage \(stage), area \(shuffle.area.prefix(100))"
                if rows.count > Int(UInt32.max) || shuffle.outputs.count != rows.count {
                    report.fail(Self.mixShuffles, file: name, "\(place): \(shuffle.outputs.count) output rows for \(rows.count) input rows: a shuffle neither adds nor drops a ballot")
                } else if !rows.isEmpty {
                    let context = MixStageFile.context(election: definition.id, definitionHash: definition.hash, stage: stage, area: shuffle.area)
                    do {
                        try shuffle.proof.verify(ShuffleStatement(publicKey: secret.ballot.publicKey, context: context, inputs: rows, outputs: shuffle.outputs))
                    } catch {
                        report.fail(Self.mixShuffles, file: name, "\(place): the shuffle proof does not hold (\(error)): the outputs are not the input "
                            + (stage == 1 ? "(the valid counted ballots)" : "(stage \(stage - 1)'s output)") + " permuted and re-encrypted")
                    }
                }
                if shuffle.outputs.contains(where: { $0.count != secret.ballot.width }) {
                    report.fail(Self.mixShuffles, file: name, "\(place): a row has not the definition's \(secret.ballot.width) ciphertext(s)")
                }
                current[shuffle.area] = shuffle.outputs
                last.append((shuffle.area, shuffle.outputs))
            }
        }
        return (stages.count, last)
    }
}
