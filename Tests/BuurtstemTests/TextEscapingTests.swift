import Testing
@testable import Buurtstem

@Suite("One escaping for HTML and CSV")
struct TextEscapingTests {
    @Test("CSV fields are quoted when needed and formulas are defused", arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("+31 6", "'+31 6"), ("-fout", "'-fout"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("-12.50", "-12.50"), ("+5", "+5"), ("", ""),
    ])
    func csv(field: String, expected: String) {
        #expect(TextEscaping.csv(field) == expected)
    }

    @Test("HTML escapes every character that could open markup or close an attribute")
    func html() {
        #expect(TextEscaping.html("<b a=\"1\" c='2'>&</b>") == "&lt;b a=&quot;1&quot; c=&#39;2&#39;&gt;&amp;&lt;/b&gt;")
        #expect(TextEscaping.html("Groen schoolplein") == "Groen schoolplein")
    }

    @Test("amounts: one reader, a Dutch and a plain writer", arguments: [
        ("7.50", Int64(750)), ("7,5", 750), ("EUR 150", 15_000), ("€ 1234,05", 123_405), ("1.234,50", nil), ("7.505", nil), ("", nil), ("-3", nil),
    ])
    func money(text: String, cents: Int64?) {
        #expect(Money.cents(text) == cents)
    }

    @Test("amounts are written with grouping the Dutch way and plainly for files")
    func moneyFormats() throws {
        #expect(Money.format(8_500_000) == "€ 85.000,00")
        #expect(Money.format(-705) == "-€ 7,05")
        #expect(Money.plain(750) == "7.50" && Money.plain(-5) == "-0.05")
        #expect(throws: BuurtstemError.self) { try Money.parse("0", what: "--value") }
        #expect(throws: BuurtstemError.self) { try Money.parse("100000001", what: "--value") }
        #expect(try Money.parse("7,50", what: "--value") == 750)
    }
}
