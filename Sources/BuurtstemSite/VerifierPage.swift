/// "Zelf controleren": the page every results site links to from "Verify it yourself", saying what the
/// independent verifier (`buurtstem-verify`) checks, where to get it and how to run it. It is part of the site, so
/// the link works offline and wherever the gemeente publishes the folder.
enum VerifierPage {
    /// The page's Dutch file name.
    static let file = "controleren.html"

    /// The page in both languages.
    static func files() -> [ResultsSite.File] {
        ResultsSite.pages(file) { html() }
    }

    /// The page.
    static func html() -> String {
        var body = "<header class=\"top\"><p><a href=\"\(SiteLanguage.current.fileName("index.html"))\">\(HTML.label("Terug naar de uitslag", "Back to the result"))</a></p>"
            + "<h1>\(HTML.label("Zelf controleren met buurtstem-verify", "Verify it yourself with buurtstem-verify"))</h1></header>"
        body += Page.paragraph(
            "buurtstem-verify is een apart programma, los van de software van de gemeente: het deelt alleen het formaat van het verslag en de cryptografische bibliotheek libsodium. Het leest de map van het gepubliceerde verslag en controleert:",
            "buurtstem-verify is a separate program, apart from the gemeente's software: it shares only the record's format and the cryptographic library libsodium. It reads the published record's folder and checks:")
        let checks: [(String, String)] = [
            ("elke handtekening, met de uitgiftesleutel van de gemeente die u zelf opgeeft;", "every signature, with the gemeente's issuing key that you give it yourself;"),
            ("de logboeken van elke stemzuil tegen hun ondertekende eindstand;", "every kiosk's log against its signed final checkpoint;"),
            ("dat elke stempas hoogstens één keer telt, en welke stemmen daarom ongeldig zijn;", "that every pass counts at most once, and which ballots are void because of it;"),
            ("de telling, opnieuw, stem voor stem;", "the count, again, ballot by ballot;"),
            ("de uitkomst, opnieuw berekend met de gepubliceerde regel in een eigen, exacte uitvoering;", "the outcome, recomputed by the published rule in its own exact implementation;"),
            ("met --fingerprint: dat de verkiezing dezelfde is als die vóór het openen van de stembus werd aangekondigd.", "with --fingerprint: that the election is the one announced before the polls opened."),
        ]
        body += "<ul>" + checks.map { "<li>\(HTML.label($0.0, $0.1))</li>" }.joined() + "</ul>"
        body += Page.section(id: "installeren", dutch: "Het programma maken", english: "Building the program",
            Page.paragraph("De broncode is openbaar. Met Swift 6 en libsodium op Linux of macOS maakt u het zo:",
                           "The source code is public. With Swift 6 and libsodium on Linux or macOS you build it like this:")
            + "<pre><code>swift build -c release --product buurtstem-verify</code></pre>")
        body += Page.section(id: "gebruiken", dutch: "Het programma gebruiken", english: "Using the program",
            Page.paragraph("Download de map van het verslag (de link staat op de uitslag) en voer het commando uit dat onder \"Zelf controleren\" op de uitslag staat. Het noemt elke controle en zegt of die slaagde; bij een fout noemt het het bestand en de regel.",
                           "Download the record's folder (the result links to it) and run the command shown under \"Verify it yourself\" on the result. It names every check and whether it passed; on a failure it names the file and the line.")
            + Page.paragraph("Vergelijk ook de SHA-256 van de gedownloade bestanden met de lijst op de uitslag, bijvoorbeeld met sha256sum.",
                             "Also compare the SHA-256 of the downloaded files with the list on the result, e.g. with sha256sum."))
        return Page.document(title: SiteLanguage.text("Zelf controleren", "Verify it yourself"), file: file, body: body)
    }
}
