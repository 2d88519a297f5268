import BuurtstemCrypto

/// The canonical choice bytes of a ballot: what a secret ballot encrypts (docs/record.md, "Secret elections: the
/// record"). They are the choices part of a v2 ballot's signed bytes: `u32(number of choices) || for each choice:
/// str(project) || u32(value)`, in canonical order.
public enum ChoiceBytes {
    /// The bytes of `choices` (already in canonical order).
    public static func encode(_ choices: [Choice]) -> [UInt8] {
        var w = ByteWriter()
        w.append(u32: UInt32(choices.count))
        for choice in choices {
            w.append(string: choice.project)
            w.append(u32: choice.value)
        }
        return w.bytes
    }

    /// The choices `bytes` encode, or nil when they are not exactly such bytes (a short or long field, bytes left
    /// over, a project id that is not UTF-8): a decrypted plaintext that is not a ballot, counted as invalid.
    public static func decode(_ bytes: [UInt8]) -> [Choice]? {
        var position = 0
        func u32() -> UInt32? {
            guard bytes.count - position >= 4 else { return nil }
            defer { position += 4 }
            return bytes[position..<position + 4].reduce(0) { $0 << 8 | UInt32($1) }
        }
        guard let count = u32(), count <= UInt32(bytes.count) else { return nil }
        var choices: [Choice] = []
        for _ in 0..<count {
            guard let length = u32().map(Int.init), bytes.count - position >= length,
                  let project = String(validating: bytes[position..<position + length], as: UTF8.self) else { return nil }
            position += length
            guard let value = u32() else { return nil }
            choices.append(Choice(project: project, value: value))
        }
        return position == bytes.count ? choices : nil
    }
}
