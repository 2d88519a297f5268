import BuurtstemRecord

extension Ballot {
    /// The definition hash a stored ballot of signed-bytes `version` signed: nil for v1 (cast before issue 15's
    /// migration), `definitionHash` for v2.
    static func boundHash(version: Int64, _ definitionHash: [UInt8]) -> [UInt8]? {
        version >= 2 ? definitionHash : nil
    }
}
