import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension Run {
    /// Streams every kiosk's ballots: signatures on all cores, then passes, validity, the log's tree heads at
    /// every checkpoint, and each pass's uses for the void rule.
    mutating func checkBallots(progress: @Sendable (Int, Int) -> Void) {
        guard let definition else { return }
        let total = kiosks.reduce(0) { $0 + ((try? Data(contentsOf: url(ElectionRecordFile.checkpoints(kiosk: $1.name)))).flatMap {
            try? decoder.decode([Checkpoint].self, from: $0).map(\.size).max() }.map(Int.init) ?? 0) }
        var checked = 0
        for kiosk in kiosks {
            let ballotsFile = ElectionRecordFile.ballots(kiosk: kiosk.name)
            let checkpointsFile = ElectionRecordFile.checkpoints(kiosk: kiosk.name)
            guard let checkpoints = read([Checkpoint].self, checkpointsFile, check: Self.logs) else { continue }
            let sizes = Set(checkpoints.map(\.size))
            var heads: [UInt64: [UInt8]] = [0: MerkleHash.empty]
            var log = MerkleLog()
            let election = definition.id, name = kiosk.name, nameBytes = Array(kiosk.name.utf8)
            do {
                var reader = try LineReader(url: url(ballotsFile))
                while true {
                    let batch = try reader.next(batchSize)
                    if batch.isEmpty { break }
                    // Decoding, the signature and the leaf hash are independent per line: all on all cores.
                    let results = Self.parallelMap(batch) { line -> (line: Int, ballot: Ballot?, signed: Bool, leaf: [UInt8]) in
                        guard let parsed = try? JSONDecoder().decode(BallotLine.self, from: line.bytes) else { return (line.line, nil, false, []) }
                        let ballot = parsed.ballot(election: election, kiosk: name)
                        return (line.line, ballot, ballot.isValidSignature, ballot.leafHash)
                    }
                    for (line, parsedBallot, signatureOK, leafHash) in results {
                        report.counted(Self.ballotSignatures)
                        guard let ballot = parsedBallot else {
                            report.fail(Self.ballotSignatures, file: ballotsFile, line: line, "not a ballot line {sequence, time_ms, area, pass, choices, signature}")
                            continue
                        }
                        if !signatureOK {
                            report.fail(Self.ballotSignatures, file: ballotsFile, line: line, "ballot \(ballot.sequence): the signature does not match: the ballot was altered or not signed by its pass")
                        }
                        if ballot.sequence != UInt64(log.size) {
                            report.fail(Self.logs, file: ballotsFile, line: line, "ballot at position \(log.size) says sequence \(ballot.sequence): ballots were dropped, duplicated or reordered")
                        }
                        report.counted(Self.ballotPasses)
                        if let area = passAreas[ballot.pass] {
                            if area != ballot.area {
                                report.fail(Self.ballotPasses, file: ballotsFile, line: line, "ballot \(ballot.sequence): the pass is for \(area), the ballot says \(ballot.area)")
                            }
                        } else {
                            report.fail(Self.ballotPasses, file: ballotsFile, line: line, "ballot \(ballot.sequence): its pass is not in the committed issued set")
                        }
                        report.counted(Self.ballotValidity)
                        if let contest = definition.contest(for: ballot.area) {
                            if let problem = BallotValidity.problem(ballot.choices, type: definition.ballot, contest: contest) {
                                report.fail(Self.ballotValidity, file: ballotsFile, line: line, "ballot \(ballot.sequence): \(problem)")
                            }
                        } else {
                            report.fail(Self.ballotValidity, file: ballotsFile, line: line, "ballot \(ballot.sequence): area \(ballot.area) has no contest")
                        }
                        log.append(leafHash: leafHash)
                        if sizes.contains(UInt64(log.size)) { heads[UInt64(log.size)] = log.root }
                        noteUse(ballot, kiosk: nameBytes)
                    }
                    checked += batch.count
                    progress(checked, total)
                }
            } catch {
                report.fail(Self.logs, file: ballotsFile, "cannot be read: \(error.localizedDescription)")
                continue
            }
            checkCheckpoints(checkpoints, of: kiosk, file: checkpointsFile, heads: heads, log: log)
        }
        checkVoidsAndCounts()
    }

    /// Remembers a use of a pass: the first by (time, kiosk, sequence) counts.
    private mutating func noteUse(_ ballot: Ballot, kiosk: [UInt8]) {
        let use = UseKey(time: ballot.timeMillis, kiosk: kiosk, sequence: ballot.sequence)
        guard let first = firstUse[ballot.pass] else {
            firstUse[ballot.pass] = (use, ballot.area, ballot.choices)
            return
        }
        if use < first.key {
            repeatUses[ballot.pass, default: []].append(first.key)
            firstUse[ballot.pass] = (use, ballot.area, ballot.choices)
        } else {
            repeatUses[ballot.pass, default: []].append(use)
        }
    }

    private mutating func checkCheckpoints(_ checkpoints: [Checkpoint], of kiosk: KioskRegistration, file: String,
                                           heads: [UInt64: [UInt8]], log: MerkleLog) {
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

/// Where and when a pass was used; ordered by the void rule: time, then kiosk name (UTF-8 bytes), then sequence.
struct UseKey: Comparable {
    let time: Int64
    let kiosk: [UInt8]
    let sequence: UInt64

    static func < (a: UseKey, b: UseKey) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.kiosk != b.kiosk { return a.kiosk.lexicographicallyPrecedes(b.kiosk) }
        return a.sequence < b.sequence
    }
}
