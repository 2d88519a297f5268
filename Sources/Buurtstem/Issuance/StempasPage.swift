import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// The printable stempas: one A5 letter per pass, in Dutch with a short English summary. It says who sends it, to
/// whom ("Aan de bewoners van" and the address), for which area (by name), whose pass it is where every resident
/// votes ("bewoner 2 van 3"), the code on one line with its QR code, where and when to vote, the paper option,
/// where to read about the projects and where to ask for help. What the store does not hold comes from the
/// letter file (`LetterDetails`); without one the letter says what the data allows.
struct StempasPage: Sendable {
    /// The election's title, escaped.
    let title: String
    /// The sender's lines, escaped.
    let sender: [String]
    /// Where and when to vote, escaped: one line per location.
    let locations: [String]
    /// The paper option, where to read about the projects, and the help line, escaped.
    let paper: String
    let projects: String
    let help: String
    /// Whether each resident (not each household) gets a pass.
    let perResident: Bool
    /// The area names by code.
    let areaNames: [String: String]
    /// The election's fingerprint, once the pre-publication exists: printed on every letter so that residents and
    /// observers can hold the published record against it. Nil until then, and the letter leaves it out.
    let fingerprint: String?

    /// The letter of `definition` sent by `gemeente`; `kiosks` are the kiosks in the store (name, area or nil for
    /// every area), used for the locations when `details` gives none.
    init(definition: ElectionDefinition, gemeente: String, details: LetterDetails, kiosks: [(name: String, area: String?)],
         areaNames: [String: String], fingerprint: String? = nil) {
        let escape = TextEscaping.html
        title = escape(definition.title)
        sender = [escape(details.sender ?? "Gemeente \(gemeente)")] + (details.senderAddress.map { [escape($0)] } ?? [])
        let window = Self.window(open: definition.pollsOpenMillis, close: definition.pollsCloseMillis)
        if details.locations.isEmpty {
            // The store knows the kiosks by name only; the letter says so and gives the polling hours.
            let names = kiosks.map(\.name).sorted()
            locations = [escape(names.isEmpty ? "Bij de stemzuilen in uw wijk, \(window)."
                : "Bij de stemzuil\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")), \(window). Waar die staan, leest u op de website en in de wijkkrant van de gemeente.")]
        } else {
            locations = details.locations.map { "<b>\(escape($0.place))</b>: \(escape($0.when))" }
        }
        paper = escape(details.paper ?? "Kunt u niet naar een stemzuil komen? Vraag bij de gemeente een stembiljet aan; dan stemt u op papier.")
        projects = escape(details.projects ?? "Alle projecten staan op de stemzuil, met wat ze kosten.")
        help = escape(details.help ?? "Vragen of hulp nodig bij het stemmen? Neem contact op met gemeente \(gemeente).")
        perResident = if case .resident = definition.eligibility { true } else { false }
        self.areaNames = areaNames
        self.fingerprint = fingerprint
    }

    /// The letter of `definition` with the gemeente, kiosks and area names of `store`.
    init(definition: ElectionDefinition, store: Store, details: LetterDetails, fingerprint: String? = nil) throws {
        let known = try KnownAreas(store: store)
        let gemeenteName = try store.gemeente().name
        self.init(definition: definition, gemeente: gemeenteName, details: details,
                  kiosks: try store.kiosks(election: definition.id).map { ($0.name, $0.area) },
                  areaNames: Dictionary(uniqueKeysWithValues: Set(definition.contests.map(\.area)).map { code in
                      (code, known.name(of: code) ?? (code == definition.gemeente ? "de gemeente \(gemeenteName)" : code))
                  }), fingerprint: fingerprint)
    }

    static func header(title: String) -> String {
        """
        <!doctype html>
        <html lang="nl"><head><meta charset="utf-8"><title>Stempassen \(TextEscaping.html(title))</title>
        <style>
        @page { size: A5; margin: 10mm 11mm; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 9.5pt/1.3 system-ui, "DejaVu Sans", sans-serif; color: #000; }
        .pass { break-after: page; page-break-after: always; position: relative; }
        .sender { position: absolute; top: 0; right: 0; text-align: right; font-size: 8.5pt; }
        .address { padding-top: 9mm; min-height: 27mm; font-size: 10.5pt; line-height: 1.3; }
        h1 { font-size: 12.5pt; margin: 1mm 0 1mm; }
        h2 { font-size: 10pt; margin: 2mm 0 0.3mm; }
        p, ul { margin: 0.8mm 0; }
        ul { padding-left: 4mm; }
        .pass-box { border: 0.4mm solid #000; padding: 2mm 3mm; margin: 2mm 0.5mm 2mm 0; }
        .qr-row { display: flex; gap: 4mm; align-items: center; }
        .qr-row svg { flex: none; width: 25mm; height: 25mm; }
        .code { font: bold 13pt ui-monospace, "DejaVu Sans Mono", monospace; white-space: nowrap; margin: 0.5mm 0 1mm; }
        .small { font-size: 8pt; }
        .en { font-size: 8pt; color: #222; border-top: 0.2mm solid #666; padding-top: 1mm; margin-top: 2mm; }
        .fingerprint { font: 7.5pt ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
        </style></head><body>

        """
    }

    static let footer = "</body></html>\n"

    /// One pass's letter; `holder` is (number, of) where each resident of a household gets a pass.
    func render(code: TypeableCode, household: String, address: [String], area: String,
                holder: (number: Int, of: Int)?) throws(QRCodeError) -> String {
        let escape = TextEscaping.html
        let qr = try QRCode("STEMPAS:\(code.compact)")
        let areaName = escape(areaNames[area] ?? area)
        let to = address.isEmpty
            ? "Aan de bewoners van huishouden \(escape(household))"
            : "Aan de bewoners van<br>" + address.map(escape).joined(separator: "<br>")
        let whose: String
        let whoseEN: String
        if perResident, let holder, holder.of == 1 {
            whose = "Deze stempas is voor de bewoner van dit adres die mag stemmen."
            whoseEN = "This pass is for the resident at this address who may vote."
        } else if perResident, let holder {
            whose = "Deze stempas is voor <b>bewoner \(holder.number) van \(holder.of)</b> van dit adres die mag stemmen: "
                + "ieder van hen krijgt een eigen stempas en brengt één stem uit."
            whoseEN = "This pass is for resident \(holder.number) of \(holder.of) at this address who may vote; each has their own pass and one vote."
        } else {
            whose = "Met deze stempas brengt uw huishouden één stem uit."
            whoseEN = "With this pass your household casts one vote."
        }
        return """
        <section class="pass">
        <div class="sender">\(sender.joined(separator: "<br>"))<br><span class="fingerprint">vingerafdruk / fingerprint<br>\
        \(LetterFingerprint.start)\(fingerprint.map(escape) ?? LetterFingerprint.placeholder)\(LetterFingerprint.end)</span></div>
        <div class="address">\(to)</div>
        <h1>Uw stempas voor \(title)</h1>
        <p>U mag meebeslissen over de projecten in <b>\(areaName)</b>. \(whose)</p>
        <div class="pass-box"><p>Uw stempascode:</p><div class="code">\(code.formatted)</div>
        <div class="qr-row">\(qr.svg(pixels: 95, label: "QR-code van de stempas"))
        <p class="small">Typ de code over bij de stemzuil of scan de QR-code. Houd de code geheim: wie hem heeft, kan \
        ermee stemmen. Verloren of beschadigd? Meld het bij de gemeente (zie hulp hieronder).</p></div></div>
        <h2>Waar en wanneer stemt u?</h2>
        <ul>\(locations.map { "<li>\($0)</li>" }.joined())</ul>
        <p>Neem deze brief mee. Na het stemmen houdt de stemzuil uw stempas in en krijgt u een bewijs met een volgcode.</p>
        <h2>Op papier stemmen</h2>
        <p>\(paper)</p>
        <h2>De projecten en hulp</h2>
        <p>\(projects) \(help)</p>
        <p class="small">Uw stem is geheim: de gemeente bewaart niet welk huishouden welke stempas kreeg. Met de volgcode \
        controleert u na de stemming dat uw stem is meegeteld.</p>
        <p class="en" lang="en">Your voting pass for \(title), area \(areaName). \(whoseEN) Vote at a kiosk (see above) \
        by typing the code or scanning the QR code, or ask for a paper ballot. Your vote is secret.</p>
        </section>

        """
    }

    /// The polling window in words, in Dutch local time: one day ("op zaterdag 28 november 2026 van 09:00 tot
    /// 20:00 uur") or from one moment to another.
    static func window(open: Int64, close: Int64) -> String {
        let (from, to) = (Date(timeIntervalSince1970: Double(open) / 1000), Date(timeIntervalSince1970: Double(close) / 1000))
        let day = format("EEEE d MMMM yyyy"), time = format("HH:mm")
        if day.string(from: from) == day.string(from: to) {
            return "op \(day.string(from: from)) van \(time.string(from: from)) tot \(time.string(from: to)) uur"
        }
        return "van \(day.string(from: from)) \(time.string(from: from)) tot \(day.string(from: to)) \(time.string(from: to)) uur"
    }

    private static func format(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = pattern
        return formatter
    }
}
