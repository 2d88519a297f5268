import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension Run {
    /// Streams every kiosk's ballots: signatures on all cores, then passes, validity, the log's tree heads at
    /// every checkpoint, and each pass's uses for the void rule.
    mutating func checkBallots(progress: @Sendable (Int, Int) -> Void) {
        guard let definition else { return }
        let secretBallot = secret?.ballot
        // They run even over a record without ballots (or without kiosks): nothing to fail is a pass, not "not run".
        let perBallot = secretBallot == nil ? [Self.ballotSignatures, Self.ballotPasses, Self.ballotValidity, Self.logs]
            : [Self.ballotSignatures, Self.ballotPasses, Self.ballotProofs, Self.logs]
        for check in perBallot { report.counted(check, 0) }
        // Each kiosk's checkpoints, read once: their final sizes are also the progress total.
        let checkpointSets = kiosks.map { read([Checkpoint].self, ElectionRecordFile.checkpoints(kiosk: $0.name), check: Self.logs) }
        let total = checkpointSets.reduce(0) { $0 + Int(clamping: $1?.map(\.size).max() ?? 0) }
        var checked = 0
        for (kioskIndex, kiosk) in kiosks.enumerated() {
            let ballotsFile = ElectionRecordFile.ballots(kiosk: kiosk.name)
            let checkpointsFile = ElectionRecordFile.checkpoints(kiosk: kiosk.name)
            guard let checkpoints = checkpointSets[kioskIndex] else { continue }
            // The observers' checkpoints of this log too (``checkObserverCheckpoints``): their heads are needed.
            let sizes = Set(checkpoints.map(\.size)).union(observerSizes(of: kiosk))
            var observedLeaves: [[UInt8]]? = observerSizes(of: kiosk).isEmpty ? nil : []
            // The final checkpoint: the kiosk signed it when it closed, so every ballot of its log was cast before.
            let closedAt = checkpoints.max(by: { $0.size < $1.size })?.timeMillis
            // A secret ballot has no time: it is dated by the first checkpoint of its log that includes it.
            let dating = checkpoints.sorted { $0.size < $1.size }
            var dated = 0
            var heads: [UInt64: [UInt8]] = [0: MerkleHash.empty]
            var log = MerkleLog()
            let parse = lineParser(kiosk: kiosk.name, definition: definition)
            do {
                var reader = try LineReader(url: url(ballotsFile))
                // Decoding, the signature (and a secret ballot's proof) and the leaf hash are independent per line:
                // all on all cores, overlapped with the ordered checks of the batch before.
                try BatchPipeline.run(&reader, batchSize: batchSize, check: { lines in lines.map(parse) }, consume: { results in
                    // Counted once per batch, not per ballot: each count is two lookups by the check's name.
                    var parsedCount = 0
                    defer {
                        report.counted(Self.ballotSignatures, results.count)
                        report.counted(Self.ballotPasses, parsedCount)
                        report.counted(secretBallot == nil ? Self.ballotValidity : Self.ballotProofs, parsedCount)
                    }
                    for (line, parsedBallot, problem) in results {
                        guard let ballot = parsedBallot else {
                            report.fail(Self.ballotSignatures, file: ballotsFile, line: line, (secretBallot == nil
                                ? "not a ballot line {sequence, time_ms, area, pass, choices, signature}: "
                                : "not a v3 ballot line {area, challenge, ciphertexts, pass, responses, sequence, signature}: ") + (problem ?? "unreadable"))
                            continue
                        }
                        if !ballot.signed {
                            report.fail(Self.ballotSignatures, file: ballotsFile, line: line, "ballot \(ballot.sequence): the signature does not match: the ballot was altered or not signed by its pass")
                        }
                        if ballot.sequence != UInt64(log.size) {
                            report.fail(Self.logs, file: ballotsFile, line: line, "ballot at position \(log.size) says sequence \(ballot.sequence): ballots were dropped, duplicated or reordered")
                        }
                        parsedCount += 1
                        if let areaIndex = passAreas[ballot.pass] {
                            let area = areaNames[Int(areaIndex)]
                            if area != ballot.area {
                                report.fail(Self.ballotPasses, file: ballotsFile, line: line, "ballot \(ballot.sequence): the pass is for \(area), the ballot says \(ballot.area)")
                            }
                        } else {
                            report.fail(Self.ballotPasses, file: ballotsFile, line: line, "ballot \(ballot.sequence): its pass is not in the committed issued set")
                        }
                        if let invalid = ballot.invalid {
                            report.fail(secretBallot == nil ? Self.ballotValidity : Self.ballotProofs, file: ballotsFile, line: line, "ballot \(ballot.sequence): \(invalid)")
                        }
                        let time: Int64
                        if let cast = ballot.timeMillis {
                            time = cast
                            checkTime(cast, of: ballot.sequence, closedAt: closedAt, kiosk: kiosk.name, file: ballotsFile, line: line)
                        } else {
                            while dated < dating.count && dating[dated].size <= UInt64(log.size) { dated += 1 }
                            time = dated < dating.count ? dating[dated].timeMillis : Int64.max
                        }
                        log.append(leafHash: ballot.leaf)
                        observedLeaves?.append(ballot.leaf)
                        if sizes.contains(UInt64(log.size)) { heads[UInt64(log.size)] = log.root }
                        noteUse(ballot, time: time, kiosk: kioskIndex)
                    }
                    checked += results.count
                    progress(checked, total)
                })
            } catch {
                report.fail(Self.logs, file: ballotsFile, "cannot be read: \(error.localizedDescription)")
                continue
            }
            checkCheckpoints(checkpoints, of: kiosk, file: checkpointsFile, heads: heads, log: log)
            if let observedLeaves { self.observedLeaves[kiosk.name] = observedLeaves }
        }
        checkVoids()
        if secretBallot == nil { countPublicBallots() }
    }

    /// A public ballot's time against the polling window and its kiosk's close.
    private func checkTime(_ time: Int64, of sequence: UInt64, closedAt: Int64?, kiosk: String, file: String, line: Int) {
        guard let definition else { return }
        // The engine takes a ballot only while the polls are open (open <= time <= close).
        if time < definition.pollsOpenMillis || time > definition.pollsCloseMillis {
            report.fail(Self.ballotValidity, file: file, line: line, "ballot \(sequence): cast at \(Self.time(time)), "
                + "outside the polling window \(Self.time(definition.pollsOpenMillis)) to \(Self.time(definition.pollsCloseMillis))")
        }
        if let closedAt, time > closedAt {
            report.fail(Self.logs, file: file, line: line, "ballot \(sequence): cast at \(Self.time(time)), after kiosk "
                + "\(kiosk)'s final checkpoint (\(Self.time(closedAt))): it was added after the kiosk closed")
        }
    }

    /// What is done with each line of kiosk `kiosk`'s log on all cores: decoding, the signature, the leaf hash, and
    /// for a public ballot its validity, for a secret one its proof and width.
    private func lineParser(kiosk: String, definition: ElectionDefinition) -> @Sendable (BatchPipeline.Line) -> (Int, CheckedBallot?, String?) {
        let election = definition.id
        if let secretBallot = secret?.ballot {
            let hash = definition.hash
            return { line in
                let parsed: EncryptedBallot
                switch Self.strictLine(EncryptedBallotLine.self, line.bytes) {
                case let .success(text):
                    switch text.ballot(election: election, definitionHash: hash, kiosk: kiosk) {
                    case let .success(ballot): parsed = ballot
                    case let .failure(problem): return (line.line, nil, problem.description)
                    }
                case let .failure(problem): return (line.line, nil, problem.message)
                }
                return (line.line, CheckedBallot(secret: parsed, width: secretBallot.width, electionKey: secretBallot.publicKey), nil)
            }
        }
        // Format 2: every ballot signs the definition hash (v2); format 1: none does (v1).
        let boundHash = index?.bindsBallotsToDefinition == true ? definition.hash : nil
        return { line in
            // The exporter's exact form first; anything else (valid JSON in another form, rare) through the strict
            // check and a decoder made only then.
            let ballot: Ballot
            if let exact = ExportedLine.ballot(line.bytes, election: election, definitionHash: boundHash, kiosk: kiosk) {
                ballot = exact
            } else {
                switch Self.strictLine(BallotLine.self, line.bytes) {
                case let .success(parsed): ballot = parsed.ballot(election: election, definitionHash: boundHash, kiosk: kiosk)
                case let .failure(problem): return (line.line, nil, problem.message)
                }
            }
            return (line.line, CheckedBallot(public: ballot, definition: definition), nil)
        }
    }

    /// Remembers a use of a pass at `time` (a public ballot's own, a secret one's checkpoint): the first by (time,
    /// kiosk, sequence) counts.
    private mutating func noteUse(_ ballot: CheckedBallot, time: Int64, kiosk: Int) {
        let use = UseKey(time: time, kiosk: UInt32(clamping: kiosk), sequence: ballot.sequence)
        let kind: Int32
        if secret != nil {
            // A secret ballot's kind is its place among the secret ballots: the mix needs each counted one's ciphertexts.
            secret!.casts.append(SecretCast(area: ballot.area, kiosk: UInt32(clamping: kiosk), sequence: ballot.sequence,
                                            ciphertexts: ballot.ciphertexts, valid: ballot.signed && ballot.invalid == nil))
            kind = Int32(clamping: secret!.casts.count - 1)
        } else {
            let kindKey = BallotKind(area: ballot.area, choices: ballot.choices)
            kind = ballotKindIndex[kindKey] ?? {
                ballotKinds.append(kindKey)
                ballotKindIndex[kindKey] = Int32(ballotKinds.count - 1)
                return Int32(ballotKinds.count - 1)
            }()
        }
        // Nearly every pass is used once: one lookup that inserts, and only a repeat looks further.
        guard let first = firstUse.updateValue((use, kind), forKey: ballot.pass) else { return }
        if use < first.key {
            repeatUses[ballot.pass, default: []].append(first.key)
        } else {
            repeatUses[ballot.pass, default: []].append(use)
            firstUse[ballot.pass] = first
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
