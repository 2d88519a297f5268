import Foundation
import BuurtstemCrypto
import Testing

@Suite("Typeable codes")
struct TypeableCodeTests {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test("a code reads back to its bytes, grouped or not, in any case, with I/L/O read as 1/1/0")
    func roundTrip() throws {
        for format in [CodeFormat.stempas, .cheque] {
            for _ in 0..<200 {
                let code = TypeableCode.random(format)
                #expect(code.compact.count == format.dataLength + 1)
                #expect(try TypeableCode(parsing: code.formatted, format: format) == code)
                #expect(try TypeableCode(parsing: code.compact.lowercased(), format: format) == code)
                let sloppy = code.formatted.replacingOccurrences(of: "1", with: "l").replacingOccurrences(of: "0", with: "O")
                #expect(try TypeableCode(parsing: sloppy, format: format) == code)
            }
        }
        #expect(CodeFormat.stempas.dataLength * 5 >= 128)
        #expect(CodeFormat.cheque.dataLength * 5 >= 80)
    }

    @Test("every single mistyped character is reported as a typing error")
    func singleSubstitution() throws {
        for format in [CodeFormat.stempas, .cheque] {
            for _ in 0..<20 {
                let compact = Array(TypeableCode.random(format).compact)
                for position in compact.indices {
                    for replacement in Self.alphabet where replacement != compact[position] {
                        var typo = compact
                        typo[position] = replacement
                        #expect(throws: CodeError(kind: .checkMismatch, format: format.name)) {
                            try TypeableCode(parsing: String(typo), format: format)
                        }
                    }
                }
            }
        }
    }

    @Test("every swap of two different characters is detected")
    func transpositions() throws {
        let compact = Array(TypeableCode.random(.stempas).compact)
        for i in compact.indices {
            for j in compact.indices where j > i && compact[i] != compact[j] {
                var swapped = compact
                swapped.swapAt(i, j)
                #expect(throws: CodeError.self) { try TypeableCode(parsing: String(swapped), format: .stempas) }
            }
        }
    }

    @Test("invalid characters and wrong lengths get their own messages")
    func otherErrors() throws {
        let code = TypeableCode.random(.cheque).compact
        var withU = Array(code)
        withU[4] = "U"
        #expect(throws: CodeError(kind: .invalidCharacter("U", position: 5), format: "cheque")) {
            try TypeableCode(parsing: String(withU), format: .cheque)
        }
        #expect(throws: CodeError(kind: .wrongLength(found: 16, expected: 17), format: "cheque")) {
            try TypeableCode(parsing: String(code.dropLast()), format: .cheque)
        }
        let message = CodeError(kind: .checkMismatch, format: "stempas").description
        #expect(message.contains("typing error"))
    }

    @Test("a cheque code is not accepted as a stempas code")
    func formatsDiffer() {
        let cheque = TypeableCode.random(.cheque)
        #expect(throws: CodeError.self) { try TypeableCode(parsing: cheque.formatted, format: .stempas) }
    }
}
