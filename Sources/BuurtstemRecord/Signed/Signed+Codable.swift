import BuurtstemCrypto

// Keys, signatures and hashes appear in record files as lower-case hex strings; upper case is refused when read
// (docs/record.md, "Conventions"), so each value has one written form.

/// The error for hex in a record that is not lower case.
func upperCaseHex(_ decoder: any Decoder, _ text: String) -> DecodingError {
    .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text.prefix(80))' is not lower-case hex (a record writes hex in lower case)"))
}

extension PublicKey: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard Hex.isLowercase(text) else { throw upperCaseHex(decoder, text) }
        do { try self.init(hex: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

extension Signature: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard Hex.isLowercase(text) else { throw upperCaseHex(decoder, text) }
        do { try self.init(hex: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
