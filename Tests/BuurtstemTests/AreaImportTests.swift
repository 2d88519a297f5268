import Buurtstem
import Testing

@Suite("Areas")
struct AreaImportTests {
    @Test("the shipped areas import; importing again renames and adds, never duplicates")
    func reimport() throws {
        let (store, _) = try groningenStore()
        let again = try AreaImport.run(.init(csv: "code,name\nWK001401,Korrewegwijk e.o.\nWK001405,Beijum\nBU00140500,Beijum-Oost\n"),
                                       file: "areas2.csv", into: store)
        #expect(again == AreaImport.Summary(wijkenAdded: 1, buurtenAdded: 1, renamed: 1, unchanged: 0))
    }

    @Test("bad codes, a wrong wijk, another gemeente and a missing wijk are each reported")
    func problems() throws {
        let (store, _) = try groningenStore()
        let csv = """
        code,name,wijk
        WK0014X1,Foute wijk,
        BU00140200,Oosterparkwijk,WK001401
        WK036301,Amsterdam Centrum,
        BU00140900,Nergens,
        BU00140100,,
        """
        let error = #expect(throws: InputError.self) { try AreaImport.run(.init(csv: csv), file: "a.csv", into: store) }
        let problems = error?.problems ?? []
        #expect(problems.map(\.line) == [2, 3, 4, 5, 6])
        #expect(problems[1].message.contains("lies in wijk WK001402"))
        #expect(problems[2].message.contains("not in gemeente GM0014"))
        #expect(problems[3].message.contains("WK001409, which is neither in this file nor stored"))
        #expect(problems[4].field == "name")
    }
}
