import Buurtstem
import Foundation

/// The public results site: static, self-contained files (an HTML page without scripts or external assets, the
/// report as JSON, CSV files) written into a folder that opens from disk, offline.
///
/// Data flows one way: this module renders the engine's report values (`ElectionReport`, `ChequeRoundReport`,
/// `YearReport`) and never reaches back into the store.
package enum ResultsSite {
    /// One file of a site.
    package struct File: Sendable, Equatable {
        /// Its name in the folder.
        package let name: String
        /// Its contents.
        package let contents: String
    }

    /// The file that marks a folder as a results site, so writing a site again may replace it.
    package static let marker = ".buurtstem-site"

    /// The files of an election's site; `record` is the published record's folder and `site` the site's, when both
    /// are known: the site then links to the record by a relative path.
    package static func files(_ report: ElectionReport, record: URL? = nil, site: URL? = nil) throws -> [File] {
        let link = recordLink(record: record, site: site)
        return pages("index.html") { ElectionPage.html(report, recordLink: link) } + VerifierPage.files() + [
         File(name: "report.json", contents: try JSONOutput.string(report) + "\n"),
         File(name: "projects.csv", contents: ReportCSV.projects(report)),
         File(name: "areas.csv", contents: ReportCSV.areas(report.areas)),
         File(name: "reach-buurten.csv", contents: ReportCSV.reach(report.reach.buurten, total: report.reach.total)),
         File(name: "reach-wijken.csv", contents: ReportCSV.reach(report.reach.wijken, total: report.reach.total))]
            + (report.weighting.map { [File(name: "weighting.csv", contents: ReportCSV.weighting($0))] } ?? [])
            + (report.coFunding.map { [File(name: "funders.csv", contents: ReportCSV.funders($0, of: .projects))] } ?? [])
    }

    /// The files of a cheque round's site; `record` and `site` as for an election.
    package static func files(_ report: ChequeRoundReport, record: URL? = nil, site: URL? = nil) throws -> [File] {
        let link = recordLink(record: record, site: site)
        return pages("index.html") { ChequeRoundPage.html(report, recordLink: link) } + VerifierPage.files() + [
         File(name: "report.json", contents: try JSONOutput.string(report) + "\n"),
         File(name: "initiatives.csv", contents: ReportCSV.initiatives(report)),
         File(name: "areas.csv", contents: ReportCSV.areas(report.areas)),
         File(name: "reach-buurten.csv", contents: ReportCSV.reach(report.reach.buurten, total: report.reach.total)),
         File(name: "reach-wijken.csv", contents: ReportCSV.reach(report.reach.wijken, total: report.reach.total))]
            + (report.coFunding.map { [File(name: "funders.csv", contents: ReportCSV.funders($0, of: .initiatives))] } ?? [])
    }

    /// The files of the aanvragen: an overview, a page per proposal, report.json and proposals.csv.
    package static func files(_ report: ProposalsOverview) throws -> [File] {
        pages("index.html") { ProposalPages.index(report) } + [
         File(name: "report.json", contents: try JSONOutput.string(report) + "\n"),
         File(name: "proposals.csv", contents: ProposalPages.csv(report)),
         File(name: "funders.csv", contents: ProposalPages.fundersCSV(report))]
            + report.proposals.flatMap { proposal in
                pages(ProposalPages.fileName(proposal.id)) { ProposalPages.page(proposal, gemeente: report.gemeenteName) }
            }
    }

    /// The files of a year view.
    package static func files(_ report: YearReport) throws -> [File] {
        pages("index.html") { YearPage.html(report) } + [
         File(name: "report.json", contents: try JSONOutput.string(report) + "\n"),
         File(name: "wijken.csv", contents: ReportCSV.year(report)),
         File(name: "items.csv", contents: ReportCSV.items(report)),
         File(name: "aanvragen.csv", contents: ReportCSV.yearProposals(report)),
         File(name: "verantwoording.csv", contents: YearAccount.csv(report))]
    }

    /// The path of `record` relative to `site` (`../record-demo-wijkstemdag`), so the link works wherever both
    /// folders are published side by side; nil unless both are known.
    static func recordLink(record: URL?, site: URL?) -> String? {
        guard let record, let site else { return nil }
        let from = site.standardizedFileURL.pathComponents, to = record.standardizedFileURL.pathComponents
        var common = 0
        while common < min(from.count, to.count), from[common] == to[common] { common += 1 }
        let path = Array(repeating: "..", count: from.count - common) + to[common...]
        return path.isEmpty ? "." : urlPath(path.joined(separator: "/"))
    }

    /// A relative path as it goes into a link: a space, `#` or `?` in a folder's name percent-encoded, so the link
    /// still leads there.
    static func urlPath(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    /// A page in every language: `name` (Dutch, e.g. `index.html`) and its English twin (`index.en.html`), each
    /// written by `render` in its language.
    static func pages(_ name: String, _ render: () -> String) -> [File] {
        SiteLanguage.allCases.map { language in
            File(name: language.fileName(name), contents: language.write(render))
        }
    }

    /// Writes `files` into `folder`, which must be new, empty, or an earlier results site (then replaced). The files
    /// go to `FOLDER.partial` first and are moved in place only when all are written, so a failure never leaves half
    /// a site. Returns the index page's path.
    @discardableResult
    package static func write(_ files: [File], to folder: URL) throws -> String {
        let manager = FileManager.default
        let path = folder.standardizedFileURL.path
        var isFolder: ObjCBool = false
        let exists = manager.fileExists(atPath: path, isDirectory: &isFolder)
        if exists {
            guard isFolder.boolValue else {
                throw BuurtstemError(.fileSystem, "the site folder \(path) is a file, not a folder; give a new or empty folder for the results site")
            }
            let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            guard contents.isEmpty || contents.contains(marker) else {
                throw BuurtstemError(.alreadyExists, "the site folder \(path) is not empty and is not a results site made by Buurtstem; "
                    + "give a new or empty folder (an earlier results site is replaced)")
            }
        }
        let parent = folder.standardizedFileURL.deletingLastPathComponent().path
        guard manager.fileExists(atPath: parent) else {
            throw BuurtstemError(.notFound, "the site folder \(path) is in \(parent), which does not exist; create it first or choose another folder")
        }
        guard manager.isWritableFile(atPath: parent), !exists || manager.isWritableFile(atPath: path) else {
            throw BuurtstemError(.fileSystem, "the site folder \(path) is not writable: you may not write in \(exists ? path : parent). "
                + "Choose a folder you may write to, or fix its permissions")
        }
        let partial = URL(fileURLWithPath: path + ".partial")
        do {
            if manager.fileExists(atPath: partial.path) { try manager.removeItem(at: partial) }
            try manager.createDirectory(at: partial, withIntermediateDirectories: false)
            for file in files {
                try Data(file.contents.utf8).write(to: partial.appendingPathComponent(file.name))
            }
            try Data("Made by 'buurtstem report'; writing a report here again replaces this folder.\n".utf8)
                .write(to: partial.appendingPathComponent(marker))
            if exists { try manager.removeItem(atPath: path) }
            try manager.moveItem(at: partial, to: URL(fileURLWithPath: path))
        } catch let error as BuurtstemError {
            throw error
        } catch {
            try? manager.removeItem(at: partial)
            throw BuurtstemError(.fileSystem, "cannot write the results site to \(path) (\(error.localizedDescription)); "
                + "choose a folder you may write to", cause: error)
        }
        return URL(fileURLWithPath: path).appendingPathComponent("index.html").path
    }
}
