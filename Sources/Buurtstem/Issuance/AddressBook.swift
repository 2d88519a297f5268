import BuurtstemCrypto
import Foundation

/// The address lines of a register file, read only to print passes or cheques and never stored.
///
/// The file must be the very file the snapshot was imported from (same SHA-256), so a print run can never put a
/// household's pass on another household's address.
public struct AddressBook: Sendable {
    private let lines: [String: [String]]

    /// Reads `bytes` (the file named `file`) for `snapshot`; refuses a file other than the one imported.
    public init(_ bytes: [UInt8], file: String, snapshot: RegisterSnapshot) throws {
        guard SHA.sha256(bytes) == [UInt8](snapshot.sourceSHA256) else {
            throw BuurtstemError(.badInput, "\(file) is not the file register snapshot \(snapshot.id ?? 0) was imported from "
                + "(\(snapshot.sourceName), SHA-256 \(Hex.encode(snapshot.sourceSHA256).prefix(16))...); "
                + "give that exact file, unchanged, as the address file")
        }
        let table = try CSVTable(bytes, file: file, required: ["household_id", "buurt", "residents", "eligible"], prefixes: ["address"])
        var lines: [String: [String]] = [:]
        for row in table.rows {
            lines[row["household_id"]] = row.values(prefixed: "address").filter { !$0.isEmpty }
        }
        self.lines = lines
    }

    /// The address lines of a household (empty if it has none).
    public func address(of household: String) -> [String] {
        lines[household] ?? []
    }
}
