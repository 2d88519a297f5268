import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension Run {
    /// Streams every kiosk's ballots: signatures on all cores, then passes, validity, the log's tree heads at
    /// every checkpoint, and each pass's uses for the void rule.
    mutating func checkBallots(progress: @Sendable (Int, Int) -> Void) {
        guard let definition else { return }
        // They run even over a record without ballots (or without kiosks): nothing to fail is a pass, not "not run".
        for check in [Self.ballotSignatures, Self.ballotPasses, Self.ballotValidity, Self.logs] { report.counted(check, 0) }
        // Each kiosk's checkpoints, read once: their final sizes are also the progress total.
        let checkpointSets = kiosks.map { read([Checkpoint].self, ElectionRecordFile.checkpoints(kiosk: $0.name), check: Self.logs) }
        let total = checkpointSets.reduce(0) { $0 + Int(clamping: $1?.map(\.size).max() ?? 0) }
        var checked = 0
        for (kioskIndex, kiosk) in kiosks.enumerated() {
            let ballotsFile = ElectionRecordFile.ballots(kiosk: kiosk.name)
            let checkpointsFile = ElectionRecordFile.checkpoints(kiosk: kiosk.name)
            guard let checkpoints = checkpointSets[kioskIndex] else { continue }
            let sizes = Set(checkpoints.map(\.size))
            // The final checkpoint: the kiosk signed it when it closed, so every ballot of its log was cast before.
            let closedAt = checkpoints.max(by: { $0.size < $1.size })?.timeMillis
            var heads: [UInt64: [UInt8]] = [0: MerkleHash.empty]
            var log = MerkleLog()
            let election = definition.id, name = kiosk.name
            do {
                var reader = try LineReader(url: url(ballotsFile))
                // Decoding, the signature and the leaf hash are independent per line: all on all cores, overlapped
                // with the ordered checks of the batch before.
                try BatchPipeline.run(&reader, batchSize: batchSize, check: { lines in
                    lines.map { line -> (line: Int, ballot: Ballot?, signed: Bool, leaf: [UInt8], invalid: String?, pass: KeyBits?) in
                        // The exporter's exact form first; anything else (valid JSON in another form, rare) through the
                        // strict check and a decoder made only then.
                        let ballot: Ballot
                        if let exact = ExportedLine.ballot(line.bytes, election: election, kiosk: name) {
                            ballot = exact
                        } else {
                            switch Self.strictLine(BallotLine.self, line.bytes) {
                            case let .success(parsed): ballot = parsed.ballot(election: election, kiosk: name)
                            case let .failure(problem): return (line.line, nil, false, [], problem.message, nil)
                            }
                        }
                        let invalid = definition.contest(for: ballot.area).map { BallotValidity.problem(ballot.choices, type: definition.ballot, contest: $0) }
                            ?? "area \(ballot.area) has no contest"
                        // The signed bytes once, for both the signature and the leaf (the entry is them + the signature).
                        let signedBytes = ballot.signedBytes
                        return (line.line, ballot, ballot.pass.isValidSignature(ballot.signature, for: signedBytes),
                                MerkleHash.leaf(signedBytes + ballot.signature.bytes), invalid, KeyBits(ballot.pass))
                    }
                }, consume: { results in
                    // Counted once per batch, not per ballot: each count is two lookups by the check's name.
                    var parsedCount = 0
                    defer {
                        report.counted(Self.ballotSignatures, results.count)
                        report.counted(Self.ballotPasses, parsedCount)
                        report.counted(Self.ballotValidity, parsedCount)
                    }
                    for (line, parsedBallot, signatureOK, leafHash, invalid, passBits) in results {
                        guard let ballot = parsedBallot, let passBits else {
                            report.fail(Self.ballotSignatures, file: ballotsFile, line: line, "not a ballot line {sequence, time_ms, area, pass, choices, signature}: \(invalid ?? "unreadable")")
                            continue
                        }
                        if !signatureOK {
                            report.fail(Self.ballotSignatures, file: ballotsFile, line: line, "ballot \(ballot.sequence): the signature does not match: the ballot was altered or not signed by its pass")
                        }
                        if ballot.sequence != UInt64(log.size) {
                            report.fail(Self.logs, file: ballotsFile, line: line, "ballot at position \(log.size) says sequence \(ballot.sequence): ballots were dropped, duplicated or reordered")
                        }
                        parsedCount += 1
                        if let areaIndex = passAreas[passBits] {
                            let area = areaNames[Int(areaIndex)]
                            if area != ballot.area {
                                report.fail(Self.ballotPasses, file: ballotsFile, line: line, "ballot \(ballot.sequence): the pass is for \(area), the ballot says \(ballot.area)")
                            }
                        } else {
                            report.fail(Self.ballotPasses, file: ballotsFile, line: line, "ballot \(ballot.sequence): its pass is not in the committed issued set")
                        }
                        if let invalid {
                            report.fail(Self.ballotValidity, file: ballotsFile, line: line, "ballot \(ballot.sequence): \(invalid)")
                        }
                        // The engine takes a ballot only while the polls are open (open <= time <= close).
                        if ballot.timeMillis < definition.pollsOpenMillis || ballot.timeMillis > definition.pollsCloseMillis {
                            report.fail(Self.ballotValidity, file: ballotsFile, line: line, "ballot \(ballot.sequence): cast at \(Self.time(ballot.timeMillis)), "
                                + "outside the polling window \(Self.time(definition.pollsOpenMillis)) to \(Self.time(definition.pollsCloseMillis))")
                        }
                        if let closedAt, ballot.timeMillis > closedAt {
                            report.fail(Self.logs, file: ballotsFile, line: line, "ballot \(ballot.sequence): cast at \(Self.time(ballot.timeMillis)), after kiosk "
                                + "\(kiosk.name)'s final checkpoint (\(Self.time(closedAt))): it was added after the kiosk closed")
                        }
                        log.append(leafHash: leafHash)
                        if sizes.contains(UInt64(log.size)) { heads[UInt64(log.size)] = log.root }
                        noteUse(ballot, pass: passBits, kiosk: kioskIndex)
                    }
                    checked += results.count
                    progress(checked, total)
                })
            } catch {
                report.fail(Self.logs, file: ballotsFile, "cannot be read: \(error.localizedDescription)")
                continue
            }
            checkCheckpoints(checkpoints, of: kiosk, file: checkpointsFile, heads: heads, log: log)
        }
        checkVoidsAndCounts()
    }

    /// Remembers a use of a pass (`pass` is `ballot.pass` as a dictionary key): the first by (time, kiosk,
    /// sequence) counts.
    private mutating func noteUse(_ ballot: Ballot, pass: KeyBits, kiosk: Int) {
        let use = UseKey(time: ballot.timeMillis, kiosk: UInt32(clamping: kiosk), sequence: ballot.sequence)
        let kindKey = BallotKind(area: ballot.area, choices: ballot.choices)
        let kind = ballotKindIndex[kindKey] ?? {
            ballotKinds.append(kindKey)
            ballotKindIndex[kindKey] = Int32(ballotKinds.count - 1)
            return Int32(ballotKinds.count - 1)
        }()
        // Nearly every pass is used once: one lookup that inserts, and only a repeat looks further.
        guard let first = firstUse.updateValue((use, kind), forKey: pass) else { return }
        if use < first.key {
            repeatUses[pass, default: []].append(first.key)
        } else {
            repeatUses[pass, default: []].append(use)
            firstUse[pass] = first
        }
    }

    /// A time in a failure message: milliseconds and, when it is a date, the UTC date and time.
    static func time(_ millis: Int64) -> String {
        let seconds = Double(millis) / 1000
        guard abs(seconds) < 1e12 else { return "\(millis) ms" }
        return "\(Date(timeIntervalSince1970: seconds).ISO8601Format()) (\(millis) ms)"
    }

    private mutating func checkCheckpoints(_ checkpoints: [Checkpoint], of kiosk: KioskRegistration, file: String,
                                           heads: [UInt64: [UInt8]], log: MerkleLog) {
        // In the order made: sizes and times never decrease, and the final one (largest size) is last.
        for (number, (previous, checkpoint)) in zip(checkpoints, checkpoints.dropFirst()).enumerated()
        where checkpoint.size < previous.size || checkpoint.timeMillis < previous.timeMillis {
            report.fail(Self.logs, file: file, "checkpoint \(number + 2) (\(checkpoint.size) ballots at \(Self.time(checkpoint.timeMillis))) comes after one of "
                + "\(previous.size) ballots at \(Self.time(previous.timeMillis)): checkpoints are listed in the order made, sizes and times never decreasing")
        }
        for checkpoint in checkpoints {
            report.counted(Self.logs)
            if !checkpoint.isValid || checkpoint.signer != kiosk.kiosk {
                report.fail(Self.logs, file: file, "the checkpoint at \(checkpoint.size) ballots is not signed by kiosk \(kiosk.name)'s registered key")
            }
            if checkpoint.logId != kiosk.logId {
                report.fail(Self.logs, file: file, "a checkpoint names log '\(checkpoint.logId)', not '\(kiosk.logId)'")
            }
            if let head = heads[checkpoint.size] {
                if head != checkpoint.root {
                    report.fail(Self.logs, file: file, "the log's first \(checkpoint.size) ballots do not have the tree head kiosk \(kiosk.name) signed: ballots were changed, dropped or reordered")
                }
            } else {
                report.fail(Self.logs, file: file, "kiosk \(kiosk.name) signed a checkpoint at \(checkpoint.size) ballots, but the log has only \(log.size): ballots were dropped")
            }
        }
        guard let final = checkpoints.max(by: { $0.size < $1.size }) else {
            report.fail(Self.logs, file: file, "kiosk \(kiosk.name)'s log has no checkpoint")
            return
        }
        if final.size != UInt64(log.size) {
            report.fail(Self.logs, file: ElectionRecordFile.ballots(kiosk: kiosk.name), "the log has \(log.size) ballots, but its final checkpoint says \(final.size): ballots were added or dropped")
        }
        finalHeads.append(ElectionResult.LogHead(kiosk: kiosk.name, size: UInt64(log.size), root: log.root))
    }
}

/// Where and when a pass was used; ordered by the void rule: time, then kiosk name (UTF-8 bytes: `kiosk` is the
/// kiosk's index in the kiosks sorted that way), then sequence.
struct UseKey: Comparable {
    let time: Int64
    let kiosk: UInt32
    let sequence: UInt64

    static func < (a: UseKey, b: UseKey) -> Bool {
        (a.time, a.kiosk, a.sequence) < (b.time, b.kiosk, b.sequence)
    }
}

/// A public key as four words: a compact dictionary key for a million passes.
struct KeyBits: Hashable {
    let a, b, c, d: UInt64

    init(_ key: PublicKey) {
        // Big-endian words, without an intermediate array: this runs for every pass and every ballot.
        func word(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.reduce(0) { $0 << 8 | UInt64($1) } }
        let bytes = key.bytes
        (a, b, c, d) = (word(bytes[0..<8]), word(bytes[8..<16]), word(bytes[16..<24]), word(bytes[24..<32]))
    }
}

/// A contest area with one set of choices: what the counts need of a counted ballot.
struct BallotKind: Hashable {
    let area: String
    let choices: [Choice]
}
