import BuurtstemCrypto
import Foundation
import Synchronization

/// Writes what a print shop needs for a round: per buurt an HTML file with one page per household (address,
/// code, QR code, short instructions in Dutch and English) and one CSV of every cheque, streamed as the codes are
/// made. The folder is the only place codes and households meet; its read-me says to destroy it after printing.
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
    private let addressColumns: [String]
    private let csv: BufferedTextFile
    private var pages: [String: BufferedTextFile] = [:]
    private var pageText: [String: (before: String, after: String)] = [:]
    private(set) var files: [String] = []

    /// Prepares `folder` (new or empty; created with mode 0700) for `round`; `addressColumns` are the register
    /// file's `address...` column names, empty when printing without addresses.
    init(folder: URL, round: ChequeRound, gemeente: Gemeente, areas: Areas, addressColumns: [String], redeemURL: String?) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue, (try manager.contentsOfDirectory(atPath: folder.path)).isEmpty else {
                throw UsageError("--print-to \(folder.path) exists and is not an empty folder; choose a new folder "
                    + "(a folder holding \(Self.incompleteMarker) is left from an interrupted issue: delete it)")
            }
        } else {
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw UsageError("cannot create the print folder \(folder.path): \(error.localizedDescription)")
            }
        }
        self.folder = folder
        self.round = round
        self.gemeente = gemeente
        self.areas = areas
        self.redeemURL = redeemURL
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
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count / 64))
        let chunk = (items.count + workers - 1) / max(workers, 1)
        let results = Mutex<[Int: Result<[String], any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = worker * chunk..<min(items.count, (worker + 1) * chunk)
            let rendered = Result { try items[range].map { try Self.page($0, text: texts[$0.buurt]!, qrPrefix: prefix) } }
            results.withLock { $0[worker] = rendered }
        }
        let pagesInOrder = try results.withLock { done in try (0..<workers).flatMap { try done[$0]!.get() } }
        for (item, page) in zip(items, pagesInOrder) {
            try csv.write(([item.householdId, item.buurt] + item.address + [item.code.formatted]).map(TextEscaping.csv)
                .joined(separator: ",") + "\n")
            try pages[item.buurt]!.write(page)
        }
    }

    /// One household's page.
    private static func page(_ item: Item, text: (before: String, after: String), qrPrefix: String) throws -> String {
        let formatted = item.code.formatted
        let addressLines = item.address.filter { !$0.isEmpty }
        let addressHTML = addressLines.isEmpty
            ? "Huishouden / household \(TextEscaping.html(item.householdId))"
            : addressLines.map(TextEscaping.html).joined(separator: "<br>")
        let qr = try QRCode(qrPrefix + formatted).svg(pixels: 150, label: "QR-code / QR code")
        return "<section class=\"cheque\">\n<div class=\"address\">\(addressHTML)</div>\n\(text.before)"
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

            """
        try Data(readMe.utf8).write(to: folder.appendingPathComponent(Self.readMe))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(Self.incompleteMarker))
        files.append(Self.readMe)
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
                                        wijkName: area.wijkName, redeemURL: redeemURL)
        try file.write("""
            <!doctype html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <title>Buurtcheques \(round.id) · \(buurt) \(TextEscaping.html(area.name))</title>
            <style>
            @page { size: A5; margin: 12mm; }
            body { font-family: system-ui, sans-serif; margin: 0; color: #000; }
            .cheque { break-after: page; page-break-after: always; padding: 4mm; }
            .address { min-height: 28mm; font-size: 12pt; line-height: 1.4; }
            .from { font-size: 10pt; }
            h1 { font-size: 18pt; margin: 4mm 0 1mm; }
            .code { font-family: ui-monospace, monospace; font-size: 19pt; font-weight: bold; letter-spacing: 0.5pt; margin: 4mm 0 2mm; }
            .qr svg { display: block; }
            .en { color: #333; font-size: 9.5pt; }
            </style>
            </head>
            <body>

            """)
    }

    /// The parts of a page that are the same for every household of a buurt (made once per buurt).
    static func pageText(round: ChequeRound, gemeente: String, buurtName: String, wijkName: String,
                         redeemURL: String?) -> (before: String, after: String) {
        let (whereNL, whereEN): (String, String) = switch round.scope {
        case .buurt: ("in uw buurt \(buurtName)", "in your neighbourhood \(buurtName)")
        case .wijk: ("in uw wijk \(wijkName)", "in your district \(wijkName)")
        case .gemeente: ("in de gemeente \(gemeente)", "anywhere in \(gemeente)")
        }
        let online = redeemURL.map { TextEscaping.html($0) }
        let howNL = online.map { "Vul de code in op \($0) (of scan de QR-code)" } ?? "Vul de code online in bij de gemeente"
        let howEN = online.map { "Enter the code at \($0) (or scan the QR code)" } ?? "Enter the code online with the gemeente"
        let before = """
            <p class="from">Gemeente \(TextEscaping.html(gemeente)) · Buurtcheque \(round.id)</p>
            <h1>Uw buurtcheque: \(Money.format(round.valueCents))</h1>
            <p class="en">Your neighbourhood cheque: EUR \(Money.plain(round.valueCents))</p>

            """
        let after = """
            <p>Geef deze cheque aan een bewonersinitiatief \(TextEscaping.html(whereNL)): een buurtfeest, een speelplek, \
            groen in de straat. \(howNL), of geef deze brief aan de initiatiefnemer. De code is één keer te gebruiken, \
            tot en met \(ChequeCalendar.dutch(round.validUntil)). Wie de code heeft, kan hem gebruiken: bewaar hem als geld.</p>
            <p class="en" lang="en">Give this cheque to a residents' initiative \(TextEscaping.html(whereEN)). \(howEN), \
            or hand this letter to the initiator. The code can be used once, until \(ChequeCalendar.english(round.validUntil)) \
            inclusive. Whoever has the code can use it: keep it like cash.</p>

            """
        return (before, after)
    }
}
