import Buurtstem
import Foundation
import Testing

@Suite("QR codes")
struct QRCodeTests {
    @Test("a code's QR has the finder patterns in three corners and an SVG with one path")
    func finderPatterns() throws {
        let qr = try QRCode("BUURTSTEM:ABCD-EFGH-JKMN-PQRS-T")
        #expect(qr.size >= 21 && (qr.size - 21) % 4 == 0)
        for (row, column) in [(0, 0), (0, qr.size - 7), (qr.size - 7, 0)] {
            // A finder pattern: dark 7x7 border, light ring, dark 3x3 centre.
            #expect(qr[row, column] && qr[row + 6, column + 6] && qr[row + 3, column + 3])
            #expect(!qr[row + 1, column + 1] && !qr[row + 5, column + 5])
        }
        let svg = qr.svg(label: "QR-code")
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(try QRCode("a") != QRCode("b"))
    }
}
