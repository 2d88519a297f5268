import BuurtstemCrypto
import Foundation

/// Writes what a print shop needs for a round: per buurt an HTML file with one A5 letter per household (the sender,
/// "Aan de bewoners van" and the address, the round by its name, the code and QR code, where to hand it in, a help
/// line; in Dutch with a short English part) and one CSV of every cheque, streamed as the codes are made. The folder
/// is the only place codes and households meet; its read-me says to destroy it after printing.
final class ChequePrintWriter {
    /// Names of the areas a page mentions.
    struct Areas {
        /// Buurt code to (buurt name, wijk name).
        let buurten: [String: (name: String, wijkName: String)]
    }

    /// The marker present while the folder is incomplete: its codes are not valid until the issue is committed.
    static let incompleteMarker = "ONVOLLEDIG-INCOMPLETE.txt"
    /// The read-me written once the issue is committed.
    static let readMe = "LEES-MIJ-README.txt"
    /// The CSV of every cheque.
    static let csvName = "cheques.csv"

    let folder: URL
    private let round: ChequeRound
    private let gemeente: Gemeente
    private let areas: Areas
    private let redeemURL: String?
    private let details: LetterDetails
    private let addressColumns: [String]
    private let csv: BufferedTextFile
    private var pages: [String: BufferedTextFile] = [:]
    private var pageText: [String: (sender: String, intro: String, after: String)] = [:]
    private(set) var files: [String] = []

    /// Prepares `folder` (new or empty; created with mode 0700) for `round`; `addressColumns` are the register
    /// file's `address...` column names, empty when printing without addresses.
    init(folder: URL, round: ChequeRound, gemeente: Gemeente, areas: Areas, addressColumns: [String], redeemURL: String?,
         details: LetterDetails = LetterDetails()) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue, (try manager.contentsOfDirectory(atPath: folder.path)).isEmpty else {
                throw BuurtstemError(.badInput, "the print folder \(folder.path) exists and is not an empty folder; choose a new folder "
                    + "(a folder holding \(Self.incompleteMarker) is left from an interrupted issue: delete it)")
            }
        } else {
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw BuurtstemError(.fileSystem, "cannot create the print folder \(folder.path): \(error.localizedDescription)")
            }
        }
        self.folder = folder
        self.round = round
        self.gemeente = gemeente
        self.areas = areas
        self.redeemURL = redeemURL
        self.details = details
        self.addressColumns = addressColumns
        try Data("""
            Deze map is onvolledig: de uitgifte van cheques van ronde \(round.id) is niet afgerond. Niet drukken.
            This folder is incomplete: issuing the cheques of round \(round.id) did not finish. Do not print it.

            """.utf8).write(to: folder.appendingPathComponent(Self.incompleteMarker))
        csv = try BufferedTextFile(path: folder.appendingPathComponent(Self.csvName).path, private: true)
        files.append(Self.csvName)
        try csv.write((["household_id", "buurt"] + addressColumns + ["code"]).map(TextEscaping.csv).joined(separator: ",") + "\n")
    }

    /// One household's cheque to print.
    struct Item: Sendable {
        /// The household's pseudonymous id.
        let householdId: String
        /// Its buurt.
        let buurt: String
        /// Its address lines (empty without an address file).
        let address: [String]
        /// Its cheque's code.
        let code: TypeableCode
    }

    /// Adds a batch of cheques: a page each in its buurt's HTML file and a CSV row each, in order.
    ///
    /// The pages (mostly QR encoding) are rendered on every core, then written in order by this thread.
    func write(_ items: [Item]) throws {
        for item in items where pages[item.buurt] == nil { try openPageFile(buurt: item.buurt) }
        let texts = pageText
        let prefix = redeemURL ?? ""
        let pagesInOrder = try ParallelMap.map(items) { item in
            Result { try Self.page(item, text: texts[item.buurt]!, qrPrefix: prefix) }
        }.map { try $0.get() }
        for (item, page) in zip(items, pagesInOrder) {
            try csv.write(([item.householdId, item.buurt] + item.address + [item.code.formatted]).map(TextEscaping.csv)
                .joined(separator: ",") + "\n")
            try pages[item.buurt]!.write(page)
        }
    }

    /// One household's page.
    private static func page(_ item: Item, text: (sender: String, intro: String, after: String), qrPrefix: String) throws -> String {
        let formatted = item.code.formatted
        let addressLines = item.address.filter { !$0.isEmpty }
        let addressHTML = addressLines.isEmpty
            ? "Aan de bewoners van huishouden \(TextEscaping.html(item.householdId))"
            : "Aan de bewoners van<br>" + addressLines.map(TextEscaping.html).joined(separator: "<br>")
        let qr = try QRCode(qrPrefix + formatted).svg(pixels: 150, label: "QR-code / QR code")
        return "<section class=\"cheque\">\n\(text.sender)<div class=\"address\">\(addressHTML)</div>\n\(text.intro)"
            + "<div class=\"code\">\(formatted)</div>\n<div class=\"qr\">\(qr)</div>\n\(text.after)</section>\n"
    }

    /// Closes and flushes every file. The folder still carries the incomplete marker.
    func finish() throws {
        try csv.finish()
        for file in pages.values {
            try file.write("</body>\n</html>\n")
            try file.finish()
        }
    }

    /// Marks the folder complete once the issue is committed: writes the read-me, removes the marker.
    func complete(count: Int, root: String) throws {
        let readMe = """
            Buurtcheques van gemeente \(gemeente.name), ronde \(round.id): \(count) cheques van \(Money.format(round.valueCents)).
            Buurtstem neighbourhood cheques of gemeente \(gemeente.name), round \(round.id): \(count) cheques of EUR \(Money.plain(round.valueCents)).

            - cheques-BU........html: per buurt een pagina per huishouden (adres, code, QR-code, uitleg).
              Per buurt, one page per household (address, code, QR code, instructions); print one-sided.
            - \(Self.csvName): dezelfde cheques als CSV (household_id, buurt, adres, code) / the same cheques as CSV.

            Vernietig deze map na het drukken: alleen hier staan huishouden en code bij elkaar.
            Destroy this folder after printing: it is the only place where a household and its code meet.
            Whoever has a code can spend its cheque once.

            Issued set (Merkle root, published in the round's record): \(root)

            Drukt u pas nadat de ronde vooraf is gepubliceerd met deze map als drukmap: dan staat de vingerafdruk van de ronde op elke brief.
            Print only after the round's pre-publication was made with this folder as its print folder: it puts the round's fingerprint on every letter.

            """
        try Data(readMe.utf8).write(to: folder.appendingPathComponent(Self.readMe))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(Self.incompleteMarker))
        files.append(Self.readMe)
    }

    /// The cheque letters of the print folder `folder` (made by issuing a round), checked so that the round's
    /// pre-publication fingerprint can be stamped on each.
    static func letters(in folder: URL) throws -> LetterFingerprint.Letters {
        try LetterFingerprint.letters(in: folder, prefix: "cheques-", incompleteMarker: incompleteMarker)
    }

    /// Removes the folder after a failed issue: its codes were never committed and must not be printed.
    func discard() {
        try? FileManager.default.removeItem(at: folder)
    }

    private func openPageFile(buurt: String) throws {
        let name = "cheques-\(buurt).html"
        let file = try BufferedTextFile(path: folder.appendingPathComponent(name).path, private: true)
        pages[buurt] = file
        files.append(name)
        let area = areas.buurten[buurt] ?? (name: buurt, wijkName: AreaCode.wijk(ofBuurt: buurt))
        pageText[buurt] = Self.pageText(round: round, gemeente: gemeente.name, buurtName: area.name,
                                        wijkName: area.wijkName, redeemURL: redeemURL, details: details)
        try file.write("""
            <!doctype html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <title>\(TextEscaping.html(Self.title(of: round, details: details))) · \(buurt) \(TextEscaping.html(area.name))</title>
            <style>
            @page { size: A5; margin: 10mm 11mm; }
            * { box-sizing: border-box; }
            body { font: 10pt/1.35 system-ui, "DejaVu Sans", sans-serif; margin: 0; color: #000; }
            .cheque { break-after: page; page-break-after: always; position: relative; }
            .from { position: absolute; top: 0; right: 0; text-align: right; font-size: 8.5pt; }
            .address { padding-top: 9mm; min-height: 30mm; font-size: 10.5pt; line-height: 1.3; }
            h1 { font-size: 15pt; margin: 3mm 0 1mm; }
            h2 { font-size: 10.5pt; margin: 3mm 0 0.5mm; }
            p { margin: 1mm 0; }
            .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 15pt; font-weight: bold; white-space: nowrap; margin: 3mm 0 2mm; }
            .qr svg { display: block; width: 32mm; height: 32mm; }
            .en { color: #222; font-size: 8.5pt; border-top: 0.2mm solid #666; padding-top: 1mm; margin-top: 3mm; }
            .fingerprint { font: 7.5pt ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
            </style>
            </head>
            <body>

            """)
    }

    /// The round's name on the letter: the letter file's `title`, else "Buurtcheque voorjaar/najaar YEAR" from the
    /// issue date.
    static func title(of round: ChequeRound, details: LetterDetails) -> String {
        details.title ?? ChequeRound.name(id: round.id, issueDate: round.issueDate)
    }

    /// The parts of a page that are the same for every household of a buurt (made once per buurt).
    static func pageText(round: ChequeRound, gemeente: String, buurtName: String, wijkName: String,
                         redeemURL: String?, details: LetterDetails = LetterDetails()) -> (sender: String, intro: String, after: String) {
        let (whereNL, whereEN): (String, String) = switch round.scope {
        case .buurt: ("in uw buurt \(buurtName)", "in your neighbourhood \(buurtName)")
        case .wijk: ("in uw wijk \(wijkName)", "in your district \(wijkName)")
        case .gemeente: ("in de gemeente \(gemeente)", "anywhere in \(gemeente)")
        }
        let escape = TextEscaping.html
        let title = escape(Self.title(of: round, details: details))
        // Where to hand the cheque in: online at --redeem-url, on paper at the letter file's 'redeem' address, and
        // always through an initiator. Without either address the letter says to ask the gemeente (help line).
        var howNL: [String] = [], howEN: [String] = []
        if let url = redeemURL.map(escape) {
            howNL.append("Online: vul de code in op <b>\(url)</b> of scan de QR-code.")
            howEN.append("Online: enter the code at \(url) or scan the QR code.")
        }
        if let desk = details.redeem.map(escape) {
            howNL.append("Op papier: lever deze brief in bij <b>\(desk)</b>.")
            howEN.append("On paper: hand this letter in at \(desk).")
        }
        if howNL.isEmpty {
            howNL.append("Vraag de gemeente waar u de cheque kunt inleveren (zie hulp hieronder).")
            howEN.append("Ask the gemeente where to hand the cheque in.")
        }
        let sender = ([details.sender ?? "Gemeente \(gemeente)"] + (details.senderAddress.map { [$0] } ?? [])).map(escape)
        let help = escape(details.help ?? "Vragen? Neem contact op met gemeente \(gemeente).")
        // The round's fingerprint sits under the sender (out of the page's flow, so the letter stays one A5 page).
        let from = """
            <p class="from">\(sender.joined(separator: "<br>"))<br><span class="fingerprint">vingerafdruk / fingerprint<br>\
            \(LetterFingerprint.marked)</span></p>

            """
        let intro = """
            <h1>\(title): \(Money.format(round.valueCents)) voor uw buurt</h1>
            <p>Geef deze cheque aan een bewonersinitiatief \(escape(whereNL)): een buurtfeest, een speelplek, \
            groen in de straat. De code is één keer te gebruiken, tot en met \(ChequeCalendar.dutch(round.validUntil)). \
            Wie de code heeft, kan hem gebruiken: bewaar hem als geld.</p>

            """
        let after = """
            <h2>Zo geeft u de cheque</h2>
            <p>Geef deze brief aan de initiatiefnemer, of lever de code zelf in. \(howNL.joined(separator: " "))</p>
            <h2>Hulp</h2>
            <p>\(help)</p>

            <p class="en" lang="en">\(title): your neighbourhood cheque of EUR \(Money.plain(round.valueCents)). Give it \
            to a residents' initiative \(escape(whereEN)): hand this letter to the initiator, or redeem the code yourself. \
            \(howEN.joined(separator: " ")) The code can be used once, until \(ChequeCalendar.english(round.validUntil)) \
            inclusive. Whoever has the code can use it: keep it like cash.</p>

            """
        return (from, intro, after)
    }
}
