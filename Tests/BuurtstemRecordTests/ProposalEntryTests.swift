import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import Testing

/// The proposals log's entry bytes, built here by hand from docs/record.md ("Proposals"), and the JSON line form.
@Suite("Proposal log entries")
struct ProposalEntryTests {
    static func str(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        return [UInt8(bytes.count >> 24 & 0xff), UInt8(bytes.count >> 16 & 0xff), UInt8(bytes.count >> 8 & 0xff), UInt8(bytes.count & 0xff)] + bytes
    }

    static func u64(_ value: UInt64) -> [UInt8] { (0..<8).reversed().map { UInt8(value >> (8 * UInt64($0)) & 0xff) } }

    @Test("a judgement's, a payment's and a co-funding's canonical bytes are tag, log id, sequence, time, proposal, kind and the kind's fields")
    func canonicalBytes() {
        let judgement = ProposalEntry(sequence: 7, timeMillis: 1_000, proposal: 3,
                                      body: .judgement(assessor: "toetser-1", criterion: "bewoners-actief", met: false, reason: "Nee"))
        var expected = Self.str("buurtstem/proposal-entry/v1") + Self.str("proposals/GM0014") + Self.u64(7) + Self.u64(1_000) + Self.u64(3)
        expected += Self.str("judgement") + Self.str("toetser-1") + Self.str("bewoners-actief") + [0] + Self.str("Nee")
        #expect(judgement.canonicalBytes(logId: "proposals/GM0014") == expected)
        #expect(judgement.leafHash(logId: "proposals/GM0014") == SHA.sha256([0] + expected))

        let payment = ProposalEntry(sequence: 8, timeMillis: 2_000, proposal: 3, body: .payment(amountCents: 150_000, milestone: "Geplaatst", evidence: ""))
        var paid = Self.str("buurtstem/proposal-entry/v1") + Self.str("proposals/GM0014") + Self.u64(8) + Self.u64(2_000) + Self.u64(3)
        paid += Self.str("payment") + Self.u64(150_000) + Self.str("Geplaatst") + Self.str("")
        #expect(payment.canonicalBytes(logId: "proposals/GM0014") == paid)

        let criteria = ProposalEntry(sequence: 0, timeMillis: 5, proposal: 0, body: .criteria(set: "s", items: [.init(id: "a", name: "A")]))
        let set = Self.str("buurtstem/proposal-entry/v1") + Self.str("L") + Self.u64(0) + Self.u64(5) + Self.u64(0) + Self.str("criteria")
            + Self.str("s") + [0, 0, 0, 1] + Self.str("a") + Self.str("A")
        #expect(criteria.canonicalBytes(logId: "L") == set)

        let coFunding = ProposalEntry(sequence: 2, timeMillis: 6, proposal: 1,
                                      body: .coFunding(funders: [.init(name: "Woonstichting", cents: 100_000), .init(name: "Fonds", cents: 1)]))
        let pledges = Self.str("buurtstem/proposal-entry/v1") + Self.str("L") + Self.u64(2) + Self.u64(6) + Self.u64(1) + Self.str("co_funding")
            + [0, 0, 0, 2] + Self.str("Woonstichting") + Self.u64(100_000) + Self.str("Fonds") + Self.u64(1)
        #expect(coFunding.canonicalBytes(logId: "L") == pledges)
    }

    @Test("every kind of entry round-trips through its JSON line; an unknown kind is refused")
    func jsonLines() throws {
        let bodies: [ProposalEntry.Body] = [
            .criteria(set: "s", items: [.init(id: "a", name: "A")]),
            .received(area: "BU00140100", title: "Tuin", description: "Groen", requestedCents: 10_000),
            .status(from: .received, to: .inReview, note: ""),
            .interest(assessor: "toetser-2", statement: "buurman"),
            .judgement(assessor: "toetser-1", criterion: "a", met: true, reason: "Ja"),
            .decision(outcome: .admitted, reasons: "Toegelaten"),
            .payment(amountCents: 500, milestone: "Zaad", evidence: "foto.jpg"),
            .funding(amountCents: 400, reason: "plafond"),
            .coFunding(funders: [.init(name: "Woonstichting", cents: 100)]),
        ]
        for (index, body) in bodies.enumerated() {
            let line = ProposalLogLine(ProposalEntry(sequence: UInt64(index), timeMillis: 9, proposal: index == 0 ? 0 : 1, body: body), logId: "L")
            let decoded = try JSONDecoder().decode(ProposalLogLine.self, from: JSONEncoder().encode(line))
            #expect(decoded == line)
        }
        let unknown = Data(#"{"sequence":0,"time_ms":0,"proposal":1,"kind":"bribe","leaf_hash":"00"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ProposalLogLine.self, from: unknown) }
    }
}
