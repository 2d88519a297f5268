import Foundation
import Testing

/// The election's fingerprint on every stempas letter (issue 15): letters are printed at `stempas issue`, before the
/// pre-publication exists; `election publish --print-folder` stamps the fingerprint into each of them.
@Suite("The fingerprint on the stempas letters")
struct LetterFingerprintTests {
    @Test("publish --print-folder puts the fingerprint on every letter and in fingerprint.txt; without it the letters say it is not yet published")
    func stamped() throws {
        let (cli, codes) = try StemdagCommandTests.prepared()
        let print = cli.directory.appendingPathComponent("print")
        let letters = try FileManager.default.contentsOfDirectory(atPath: print.path).filter { $0.hasPrefix("stempassen-") && $0.hasSuffix(".html") }
        #expect(!letters.isEmpty)
        for name in letters {
            let text = try String(contentsOf: print.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains("<!--fingerprint-->nog niet gepubliceerd<!--/fingerprint-->"), "\(name)")
        }
        let published = try cli.run("election", "publish", "--election", "kw-now", "--out", "prepub", "--print-folder", "print", "--json")
        #expect(published.status == 0, "\(published.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(published.stdout.utf8)) as? [String: Any] ?? [:]
        let fingerprint = try #require(summary["fingerprint"] as? String)
        var stampedCount = 0
        for name in letters {
            let text = try String(contentsOf: print.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("nog niet gepubliceerd"), "\(name)")
            stampedCount += text.components(separatedBy: "<!--fingerprint-->\(fingerprint)<!--/fingerprint-->").count - 1
        }
        // One stamp per letter: one letter per pass.
        #expect(stampedCount == codes.count)
        #expect(try String(contentsOf: print.appendingPathComponent("fingerprint.txt"), encoding: .utf8) == fingerprint + "\n")

        // Publishing again (the same pre-publication) stamps the same fingerprint; a folder without letters is refused.
        #expect(try cli.run("election", "publish", "--election", "kw-now", "--out", "prepub2", "--print-folder", "print").status == 0)
        try FileManager.default.createDirectory(at: cli.directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try cli.run("election", "publish", "--election", "kw-now", "--out", "prepub3", "--print-folder", "empty")
        #expect(empty.status != 0)
        #expect(empty.stderr.contains("holds no letters (stempassen-....html)"), "\(empty.stderr)")
    }

    @Test("a print folder that cannot be stamped is refused before the pre-publication is stored or written")
    func badPrintFolderFirst() throws {
        let (cli, _) = try StemdagCommandTests.prepared()
        let missing = try cli.run("election", "publish", "--election", "kw-now", "--out", "prepub", "--print-folder", "nowhere")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nowhere cannot be read"), "\(missing.stderr)")
        // An edited letter (its marker gone) is refused too, before anything is written.
        let print = cli.directory.appendingPathComponent("print")
        let letter = try #require(try FileManager.default.contentsOfDirectory(atPath: print.path).first { $0.hasPrefix("stempassen-") && $0.hasSuffix(".html") })
        let text = try String(contentsOf: print.appendingPathComponent(letter), encoding: .utf8)
        try text.replacingOccurrences(of: "<!--/fingerprint-->", with: "").write(to: print.appendingPathComponent(letter), atomically: true, encoding: .utf8)
        let edited = try cli.run("election", "publish", "--election", "kw-now", "--out", "prepub", "--print-folder", "print")
        #expect(edited.status != 0)
        #expect(edited.stderr.contains("marker is not closed"), "\(edited.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("prepub").path))
        #expect(try String(contentsOf: print.appendingPathComponent(letter), encoding: .utf8) != text)  // nothing stamped
        // No pre-publication was stored: a kiosk can still be added (a pre-published election refuses that).
        let added = try cli.run("kiosk", "add", "--election", "kw-now", "--name", "extra")
        #expect(added.status == 0, "\(added.stderr)")
    }
}
