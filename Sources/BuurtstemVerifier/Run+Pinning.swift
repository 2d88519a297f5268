import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// Issue 15: what binds a record against the gemeente itself, which holds every key and can re-sign anything.
/// The record's own pre-publication (format 2) must match the record; a pinned one (`--pinned`, `--fingerprint`),
/// which the observer kept from before the polls opened, must match it too; and checkpoints observers saved during
/// the day must be consistent with the final logs.
extension Run {
    static let prePublicationCheck = "pre-publication"
    static let pinnedCheck = "pinned pre-publication"
    static let observerCheck = "observer checkpoints"

    /// Declares the checks that run for this verification, and warns when nothing was pinned.
    func declarePinningChecks() {
        if let pin {
            report.pinned(pin.fingerprint)
            report.declare(Self.pinnedCheck, "the record's definition, issued passes (per area, and the eligible counts) and kiosks are those of the pre-publication pinned with fingerprint \(pin.fingerprint)")
        } else {
            report.warn("NOTHING WAS PINNED: without --pinned DIR or --fingerprint CODE (the pre-publication from before the polls opened) this report shows only that the record is consistent. Whoever holds the gemeente's keys can change the definition, the passes or the kiosks and re-sign everything consistently.")
        }
        if !observerCheckpoints.isEmpty {
            report.declare(Self.observerCheck, "every checkpoint saved by an observer (--checkpoint) is signed by its kiosk and consistent with the final log (RFC 9162 consistency proof)")
        }
    }

    /// The record's own pre-publication and the observer's pin, against the definition, commitment and kiosks read.
    mutating func checkPrePublication() {
        guard let index else { return }
        report.format(index.format)
        let name = ElectionRecordFile.prePublication
        var own: PrePublication?
        if index.files.contains(where: { $0.name == name }) {
            report.declare(Self.prePublicationCheck, "the record's prepublication.json is signed by the issuing key and its definition, issued passes and kiosks are the record's")
            report.counted(Self.prePublicationCheck)
            if !index.bindsBallotsToDefinition {
                report.fail(Self.prePublicationCheck, file: ElectionRecordFile.index, "a record of format \(index.format) has no pre-publication; only format \(RecordIndex.formatNameBound) binds one")
            }
            own = read(PrePublication.self, name, check: Self.prePublicationCheck)
            if let own {
                if own.format != PrePublication.formatName {
                    report.fail(Self.prePublicationCheck, file: name, "format '\(own.format)' is not \(PrePublication.formatName)")
                }
                if !own.isValid || own.issuingPublicKey != index.issuingPublicKey {
                    report.fail(Self.prePublicationCheck, file: name, "is not signed by the record's issuing key")
                }
                compare(own, pinnedDefinition: nil, check: Self.prePublicationCheck, source: name)
            }
        } else if index.bindsBallotsToDefinition {
            report.warn("NOT PRE-PUBLISHED: the record holds no pre-publication (prepublication.json): the election was not published before its polls opened, so nothing fixes its definition, passes and kiosks against later change. Its ballots do sign the definition hash.")
        } else {
            report.warn("format 1: not bound to a pre-publication. Its ballots do not sign the definition hash and it names no pre-publication: a consistent re-signed change of the definition, passes or kiosks cannot be told from the original by this record alone.")
        }

        if pin != nil && !index.bindsBallotsToDefinition {
            report.fail(Self.pinnedCheck, file: ElectionRecordFile.index, "the record is of format \(index.format), whose ballots do not sign the definition hash, but its election was pre-published (format \(RecordIndex.formatNameBound) on): a pre-published election's record in the old format was downgraded")
        }
        switch pin {
        case nil:
            break
        case let .chequeFolder(path, _):
            report.counted(Self.pinnedCheck)
            report.fail(Self.pinnedCheck, file: ElectionRecordFile.index, "the pre-publication pinned from \(path) is a cheque round's, not an election's: pin the folder made by 'buurtstem election publish'")
        case let .folder(path, pinned, pinnedDefinition):
            report.counted(Self.pinnedCheck)
            if let (file, message) = PinnedOwn.folderMismatch(own: own, pinned: pinned, path: path, name: name, index: ElectionRecordFile.index,
                                                             subject: "election", required: index.bindsBallotsToDefinition) {
                report.fail(Self.pinnedCheck, file: file, message)
            }
            compare(pinned, pinnedDefinition: pinnedDefinition, check: Self.pinnedCheck, source: "the pinned \(path)/\(name)")
        case let .fingerprint(code, prefix):
            report.counted(Self.pinnedCheck)
            if let (file, message) = PinnedOwn.fingerprintMismatch(own: own, code: code, prefix: prefix, name: name, index: ElectionRecordFile.index) {
                report.fail(Self.pinnedCheck, file: file, message)
                return
            }
            guard let own else { return }
            compare(own, pinnedDefinition: nil, check: Self.pinnedCheck, source: name)
        }
    }

    /// Fails `check` for every way the record differs from `published`.
    private func compare(_ published: PrePublication, pinnedDefinition: ElectionDefinition?, check: String, source: String) {
        guard let index, let definition, let commitment else { return }
        if published.issuingPublicKey != index.issuingPublicKey {
            report.fail(check, file: ElectionRecordFile.index, "is signed by issuing key \(index.issuingPublicKey.hex.prefix(16))..., but \(source) names \(published.issuingPublicKey.hex.prefix(16))...: the record was re-signed with another key")
        }
        if published.election != definition.id || published.gemeente != definition.gemeente {
            report.fail(check, file: ElectionRecordFile.definition, "is election '\(definition.id)' of \(definition.gemeente), but \(source) is for '\(published.election)' of \(published.gemeente)")
        }
        if published.definitionHash != definition.hash {
            let changes = pinnedDefinition.map { DefinitionChanges.between($0, definition) } ?? []
            report.fail(check, file: ElectionRecordFile.definition, "the definition differs from the pre-published one (hash \(Hex.encode(definition.hash).prefix(16))..., published \(Hex.encode(published.definitionHash).prefix(16))...)"
                + (changes.isEmpty ? "" : ": " + changes.joined(separator: "; ")))
        }
        if published.root != commitment.root || published.total != commitment.total {
            report.fail(check, file: ElectionRecordFile.commitment, "the issued passes differ from the pre-published ones: \(commitment.total) passes with root \(Hex.encode(commitment.root).prefix(16))..., published \(published.total) with root \(Hex.encode(published.root).prefix(16))...: passes were added, removed or replaced after publication")
        }
        let issued = Dictionary(commitment.areas.map { ($0.area, $0.count) }, uniquingKeysWith: { a, _ in a })
        let publishedIssued = published.issuedCounts
        for area in Set(issued.keys).union(publishedIssued.keys).sorted() where issued[area] != publishedIssued[area] {
            report.fail(check, file: ElectionRecordFile.commitment, "area \(area): \(issued[area] ?? 0) passes issued, pre-published \(publishedIssued[area] ?? 0)")
        }
        var seenAreas = Set<String>()
        for area in published.areas {
            if !seenAreas.insert(area.area).inserted {
                report.fail(check, file: source, "lists area \(area.area) twice")
            }
            if area.issued > area.eligible {
                report.fail(check, file: source, "area \(area.area): \(area.issued) passes issued, more than the \(area.eligible) households or residents eligible in the register snapshot")
            }
            if definition.contest(for: area.area) == nil {
                report.fail(check, file: source, "area \(area.area) has no contest in the record's definition")
            }
        }
        let recordKiosks = Dictionary(kiosks.map { ($0.name, $0.kiosk) }, uniquingKeysWith: { a, _ in a })
        let publishedKiosks = Dictionary(published.kiosks.map { ($0.name, $0.publicKey) }, uniquingKeysWith: { a, _ in a })
        if published.kiosks.count != publishedKiosks.count {
            report.fail(check, file: source, "lists a kiosk twice")
        }
        for (name, key) in recordKiosks.sorted(by: { $0.key < $1.key }) {
            guard let publishedKey = publishedKiosks[name] else {
                report.fail(check, file: ElectionRecordFile.kiosks, "kiosk \(name) was not pre-published: it was added after publication")
                continue
            }
            if publishedKey != key {
                report.fail(check, file: ElectionRecordFile.kiosks, "kiosk \(name)'s key \(key.hex.prefix(16))... is not the pre-published \(publishedKey.hex.prefix(16))...: its key was replaced after publication")
            }
        }
        for name in publishedKiosks.keys.sorted() where recordKiosks[name] == nil {
            report.fail(check, file: ElectionRecordFile.kiosks, "pre-published kiosk \(name) is missing from the record: its log was dropped")
        }
    }

    /// The checkpoint sizes observers saved of `kiosk`'s log.
    func observerSizes(of kiosk: KioskRegistration) -> Set<UInt64> {
        Set(observerCheckpoints.filter { $0.checkpoint.logId == kiosk.logId }.map(\.checkpoint.size))
    }

    /// Every observer's checkpoint: signed by the registered kiosk, no larger than the final log, and an RFC 9162
    /// consistency proof from it to the final tree head (built from the published ballots) verifies.
    func checkObserverCheckpoints() {
        for saved in observerCheckpoints {
            let checkpoint = saved.checkpoint, file = saved.file
            report.counted(Self.observerCheck)
            guard let kiosk = kiosks.first(where: { $0.logId == checkpoint.logId }) else {
                report.fail(Self.observerCheck, file: file, "names log '\(checkpoint.logId)', which is no kiosk log of this record: a kiosk seen during the day is missing, or this checkpoint is of another election")
                continue
            }
            if !checkpoint.isValid || checkpoint.signer != kiosk.kiosk {
                report.fail(Self.observerCheck, file: file, "the checkpoint at \(checkpoint.size) ballots is not signed by kiosk \(kiosk.name)'s registered key: the saved copy is damaged, or it came from another kiosk")
                continue
            }
            guard let final = finalHeads.first(where: { $0.kiosk == kiosk.name }), let leaves = observedLeaves[kiosk.name] else {
                report.fail(Self.observerCheck, file: file, "kiosk \(kiosk.name)'s log could not be read, so the checkpoint cannot be checked (see 'logs and checkpoints')")
                continue
            }
            guard checkpoint.size <= final.size else {
                report.fail(Self.observerCheck, file: file, "kiosk \(kiosk.name) signed \(checkpoint.size) ballots at \(checkpoint.timeMillis) ms, but its final log has \(final.size): ballots were dropped after the observer saw them")
                continue
            }
            let tree = MerkleTree(leafHashes: leaves)
            let proof = tree.consistencyProof(oldSize: Int(checkpoint.size))
            if !MerkleProof.verifyConsistency(oldSize: Int(checkpoint.size), oldRoot: checkpoint.root, newSize: Int(final.size),
                                              newRoot: final.root.bytes, proof: proof) {
                report.fail(Self.observerCheck, file: file, "kiosk \(kiosk.name)'s final log is not consistent with the checkpoint it signed at \(checkpoint.size) ballots (\(checkpoint.timeMillis) ms): the log was rewritten after the observer saw it (RFC 9162 consistency proof fails)")
            }
        }
    }
}
