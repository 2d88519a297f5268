import BuurtstemRecord
import Foundation
import GRDB

extension Store {
    /// Every kiosk log's final checkpoint (size and tree head), by kiosk name; the public lot's seed is made from
    /// these. Every kiosk must have been closed, here or at its location and merged.
    public func finalLogHeads(election: String) throws -> [ElectionResult.LogHead] {
        try kiosks(election: election).map { kiosk in
            guard let row = try read({ try Row.fetchOne($0, sql: """
                SELECT size, root FROM checkpoint WHERE electionId = ? AND kiosk = ? AND final = 1 ORDER BY size DESC LIMIT 1
                """, arguments: [election, kiosk.name]) }) else {
                throw BuurtstemError(.wrongState, "kiosk \(kiosk.name) of '\(election)' has no final checkpoint: close it in the store of its "
                    + "location and merge that store here", remedy: .closePolls(election: election, kiosk: kiosk.name))
            }
            let (size, root) = try KioskLog(store: self, election: election, kiosk: kiosk.name).treeHead()
            guard size == UInt64(row["size"] as Int64), root == [UInt8](row["root"] as Data) else {
                throw BuurtstemError(.conflict, "kiosk \(kiosk.name)'s log does not match its final checkpoint; check the store and report it", remedy: .checkStore)
            }
            return ElectionResult.LogHead(kiosk: kiosk.name, size: size, root: root)
        }
    }
}
