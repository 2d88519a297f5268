internal import CSodium

/// The prime-order group ristretto255 (RFC 9496) over libsodium's `crypto_core_ristretto255_*` and
/// `crypto_scalarmult_ristretto255`: the group of the secret ballot's ElGamal encryption, its proofs and the mix.
///
/// Two pitfalls of libsodium are handled here once, so no caller meets them:
/// - libsodium accepts the identity (32 zero bytes) as a valid point, and `crypto_scalarmult_ristretto255` fails
///   when its result is the identity. `Point(canonical:)` refuses the identity unless asked to accept it, and
///   multiplication returns `Point.identity` for such a result instead of failing.
/// - libsodium's point multiplication uses a scalar's bytes as they are, without reducing them modulo ℓ.
///   `Scalar` is always reduced: `Scalar(canonical:)` refuses 32 bytes that encode ℓ or more.
public enum Ristretto255 {
    /// The length of an encoded point or scalar: 32 bytes.
    public static let encodedLength = 32

    /// The length of the input of `Point.fromHash` and `Scalar.reducing(wide:)`: 64 bytes.
    public static let wideLength = 64
}
