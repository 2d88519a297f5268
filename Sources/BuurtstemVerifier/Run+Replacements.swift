import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// Issue 19: the stempassen replaced at the desk (`replacements.json`, docs/record.md, "Replaced passes").
extension Run {
    static let replacementCheck = "replaced passes"

    /// Reads and checks `replacements.json` when the record has one: every entry signed by the issuing key, for this
    /// election and definition, a gapless hash chain, each new pass new and each revoked pass an issued (or earlier
    /// replacement) pass of the same area revoked once; the signed counts per area and head follow from the entries.
    /// The new passes join the issued set; the revoked ones are remembered for the ballot check.
    mutating func checkReplacements() {
        guard let index, let definition else { return }
        let name = ElectionRecordFile.replacements
        guard index.files.contains(where: { $0.name == name }) else { return }
        report.declare(Self.replacementCheck, "every replaced pass is signed by the issuing key in one gapless chain, revokes at most one unused "
            + "issued pass of its own area, and the signed counts per area follow from the entries; each area's counted ballots stay within "
            + "its eligible plus its replacements without revocation (a revoked pass's ballots are voids, held by the voids check)")
        guard let file = read(PassReplacements.self, name, check: Self.replacementCheck) else { return }
        let issuer = index.issuingPublicKey
        report.counted(Self.replacementCheck, max(1, file.entries.count))
        if !file.isValid(issuer: issuer) {
            report.fail(Self.replacementCheck, file: name, "the counts' signature is not the issuing key's")
        }
        if file.election != definition.id || file.definitionHash.bytes != definition.hash {
            report.fail(Self.replacementCheck, file: name, "is for another election or definition")
        }
        var previous = PassReplacement.chainStart
        for (position, entry) in file.entries.enumerated() {
            let at = "entry \(position + 1)"
            if !entry.isValid(issuer: issuer) {
                report.fail(Self.replacementCheck, file: name, "\(at): the signature is not the issuing key's: the entry was altered")
            }
            if entry.election != definition.id || entry.definitionHash.bytes != definition.hash {
                report.fail(Self.replacementCheck, file: name, "\(at): is for another election or definition")
            }
            if entry.sequence != UInt64(position) || entry.previous.bytes != previous {
                report.fail(Self.replacementCheck, file: name, "\(at): does not follow the entry before it (sequence \(entry.sequence), previous hash): "
                    + "entries were dropped, inserted or reordered")
            }
            previous = entry.hash
            guard definition.contest(for: entry.area) != nil else {
                report.fail(Self.replacementCheck, file: name, "\(at): area \(entry.area.prefix(80)) has no contest")
                continue
            }
            let newKey = KeyBits(entry.pass)
            if passAreas[newKey] != nil {
                report.fail(Self.replacementCheck, file: name, "\(at): the new pass is already an issued pass: a replacement must be a new pass")
                continue
            }
            if let revoked = entry.revoked {
                let oldKey = KeyBits(revoked)
                if let areaIndex = passAreas[oldKey] {
                    if areaNames[Int(areaIndex)] != entry.area {
                        report.fail(Self.replacementCheck, file: name, "\(at): the revoked pass is for \(areaNames[Int(areaIndex)]), the new one for \(entry.area): "
                            + "a replacement stays in its household's area")
                    }
                } else {
                    report.fail(Self.replacementCheck, file: name, "\(at): the revoked pass was never issued: a revocation of nothing makes a replacement look neutral")
                }
                if !revokedPasses.insert(oldKey).inserted {
                    report.fail(Self.replacementCheck, file: name, "\(at): the revoked pass was already revoked by an earlier entry")
                }
            }
            let areaIndex = areaIndexes[entry.area] ?? {
                areaNames.append(entry.area)
                areaIndexes[entry.area] = areaNames.count - 1
                return areaNames.count - 1
            }()
            passAreas[newKey] = UInt32(clamping: areaIndex)
        }
        if file.head.bytes != previous {
            report.fail(Self.replacementCheck, file: name, "the signed head is not the last entry's hash: entries were dropped or added after signing")
        }
        if file.areas != PassReplacements.counts(file.entries) {
            report.fail(Self.replacementCheck, file: name, "the signed counts per area (replaced, revoked) are not those of the entries")
        }
        replacementCounts = file.areas
    }

    /// After the ballots and voids: per area the counted ballots stay within one vote per household plus the
    /// replacements without revocation (the only passes beyond the households). A revoked pass's ballots are no
    /// longer in ``firstUse`` (``checkVoids()``): the result must list them as void, which the voids check holds it to.
    func checkReplacedPassUse() {
        guard !revokedPasses.isEmpty || !replacementCounts.isEmpty else { return }
        let name = ElectionRecordFile.replacements
        var counted: [String: UInt64] = [:]
        for (_, use) in firstUse {
            // A secret ballot's kind is its place among the secret casts, a public one's its (area, choices).
            let area = secret.map { $0.casts[Int(use.kind)].area } ?? ballotKinds[Int(use.kind)].area
            counted[area, default: 0] += 1
        }
        guard index?.files.contains(where: { $0.name == ElectionRecordFile.prePublication }) == true,
              let own = read(PrePublication.self, ElectionRecordFile.prePublication, check: Self.replacementCheck) else { return }
        for area in own.areas {
            let extra = replacementCounts.first { $0.area == area.area }?.withoutRevocation ?? 0
            let ballots = counted[area.area] ?? 0
            if ballots > area.eligible + extra {
                report.fail(Self.replacementCheck, file: name, "area \(area.area): \(ballots) counted ballots, more than its \(area.eligible) eligible "
                    + "plus \(extra) replacement(s) without revocation")
            }
        }
    }
}
