import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// The printable stempas: one A5-size page per pass, in Dutch with English, with the code and its QR.
struct StempasPage: Sendable {
    /// The election's title, escaped.
    let title: String
    /// When the polls open and close, written once for all pages.
    let open: String
    let close: String

    /// The page template of `definition`.
    init(definition: ElectionDefinition) throws {
        title = HTML.escape(definition.title)
        open = Self.formatDate(Date(timeIntervalSince1970: Double(definition.pollsOpenMillis) / 1000))
        close = Self.formatDate(Date(timeIntervalSince1970: Double(definition.pollsCloseMillis) / 1000))
    }

    static func header(title: String) -> String {
        """
        <!doctype html>
        <html lang="nl"><head><meta charset="utf-8"><title>Stempassen \(HTML.escape(title))</title>
        <style>
        @page { size: A5; margin: 12mm; }
        body { font-family: system-ui, sans-serif; color: #000; }
        .pass { page-break-after: always; break-after: page; }
        .address { margin: 10mm 0 12mm; font-size: 12pt; line-height: 1.4; }
        .code { font: bold 17pt ui-monospace, monospace; letter-spacing: 0.06em; margin: 4mm 0; }
        .en { color: #333; font-size: 9.5pt; }
        h1 { font-size: 16pt; margin: 0 0 2mm; }
        </style></head><body>

        """
    }

    static let footer = "</body></html>\n"

    /// One pass's page.
    func render(code: TypeableCode, household: String, address: [String], area: String) throws(QRCodeError) -> String {
        let qr = try QRCode("STEMPAS:\(code.compact)")
        let addressLines = address.isEmpty ? ["Huishouden \(household)"] : address
        return """
        <section class="pass">
        <div class="address">\(addressLines.map(HTML.escape).joined(separator: "<br>"))</div>
        <h1>Uw stempas: \(title)</h1>
        <p>Met deze stempas brengt uw huishouden één stem uit. Neem hem mee naar een stemzuil in de wijk
        (tussen \(open) en \(close)), of typ de code over. De stemzuil houdt de pas in na het stemmen.</p>
        <div class="code">\(code.formatted)</div>
        \(qr.svg(pixels: 150, label: "QR-code van de stempas"))
        <p>Uw stem is geheim: de gemeente bewaart niet welk huishouden welke pas kreeg.
        Na het stemmen krijgt u een bewijs met een volgcode waarmee u kunt nagaan dat uw stem is meegeteld.</p>
        <p class="en">Your voting pass: one vote for your household. Bring it to a voting kiosk in the area, or type the code.
        The kiosk keeps the pass after you vote. The gemeente does not record which household received which pass.
        Your receipt's tracking code lets you check that your ballot was counted.</p>
        <p class="en">Gebied / area: \(HTML.escape(area))</p>
        </section>

        """
    }

    private static func formatDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "d MMMM yyyy HH:mm"
        return formatter.string(from: date)
    }
}
