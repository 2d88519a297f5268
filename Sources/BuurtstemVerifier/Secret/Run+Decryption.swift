import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// The last stage's decryption (docs/record.md, "Decryption of the last stage"): the trustees' shares checked
/// against their verification keys, combined by the verifier itself, decoded, and compared with decoded.jsonl.
extension Run {
    /// One row of the last stage after the verifier's own decryption: its choices when it is a valid ballot of the
    /// area's contest, else why not.
    struct DecodedRow {
        let area: String
        let position: Int
        let choices: [Choice]?
        let problem: String?
    }

    /// The verifier's decoding of every row, in decoded.jsonl's order (area, then position).
    struct Decoded {
        let rows: [DecodedRow]
    }

    /// Every listed decryption share of the last stage against its trustee's verification key; then per area the
    /// plaintext points from the t valid shares of the lowest indices. Nil (the counts then do not run) when there
    /// is nothing to decrypt with: no stage, no trusted key, or fewer than t valid shares of an area.
    mutating func checkDecryption(_ last: (stage: Int, areas: [(area: String, rows: [[ElGamalCiphertext]])])?) -> [(area: String, points: [Ristretto255.Point])]? {
        guard let index, let definition, let secret else { return nil }
        report.counted(Self.decryptionShares, 0)
        guard let last else {
            if firstUse.values.contains(where: { secret.casts[Int($0.kind)].valid }) {
                countsUnavailable = "the record has no mix stage to decrypt"
                report.notRun(Self.decryptionShares, "the record has no mix stage whose output was decrypted")
                return nil
            }
            // No valid counted ballot at all: nothing was mixed or decrypted, and every count is 0.
            return []
        }
        guard let key = secret.key else {
            countsUnavailable = "the election key file is not the one the definition names (see 'election key'), so the decryption cannot be checked"
            report.notRun(Self.decryptionShares, countsUnavailable!)
            return nil
        }
        var valid: [String: [(trustee: Int, partials: [Ristretto255.Point])]] = [:]
        for trustee in index.files.compactMap({ RecordIndexCheck.decryptionTrustee(of: $0.name) }).sorted() {
            let name = ElectionRecordFile.decryptionShares(trustee: trustee)
            guard let file = read(DecryptionSharesFile.self, name, check: Self.decryptionShares) else { continue }
            guard file.trustee == trustee, key.verificationKey(of: trustee) != nil else {
                report.fail(Self.decryptionShares, file: name, "is trustee \(file.trustee)'s file under the name of trustee \(trustee), or names no trustee 1 … \(key.trusteeCount) of the election key")
                continue
            }
            if file.election != definition.id || file.definitionHash != definition.hash || file.stage != last.stage {
                report.fail(Self.decryptionShares, file: name, "decrypts stage \(file.stage) of election '\(file.election.prefix(100))' (or under another definition), "
                    + "not the last stage \(last.stage) of '\(definition.id)': its shares are left out")
                continue
            }
            if file.areas.map(\.area) != last.areas.map(\.area) {
                report.fail(Self.decryptionShares, file: name, "has shares of the areas \(file.areas.map(\.area).joined(separator: ", ")), "
                    + "not of the last stage's areas \(last.areas.map(\.area).joined(separator: ", ")) in that order")
            }
            for share in file.areas {
                report.counted(Self.decryptionShares)
                guard let rows = last.areas.first(where: { $0.area == share.area })?.rows else { continue }
                let ciphertexts = rows.flatMap { $0 }
                guard ciphertexts.count <= Int(UInt32.max) else {
                    report.fail(Self.decryptionShares, file: name, "area \(share.area): \(ciphertexts.count) ciphertexts are more than a record can hold")
                    continue
                }
                let context = DecryptionSharesFile.context(election: definition.id, definitionHash: definition.hash, stage: last.stage, area: share.area)
                guard DecryptionShare(trustee: trustee, partials: share.partials, proof: share.proof).verify(ciphertexts, electionKey: key, context: context) else {
                    report.fail(Self.decryptionShares, file: name, "area \(share.area.prefix(100)): the share's proof does not hold against trustee \(trustee)'s verification key "
                        + "(\(share.partials.count) partial(s) for \(ciphertexts.count) ciphertext(s)): a partial or the proof was changed, or another key share was used")
                    continue
                }
                valid[share.area, default: []].append((trustee, share.partials))
            }
        }
        var plaintexts: [(area: String, points: [Ristretto255.Point])] = []
        var short: [String] = []
        for (area, rows) in last.areas {
            let shares = (valid[area] ?? []).sorted { $0.trustee < $1.trustee }.prefix(key.threshold)
            guard shares.count == key.threshold, let lambdas = ThresholdDecryption.lagrangeCoefficients(shares.map(\.trustee)) else {
                report.fail(Self.decryptionShares, file: ElectionRecordFile.index, "area \(area.prefix(100)): \(shares.count) valid decryption share(s) and \(key.threshold) are needed: "
                    + "its ballots cannot be decrypted from the record")
                short.append(area)
                continue
            }
            let ciphertexts = rows.flatMap { $0 }
            let chosen = Array(shares)
            // M_i = β_i − Σ_{j∈S} λ_j·d_{j,i}, on all cores.
            let points = ParallelMap.indices(ciphertexts.count) { i in
                zip(lambdas, chosen).reduce(ciphertexts[i].beta) { sum, term in sum - term.0 * term.1.partials[i] }
            }
            plaintexts.append((area, points))
        }
        guard short.isEmpty else {
            countsUnavailable = "area\(short.count == 1 ? "" : "s") \(short.joined(separator: ", ")) cannot be decrypted from the record's shares (see 'decryption shares')"
            return nil
        }
        return plaintexts
    }

    /// Each row's plaintext points decoded (PlaintextEncoding, then the canonical choice bytes, then the verifier's
    /// own ballot rules), on all cores.
    func decode(_ plaintexts: [(area: String, points: [Ristretto255.Point])]) -> Decoded {
        guard let definition, let secret else { return Decoded(rows: []) }
        let width = secret.ballot.width
        var rows: [DecodedRow] = []
        for (area, points) in plaintexts {
            let contest = definition.contest(for: area)
            let type = definition.ballot
            let decoded = ParallelMap.indices(points.count / width, minimumCount: 16) { row -> ([Choice]?, String?) in
                let bytes: [UInt8]
                do {
                    bytes = try PlaintextEncoding.decode(Array(points[(row * width)..<((row + 1) * width)]), width: width)
                } catch {
                    return (nil, "not an encoding of a ballot: \(error)")
                }
                guard let choices = ChoiceBytes.decode(bytes) else { return (nil, "the plaintext is not canonical choice bytes") }
                guard let contest else { return (nil, "no contest for the area") }
                if let problem = BallotValidity.problem(choices, type: type, contest: contest) { return (nil, "not a valid ballot: \(problem)") }
                return (choices, nil)
            }
            for (position, row) in decoded.enumerated() {
                rows.append(DecodedRow(area: area, position: position, choices: row.0, problem: row.1))
            }
        }
        return Decoded(rows: rows)
    }

    /// decoded.jsonl line by line against the verifier's own decoding: the same rows in the same order, each valid
    /// ballot with the same choices, each invalid plaintext as a problem line; none dropped or added.
    mutating func checkDecoded(_ decoded: Decoded) {
        let name = ElectionRecordFile.decoded
        report.counted(Self.decodedBallots, 0)
        var next = 0
        do {
            var reader = try LineReader(url: url(name))
            while true {
                let lines = try reader.next(batchSize)
                if lines.isEmpty { break }
                report.counted(Self.decodedBallots, lines.count)
                for line in lines {
                    let parsed: DecodedBallotLine
                    switch Self.strictLine(DecodedBallotLine.self, line.bytes) {
                    case let .success(value): parsed = value
                    case let .failure(problem):
                        report.fail(Self.decodedBallots, file: name, line: line.line, "not a decoded line {area, position, choices | problem}: \(problem.message)")
                        next += 1
                        continue
                    }
                    guard next < decoded.rows.count else {
                        report.fail(Self.decodedBallots, file: name, line: line.line, "area \(parsed.area.prefix(100)) position \(parsed.position): the last stage has no such row "
                            + "(it has \(decoded.rows.count) rows): a ballot was added")
                        next += 1
                        continue
                    }
                    let row = decoded.rows[next]
                    next += 1
                    guard parsed.area == row.area, parsed.position == row.position else {
                        report.fail(Self.decodedBallots, file: name, line: line.line, "says area \(parsed.area.prefix(100)) position \(parsed.position) where row \(row.position) "
                            + "of area \(row.area) belongs: a row was dropped, added or reordered")
                        continue
                    }
                    switch (row.choices, parsed.choices) {
                    case let (mine?, theirs?) where mine != theirs:
                        report.fail(Self.decodedBallots, file: name, line: line.line, "area \(row.area) position \(row.position): the shares decrypt to "
                            + "\(Self.describe(mine)), the line says \(Self.describe(theirs))")
                    case (nil, _?):
                        report.fail(Self.decodedBallots, file: name, line: line.line, "area \(row.area) position \(row.position): the shares decrypt to no valid ballot "
                            + "(\(row.problem ?? "")), but the line gives choices: an invalid ballot was counted as valid")
                    case (_?, nil):
                        report.fail(Self.decodedBallots, file: name, line: line.line, "area \(row.area) position \(row.position): the shares decrypt to a valid ballot, "
                            + "but the line says '\(parsed.problem?.prefix(100) ?? "")': a valid ballot was counted as invalid")
                    default:
                        break
                    }
                }
            }
        } catch {
            report.fail(Self.decodedBallots, file: name, "cannot be read: \(error.localizedDescription)")
            return
        }
        if next < decoded.rows.count {
            let missing = decoded.rows[next]
            report.fail(Self.decodedBallots, file: name, "has \(next) line(s), but the last stage has \(decoded.rows.count) rows: from area \(missing.area) position \(missing.position) on, "
                + "decoded ballots were dropped")
        }
    }

    /// Choices for a failure message: `KW-01, KW-05` (with values where they are not 1).
    static func describe(_ choices: [Choice]) -> String {
        choices.isEmpty ? "no choice" : choices.map { $0.value == 1 ? $0.project : "\($0.project)=\($0.value)" }.joined(separator: ", ")
    }
}
