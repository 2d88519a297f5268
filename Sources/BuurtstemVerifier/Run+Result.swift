import BuurtstemCrypto
import BuurtstemRecord
import Foundation

extension Run {
    /// The voids: every ballot of a revoked pass (issue 19: a location whose store was copied before the revocation
    /// may have taken one; a revoked pass never counts), then by the first-use rule. A revoked pass leaves
    /// ``firstUse``, so nothing after (counts, a secret election's mix input, the turnout bound) counts it.
    mutating func checkVoids() {
        for pass in revokedPasses {
            guard let first = firstUse.removeValue(forKey: pass) else { continue }
            for use in [first.key] + (repeatUses.removeValue(forKey: pass) ?? []) {
                expectedVoids.append(.init(revokedKiosk: kiosks[Int(use.kiosk)].name, sequence: use.sequence))
            }
        }
        for (pass, uses) in repeatUses {
            let counted = firstUse[pass]!.key
            for use in uses {
                expectedVoids.append(.init(kiosk: kiosks[Int(use.kiosk)].name, sequence: use.sequence,
                                           countedKiosk: kiosks[Int(counted.kiosk)].name, countedSequence: counted.sequence))
            }
        }
        expectedVoids.sort { a, b in a.kiosk != b.kiosk ? Array(a.kiosk.utf8).lexicographicallyPrecedes(Array(b.kiosk.utf8)) : a.sequence < b.sequence }
    }

    /// The counts of a public election: its counted ballots are the first use of each pass.
    mutating func countPublicBallots() {
        var perKind = [Int](repeating: 0, count: ballotKinds.count)
        for (_, use) in firstUse { perKind[Int(use.kind)] += 1 }
        count(perKind: perKind)
    }

    /// The counts per contest and project of `perKind[i]` counted ballots of ``ballotKinds``[i].
    mutating func count(perKind: [Int]) {
        guard let definition else { return }
        // The first contest of an area and the first project of an id (a definition with two fails its own check).
        for contest in definition.contests where expectedContests[contest.area] == nil {
            expectedContests[contest.area] = (0, Dictionary(contest.projects.map { ($0.id, (UInt64(0), UInt64(0))) }) { first, _ in first }, [])
        }
        for (kind, count) in zip(ballotKinds, perKind) where count > 0 && expectedContests[kind.area] != nil {
            // Mutated in place: copying a contest per ballot kind would copy its counted list each time.
            expectedContests[kind.area]!.ballots += UInt64(count)
            expectedContests[kind.area]!.counted.append((kind.choices, count))
            for choice in kind.choices where expectedContests[kind.area]!.projects[choice.project] != nil {
                let points: UInt64 = switch definition.ballot {
                case .cumulative: UInt64(choice.value)
                case .ranking: choice.value == 1 ? 1 : 0
                default: 1
                }
                // Wrapping sums: no record holds 2^64 points, and a hostile one must not trap the verifier.
                expectedContests[kind.area]!.projects[choice.project]!.ballots &+= UInt64(count)
                expectedContests[kind.area]!.projects[choice.project]!.points &+= points &* UInt64(count)
            }
        }
    }

    /// The signed result against everything recomputed.
    mutating func checkResult() {
        guard let index, let definition, let commitment,
              let result = read(ElectionResult.self, ElectionRecordFile.result, check: Self.resultCheck) else { return }
        let file = ElectionRecordFile.result
        report.counted(Self.resultCheck)
        if !result.isValid(issuer: index.issuingPublicKey) {
            report.fail(Self.resultCheck, file: file, "the result's signature is not the issuing key's: the result was altered")
        }
        if result.election != definition.id || result.definitionHash.bytes != definition.hash || result.issuedRoot.bytes != commitment.root {
            report.fail(Self.resultCheck, file: file, "the result is for another election, definition or pass set")
        }
        if result.logs != finalHeads {
            report.fail(Self.logs, file: file, "the result's log heads differ from the logs' final checkpoints (\(finalHeads.map { "\($0.kiosk): \($0.size)" }.joined(separator: ", ")))")
        }
        if result.lotSeed.bytes != ElectionResult.lotSeed(logs: finalHeads) {
            report.fail(Self.allocationName, file: file, "the lot seed is not the one the final checkpoints fix")
        }
        report.counted(Self.voids, expectedVoids.count)
        if result.voids != expectedVoids {
            func byBallot(_ voids: [ElectionResult.VoidEntry]) -> [String: ElectionResult.VoidEntry] {
                Dictionary(voids.map { ("\($0.kiosk)#\($0.sequence)", $0) }) { first, _ in first }
            }
            let listed = byBallot(result.voids), expected = byBallot(expectedVoids)
            var problems: [String] = []
            for (ballot, void) in expected.sorted(by: { $0.key < $1.key }) where listed[ballot] == nil {
                problems.append(void.reason == .passRevoked
                    ? "ballot \(ballot) was cast with a pass revoked at the desk (\(ElectionRecordFile.replacements)), but is not listed as void: a revoked pass never counts"
                    : "ballot \(ballot) reuses a pass that voted earlier, but is not listed as void")
            }
            for (ballot, void) in listed.sorted(by: { $0.key < $1.key }) {
                guard let want = expected[ballot] else {
                    problems.append(void.reason == .passRevoked
                        ? "ballot \(ballot) is listed as void for a revoked pass, but its pass was not revoked"
                        : "ballot \(ballot) is listed as void, but its pass did not vote earlier")
                    continue
                }
                if want.reason != void.reason {
                    problems.append("ballot \(ballot) is listed as void because its pass \(void.reason == .passRevoked ? "was revoked" : "voted earlier"), "
                        + "but it is void because its pass \(want.reason == .passRevoked ? "was revoked" : "voted earlier")")
                }
            }
            for problem in problems.isEmpty ? ["the voids name the wrong counted ballots, or are not in (kiosk, sequence) order"] : problems {
                report.fail(Self.voids, file: file, problem)
            }
        }
        // A secret election's counts come from the decryption the verifier recomputed: without it there are none.
        if let countsUnavailable {
            report.notRun(Self.counts, countsUnavailable)
            report.notRun(Self.allocationName, countsUnavailable)
            return
        }
        let issued = Dictionary(commitment.areas.map { ($0.area, $0.count) }) { first, _ in first }
        if result.contests.map(\.area) != definition.contests.map(\.area) {
            report.fail(Self.counts, file: file, "the result's contests differ from the definition's")
        }
        for contest in result.contests {
            report.counted(Self.counts)
            guard let expected = expectedContests[contest.area] else { continue }
            checkProjectList(contest, of: definition.contest(for: contest.area))
            if contest.passesIssued != issued[contest.area] ?? 0 {
                report.fail(Self.counts, file: file, "\(contest.area): \(contest.passesIssued) passes issued in the result, \(issued[contest.area] ?? 0) committed")
            }
            if contest.ballotsCounted != expected.ballots {
                report.fail(Self.counts, file: file, "\(contest.area): \(contest.ballotsCounted) ballots counted in the result, \(expected.ballots) in the \(secret == nil ? "logs" : "valid decoded ballots")")
            }
            for project in contest.projects {
                guard let count = expected.projects[project.id] else {
                    report.fail(Self.counts, file: file, "\(contest.area): project \(project.id) is not on its ballot")
                    continue
                }
                if project.ballots != count.ballots || project.points != count.points {
                    report.fail(Self.counts, file: file, "\(contest.area): \(project.id) has \(project.ballots) ballots / \(project.points) points in the result, "
                        + "\(count.ballots) / \(count.points) in the \(secret == nil ? "logs" : "valid decoded ballots")")
                }
            }
        }
        checkAllocation(result)
    }

    /// The result lists a contest's projects exactly as the definition does: each once, none missing, in order.
    func checkProjectList(_ contest: ElectionResult.ContestResult, of defined: Contest?) {
        guard let defined else { return }
        let listed = contest.projects.map(\.id), expected = defined.projects.map(\.id)
        guard listed != expected else { return }
        let file = ElectionRecordFile.result
        var seen = Set<String>()
        for id in listed where !seen.insert(id).inserted {
            report.fail(Self.counts, file: file, "\(contest.area): project \(id.prefix(80)) is listed twice in the result")
        }
        let missing = expected.filter { !seen.contains($0) }
        if !missing.isEmpty {
            report.fail(Self.counts, file: file, "\(contest.area): the result leaves out project\(missing.count == 1 ? "" : "s") \(missing.prefix(20).joined(separator: ", "))")
        }
        if missing.isEmpty, listed.count == expected.count {
            report.fail(Self.counts, file: file, "\(contest.area): the result lists the projects as \(listed.prefix(20).joined(separator: ", ")), "
                + "not in the definition's order \(expected.prefix(20).joined(separator: ", "))")
        }
    }

    static let allocationName = "allocation"
}
