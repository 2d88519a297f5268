import Testing
@testable import Buurtstem

@Suite("Text files are UTF-8 or refused")
struct UTF8TextTests {
    @Test("valid UTF-8 is read as is, a byte-order mark is skipped")
    func valid() throws {
        #expect(try UTF8Text.decode(Array("id: x\ntitle: Één\n".utf8), file: "f.yaml") == "id: x\ntitle: Één\n")
        #expect(try UTF8Text.decode([0xEF, 0xBB, 0xBF] + Array("a".utf8), file: "f.yaml") == "a")
    }

    static let cases: [([UInt8], Int)] = [
        (Array("a\nb\n".utf8) + [0xE9] + Array("t\n".utf8), 3),
        ([0xFF], 1),
        (Array("x\n\n\ny".utf8) + [0xC3], 4),
    ]

    @Test("a byte that is not UTF-8 names its line", arguments: cases)
    func invalid(bytes: [UInt8], line: Int) throws {
        let error = #expect(throws: InputError.self) { try UTF8Text.decode(bytes, file: "plan.yaml") }
        #expect(error?.problems.first?.line == line)
        #expect(error?.description.contains("plan.yaml:\(line): the line is not valid UTF-8") == true)
    }
}
