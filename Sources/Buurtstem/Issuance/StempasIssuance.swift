import BuurtstemCrypto
import BuurtstemRecord
import Dispatch
import Foundation
import GRDB

/// `buurtstem stempas issue`: one stempas per household (or eligible resident) of the election's snapshot.
///
/// Print and forget: each pass's secret code goes to the print output only; the store keeps the public key, the
/// area and the gemeente's signature, in order of public key, so not even the order links a pass to a household.
/// The issued set is fixed by a signed commitment (Merkle root, count per area) before the polls open.
public struct StempasIssuance: Sendable {
    /// What an issuance did.
    public struct Summary: Sendable, Codable {
        /// The election.
        public let election: String
        /// Passes issued.
        public let total: UInt64
        /// Passes per contest area.
        public let areas: [IssuedPassCommitment.AreaCount]
        /// The Merkle root over the issued tokens, hex.
        public let root: String
        /// Where the print output is.
        public let printFolder: String
        /// Households in the snapshot that live outside every contest's area (no pass).
        public let householdsOutsideContests: Int
    }

    /// Passes per HTML print file.
    public static let pagesPerFile = 1000

    /// Issues the passes of `electionId`, writing print output to `printFolder`; `addresses` is the register
    /// file, if the passes should carry addresses; `letter` what the letters say beyond the store's data.
    /// Reports progress as (done, total).
    public static func issue(
        election electionId: String, store: Store, issuingKey: SigningKey, addresses: AddressBook?,
        printFolder: URL, letter: LetterDetails = LetterDetails(), progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws -> Summary {
        var election = try store.election(electionId)
        guard election.state == .created else {
            throw BuurtstemError(.wrongState, "the passes of '\(electionId)' were already issued; an election's pass set is fixed once committed")
        }
        guard issuingKey.publicKey == (try store.issuingPublicKey()) else {
            throw BuurtstemError(.keys, "the issuing key given is not this gemeente's; use the key file made when the gemeente was initialised")
        }
        let definition = try election.decodedDefinition()
        let recipients = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT h.householdId, h.eligible, h.buurtCode, b.wijkCode FROM household h JOIN buurt b ON b.code = h.buurtCode
                WHERE h.snapshotId = ? ORDER BY h.householdId
                """, arguments: [definition.registerSnapshot])
        }
        // Who gets how many passes for which contest; each pass also gets its household's reach group (a buurt of
        // enough households, or small buurten merged), never anything finer (docs/reports.md, "Privacy").
        var plan: [(household: String, area: String)] = []
        var planGroups: [String] = []
        var outside = 0
        let contestAreas = Set(definition.contests.map(\.area))
        var buurtHouseholds: [String: Int64] = [:]
        for row in recipients {
            let wijk: String = row["wijkCode"]
            let area = contestAreas.contains(definition.gemeente) ? definition.gemeente : wijk
            if contestAreas.contains(area) { buurtHouseholds[row["buurtCode"], default: 0] += 1 }
        }
        let groups = ReachGroup.groups(households: buurtHouseholds, wijkOf: AreaCode.wijk(ofBuurt:))
        let groupOf = Dictionary(uniqueKeysWithValues: groups.flatMap { group in group.buurten.map { ($0, group.code) } })
        for row in recipients {
            let wijk: String = row["wijkCode"]
            let area = contestAreas.contains(definition.gemeente) ? definition.gemeente : wijk
            guard contestAreas.contains(area) else { outside += 1; continue }
            let count: Int = switch definition.eligibility {
            case .household: 1
            case .resident: row["eligible"]
            }
            for _ in 0..<count {
                plan.append((row["householdId"], area))
                planGroups.append(groupOf[row["buurtCode"] as String] ?? wijk)
            }
        }
        guard !plan.isEmpty else {
            throw BuurtstemError(.badInput, "no household of register snapshot \(definition.registerSnapshot) lives in the election's areas; check the contests' areas")
        }

        // Secrets, keys and signatures: the expensive part, spread over all cores.
        let issued = makePasses(plan: plan, election: definition.id, issuingKey: issuingKey, progress: progress)

        // Print output first (to a .partial folder), so no committed pass can lack its printed code.
        let writer = try PrintWriter(folder: printFolder)
        let page = try StempasPage(definition: definition, store: store, details: letter)
        try writePrint(issued: issued, plan: plan, page: page, definition: definition, addresses: addresses, writer: writer)

        // The store: tokens in order of public key, the commitment over the same order.
        let order = issued.indices.sorted { issued[$0].token.pass < issued[$1].token.pass }
        var log = MerkleLog()
        var perArea: [String: UInt64] = [:]
        for index in order {
            log.append(leafHash: issued[index].token.leafHash)
            perArea[issued[index].token.area, default: 0] += 1
        }
        let areas = perArea.keys.sorted().map { IssuedPassCommitment.AreaCount(area: $0, count: perArea[$0]!) }
        let commitment = IssuedPassCommitment(election: definition.id, definitionHash: definition.hash, areas: areas,
                                              root: log.root, issuingKey: issuingKey)
        try store.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO pass (electionId, publicKey, area, signature) VALUES (?, ?, ?, ?)")
            let groupStatement = try db.makeStatement(sql: "INSERT INTO passReachGroup (electionId, publicKey, groupCode) VALUES (?, ?, ?)")
            for index in order {
                let token = issued[index].token
                try statement.execute(arguments: [definition.id, Data(token.pass.bytes), token.area, Data(token.signature.bytes)])
                try groupStatement.execute(arguments: [definition.id, Data(token.pass.bytes), planGroups[index]])
            }
            for group in groups {
                for buurt in group.buurten {
                    try db.execute(sql: """
                        INSERT INTO reachGroupBuurt (electionId, buurtCode, groupCode, wijkCode, households) VALUES (?, ?, ?, ?, ?)
                        """, arguments: [definition.id, buurt, group.code, group.wijk, buurtHouseholds[buurt] ?? 0])
                }
            }
            election.state = .issued
            election.issuedRoot = Data(commitment.root)
            election.issuedAreas = String(decoding: try JSONEncoder().encode(areas), as: UTF8.self)
            election.issuedSignature = Data(commitment.signature.bytes)
            try election.update(db)
        }
        try writer.finish()
        return Summary(election: definition.id, total: commitment.total, areas: areas, root: Hex.encode(commitment.root),
                       printFolder: printFolder.path, householdsOutsideContests: outside)
    }

    /// A pass as made: the code to print and the token to store.
    struct IssuedPass: Sendable {
        let code: TypeableCode
        let token: PassToken
    }

    private static func makePasses(plan: [(household: String, area: String)], election: String, issuingKey: SigningKey,
                                   progress: @Sendable (Int, Int) -> Void) -> [IssuedPass] {
        let chunk = 2048
        let chunks = (plan.count + chunk - 1) / chunk
        let done = Counter()
        return ParallelMap.each(chunks) { part in
            let range = part * chunk..<min(plan.count, (part + 1) * chunk)
            var passes: [IssuedPass] = []
            passes.reserveCapacity(range.count)
            for index in range {
                let code = TypeableCode.random(.stempas)
                let key = PassToken.passKey(secret: code.bytes)
                passes.append(IssuedPass(code: code, token: PassToken(election: election, area: plan[index].area,
                                                                      pass: key.publicKey, issuingKey: issuingKey)))
            }
            progress(done.add(range.count), plan.count)
            return passes
        }.flatMap { $0 }
    }

    /// Writes the print output: the CSV and one HTML file per `pagesPerFile` passes. Pages (QR codes, text) are
    /// rendered on all cores a few files at a time, then written in order, so memory stays at a few files' worth.
    private static func writePrint(issued: [IssuedPass], plan: [(household: String, area: String)], page: StempasPage,
                                   definition: ElectionDefinition, addresses: AddressBook?, writer: PrintWriter) throws {
        // Where every resident gets a pass, a household's passes are consecutive in the plan: number them 1 of n.
        var numbered: [(number: Int, of: Int)] = []
        numbered.reserveCapacity(plan.count)
        var start = 0
        while start < plan.count {
            var end = start + 1
            while end < plan.count && plan[end].household == plan[start].household { end += 1 }
            for index in start..<end { numbered.append((index - start + 1, end - start)) }
            start = end
        }
        let holders = numbered
        let files = (issued.count + pagesPerFile - 1) / pagesPerFile
        let batch = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
        try writer.append("household_id,area,code,\(addressHeader)\n", to: "stempassen.csv")
        for first in stride(from: 0, to: files, by: batch) {
            let count = min(batch, files - first)
            let rendered = ParallelMap.each(count) { offset -> Result<(csv: String, html: String), QRCodeError> in
                let range = (first + offset) * pagesPerFile..<min(issued.count, (first + offset + 1) * pagesPerFile)
                var csv = "", html = StempasPage.header(title: definition.title)
                do throws(QRCodeError) {
                    for index in range {
                        let household = plan[index].household
                        let address = addresses?.address(of: household) ?? []
                        let pass = issued[index]
                        csv += "\(TextEscaping.csv(household)),\(pass.token.area),\(pass.code.formatted),"
                            + (0..<3).map { TextEscaping.csv($0 < address.count ? address[$0] : "") }.joined(separator: ",") + "\n"
                        html += try page.render(code: pass.code, household: household, address: address, area: pass.token.area,
                                                holder: holders[index])
                    }
                    return .success((csv, html + StempasPage.footer))
                } catch {
                    return .failure(error)
                }
            }
            for (offset, result) in rendered.enumerated() {
                let (csv, html) = try result.get()
                let name = "stempassen-\(String(format: "%04d", first + offset + 1)).html"
                try writer.append(csv, to: "stempassen.csv")
                try writer.append(html, to: name)
                try writer.close(name)
            }
        }
        try writer.append("""
            Print and forget / Printen en vergeten
            These files link each household to its stempas code. Print them, check the print, then destroy these files
            (shred or securely delete). Buurtstem keeps no copy and no link between households and passes.
            Deze bestanden koppelen huishoudens aan stempascodes. Print ze, controleer de print en vernietig daarna deze bestanden.
            Print only after the election's pre-publication was made with this folder as its print folder: it puts the election's fingerprint on every letter.
            Drukt u pas nadat de stemming vooraf is gepubliceerd met deze map als drukmap: dan staat de vingerafdruk van de stemming op elke brief.

            """, to: "LEESMIJ-README.txt")
    }

    private static let addressHeader = "address_line_1,address_line_2,address_line_3"
}
