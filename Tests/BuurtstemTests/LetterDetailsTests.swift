import Buurtstem
import Testing

/// The letter file (`--letter`): what the stempas and cheque letters say beyond the store's data.
@Suite("letter file")
struct LetterDetailsTests {
    @Test("a full letter file is read; every key may be left out")
    func reads() throws {
        let text = """
            sender: Gemeente Groningen, wijkteam Korrewegwijk
            sender_address: Postbus 30026, 9700 RM Groningen
            locations:
              - place: Bibliotheek Korrewegwijk, Korreweg 150
                when: zaterdag 28 november, 9.00 tot 20.00 uur
            paper: Bel 14 050 voor een stembiljet.
            projects: www.groningen.nl/wijkstemdag
            help: Vragen? Bel 14 050.
            title: Buurtcheque najaar 2026
            redeem: Wijkbureau Korrewegwijk
            """
        let details = try LetterDetails.parse(Array(text.utf8), file: "letter.yaml")
        #expect(details.sender == "Gemeente Groningen, wijkteam Korrewegwijk" && details.senderAddress == "Postbus 30026, 9700 RM Groningen")
        #expect(details.locations == [.init(place: "Bibliotheek Korrewegwijk, Korreweg 150", when: "zaterdag 28 november, 9.00 tot 20.00 uur")])
        #expect(details.paper != nil && details.projects != nil && details.help != nil && details.title != nil && details.redeem != nil)
        #expect(try LetterDetails.parse(Array("help: Bel 14 050\n".utf8), file: "l.yaml") == LetterDetails(help: "Bel 14 050"))
    }

    @Test("a misspelt key, a location without its time, a text too long and invalid UTF-8 are refused with the line")
    func refuses() {
        func problems(_ bytes: [UInt8]) -> String {
            do {
                _ = try LetterDetails.parse(bytes, file: "letter.yaml")
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        let typo = problems(Array("sender: Gemeente Groningen\nhlep: Bel 14 050\n".utf8))
        #expect(typo.contains("letter.yaml:2") && typo.contains("unknown key 'hlep'"), "\(typo)")
        let location = problems(Array("locations:\n  - place: Bibliotheek\n".utf8))
        #expect(location.contains("'when' is missing"), "\(location)")
        let long = problems(Array("help: \(String(repeating: "a", count: 201))\n".utf8))
        #expect(long.contains("at most 200"), "\(long)")
        #expect(problems([0x68, 0x65, 0x6C, 0x70, 0x3A, 0x20, 0xFF, 0x0A]).contains("not valid UTF-8"))
    }
}
