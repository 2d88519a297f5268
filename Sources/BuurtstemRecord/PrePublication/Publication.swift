import BuurtstemCrypto

/// A statement the gemeente signs with its issuing key and publishes before a vote or a cheque round starts
/// (``PrePublication``, ``ChequeRoundPrePublication``): one hash, one fingerprint and one signature check for both.
public protocol Publication {
    /// The exact bytes signed (docs/record.md).
    var signedBytes: [UInt8] { get }
    /// The issuing key it names.
    var issuingPublicKey: PublicKey { get }
    /// The issuing key's signature over ``signedBytes``.
    var signature: Signature { get }
}

extension Publication {
    /// SHA-256 of ``signedBytes``: what the fingerprint shows the start of.
    public var hash: [UInt8] { SHA.sha256(signedBytes) }

    /// The typeable fingerprint of ``hash`` (``Fingerprint``).
    public var fingerprint: String { Fingerprint.code(hash: hash) }

    /// `true` if the issuing key it names signed it (whether that is the gemeente's key is for the reader to check).
    public var isValid: Bool { issuingPublicKey.isValidSignature(signature, for: signedBytes) }
}
