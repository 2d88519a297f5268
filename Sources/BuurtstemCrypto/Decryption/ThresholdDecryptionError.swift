/// Why a threshold decryption could not be completed.
public enum ThresholdDecryptionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer than t valid shares; the excluded ones are named.
    case tooFewShares(valid: Int, needed: Int, excluded: [ThresholdDecryption.Exclusion])

    public var description: String {
        switch self {
        case .tooFewShares(let valid, let needed, let excluded):
            let named = excluded.isEmpty ? "" : " (" + excluded.map(\.description).joined(separator: "; ") + ")"
            return "\(valid) valid decryption share(s) are present and \(needed) are needed\(named): "
                + "ask \(needed - valid) more trustee(s) to decrypt"
        }
    }
}
