import BuurtstemCrypto
import Foundation

/// Reads the election key from an `election-key.json` (the file the trustees' ceremony combines; issue 16c): only
/// the fields a secret election needs, `public_key` (Y), `threshold` (t) and `verification_keys` (V_1 … V_n), each
/// point canonical and not the identity. Other fields (the ceremony hash, the dealings) are kept in the file, whose
/// SHA-256 the definition signs, but not read here.
public enum ElectionKeyReader {
    /// The key in `bytes`, read from `file`; errors say which field is wrong and what to do.
    public static func read(_ bytes: [UInt8], file: String) throws -> ElectionKey {
        func fail(_ message: String) -> UsageError {
            UsageError("\(file): \(message); use the election-key.json that 'buurtstem trustees combine' wrote")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw fail("is not a JSON object")
        }
        func point(_ value: Any?, _ field: String) throws -> Ristretto255.Point {
            guard let text = value as? String, Hex.isLowercase(text), let raw = Hex.decode(text),
                  let point = Ristretto255.Point(canonical: raw) else {
                throw fail("\(field) is not a canonical ristretto255 point other than the identity (64 lower-case hex digits)")
            }
            return point
        }
        let publicKey = try point(object["public_key"], "public_key")
        guard let threshold = object["threshold"] as? Int else { throw fail("threshold is missing or not a whole number") }
        guard let list = object["verification_keys"] as? [Any], !list.isEmpty else { throw fail("verification_keys is missing or empty") }
        let keys = try list.enumerated().map { try point($1, "verification_keys[\($0)]") }
        if let trustees = object["trustees"] as? Int, trustees != keys.count {
            throw fail("it names \(trustees) trustees but has \(keys.count) verification keys")
        }
        guard let key = ElectionKey(publicKey: publicKey, threshold: threshold, verificationKeys: keys) else {
            throw fail("a threshold of \(threshold) of \(keys.count) trustees is not possible")
        }
        return key
    }
}
