import Foundation
import Testing
import BuurtstemRecord

@Suite("The published allocation rule is typed")
struct AllocationSpecTests {
    static func json(rule: String = "mes", completion: String = "add1", tieBreak: String = "cost-votes") -> Data {
        Data(#"{"rule":"\#(rule)","satisfaction":"cost","completion":"\#(completion)","tie_break":"\#(tieBreak)"}"#.utf8)
    }

    @Test("published names read as their cases and print as themselves")
    func roundTrip() throws {
        let spec = try JSONDecoder().decode(AllocationSpec.self, from: Self.json())
        #expect(spec == AllocationSpec(rule: .mes, satisfaction: .cost, completion: .add1, tieBreak: .costVotes))
        #expect("\(spec.rule) \(spec.completion!) \(spec.tieBreak)" == "mes add1 cost-votes")
        #expect(AllocationRule.greedyNoSkip.description == "greedy-no-skip")
    }

    @Test("an unknown rule, completion or tie-break is refused, never read as another", arguments: [
        json(rule: "greedy-lottery"), json(completion: "add2"), json(tieBreak: "coin"), json(tieBreak: "LEXICO"),
    ])
    func unknown(data: Data) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AllocationSpec.self, from: data) }
    }
}
