import Foundation

/// The pre-publication's fingerprint on letters printed before it existed: `stempas issue` and `cheques issue`
/// print first (the codes are committed with their letters), `election publish` and `cheques round publish` come
/// after and stamp the fingerprint into the letters of the print folder, between two markers, and into
/// ``file`` for a print shop's mail merge. Stamping again replaces the earlier one.
enum LetterFingerprint {
    /// Where the fingerprint goes on a letter: between these markers.
    static let start = "<b class=\"fp\"><!--fingerprint-->"
    /// See ``start``.
    static let end = "<!--/fingerprint--></b>"
    /// What a letter shows before the stamp.
    static let placeholder = "nog niet gepubliceerd"
    /// The file in the print folder holding the fingerprint once stamped.
    static let file = "fingerprint.txt"

    /// The marked place on a letter, with the placeholder.
    static var marked: String { start + placeholder + end }

    /// Stamps `fingerprint` into every letter of `folder` whose file name starts with `prefix` and ends in `.html`.
    /// `issueCommand` names the command that made the folder, for the messages. A folder holding `incompleteMarker`
    /// is from an interrupted issue and refused (its codes are not valid).
    static func stamp(_ fingerprint: String, in folder: URL, letters prefix: String, incompleteMarker: String?,
                      issueCommand: String) throws {
        let manager = FileManager.default
        if let incompleteMarker, manager.fileExists(atPath: folder.appendingPathComponent(incompleteMarker).path) {
            throw UsageError("--print-folder \(folder.path) is from an issue that did not finish (it holds \(incompleteMarker)); its codes are not valid")
        }
        let names: [String]
        do { names = try manager.contentsOfDirectory(atPath: folder.path) } catch {
            throw UsageError("--print-folder \(folder.path) cannot be read: \(error.localizedDescription); give the folder '\(issueCommand) --print-to' made")
        }
        let pages = names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".html") }.sorted()
        guard !pages.isEmpty else {
            throw UsageError("--print-folder \(folder.path) holds no letters (\(prefix)....html); give the folder '\(issueCommand) --print-to' made")
        }
        for name in pages {
            let url = folder.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            var parts = text.components(separatedBy: start)
            guard parts.count > 1 else {
                throw UsageError("\(url.path) has no place for the fingerprint: it was printed by an older version or edited; print it again with '\(issueCommand)'")
            }
            for i in parts.indices.dropFirst() {
                guard let close = parts[i].range(of: end) else {
                    throw UsageError("\(url.path): a letter's fingerprint marker is not closed; the file was edited. Print it again with '\(issueCommand)'")
                }
                parts[i] = TextEscaping.html(fingerprint) + String(parts[i][close.lowerBound...])
            }
            try Data(parts.joined(separator: start).utf8).write(to: url, options: .atomic)
        }
        try Data("\(fingerprint)\n".utf8).write(to: folder.appendingPathComponent(file), options: .atomic)
    }
}
