import BuurtstemCrypto
import Foundation

/// Hex forms of the group values in a secret election's files (docs/record.md, "Secret elections: the record"):
/// a ciphertext is 128 lower-case hex digits (α ‖ β), a point or scalar 64; a reader refuses upper case and
/// non-canonical values.
public enum SecretHex {
    /// The ciphertext of `text`, or nil.
    public static func ciphertext(_ text: String) -> ElGamalCiphertext? {
        guard Hex.isLowercase(text), let bytes = Hex.decode(text) else { return nil }
        return ElGamalCiphertext(bytes: bytes)
    }

    /// The point of `text` (not the identity), or nil.
    public static func point(_ text: String) -> Ristretto255.Point? {
        guard Hex.isLowercase(text), let bytes = Hex.decode(text) else { return nil }
        return Ristretto255.Point(canonical: bytes)
    }

    /// The scalar of `text` (less than ℓ), or nil.
    public static func scalar(_ text: String) -> Ristretto255.Scalar? {
        guard Hex.isLowercase(text), let bytes = Hex.decode(text) else { return nil }
        return Ristretto255.Scalar(canonical: bytes)
    }

    /// A decoding error at `path` for a value that is not of its kind.
    static func error(_ decoder: any Decoder, _ what: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not \(what) in lower-case hex"))
    }

    /// The ciphertexts of `texts`, or a decoding error.
    static func ciphertexts(_ texts: [String], _ decoder: any Decoder) throws -> [ElGamalCiphertext] {
        try texts.map { text in
            guard let value = ciphertext(text) else { throw error(decoder, "a canonical ciphertext (128 digits)") }
            return value
        }
    }
}
