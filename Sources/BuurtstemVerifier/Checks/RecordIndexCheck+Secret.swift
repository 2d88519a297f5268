import BuurtstemRecord

extension RecordIndexCheck {
    /// A secret election's record (format 3; docs/record.md, "Secret elections: the record"): an election record's
    /// files, and the election key, the mix stages, the trustees' decryption shares and the decoded ballots.
    static let secretElection = RecordIndexCheck(
        kind: "election", recordName: "a secret election", formats: [RecordIndex.formatNameSecret],
        folders: ["ballots", "checkpoints", "pabulib", "mix", "decryption"]
    ) { name in
        election.isRecordFile(name) || name == ElectionRecordFile.electionKey || name == ElectionRecordFile.decoded
            || mixStage(of: name) != nil || decryptionTrustee(of: name) != nil
    }

    /// K of `mix/stage-K.json` (K from 1, without leading zeros), or nil for any other path.
    static func mixStage(of path: String) -> Int? {
        number(in: path, folder: "mix", prefix: "stage-")
    }

    /// J of `decryption/trustee-J.json` (J from 1, without leading zeros), or nil for any other path.
    static func decryptionTrustee(of path: String) -> Int? {
        number(in: path, folder: "decryption", prefix: "trustee-")
    }

    /// The number N of `FOLDER/PREFIXN.json`: 1 to 6 digits, no leading zero (so each number has one file name).
    private static func number(in path: String, folder: String, prefix: String) -> Int? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == folder, parts[1].hasPrefix(prefix), parts[1].hasSuffix(".json") else { return nil }
        let digits = parts[1].dropFirst(prefix.count).dropLast(".json".count)
        guard (1...6).contains(digits.count), digits.first != "0", digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(digits)
    }
}
