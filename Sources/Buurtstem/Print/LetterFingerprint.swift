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

    /// The letters of a print folder, read and checked before anything is published: a folder that cannot be
    /// stamped is refused before the pre-publication is made.
    struct Letters {
        /// The print folder.
        let folder: URL
        /// Each letter's file and its text, cut at ``LetterFingerprint/start``.
        let pages: [(url: URL, parts: [String])]
    }

    /// Reads and checks every letter of `folder` whose file name starts with `prefix` and ends in `.html`, each with
    /// a closed fingerprint marker. A folder holding `incompleteMarker` is from an interrupted issue and refused (its
    /// codes are not valid).
    static func letters(in folder: URL, prefix: String, incompleteMarker: String?) throws -> Letters {
        let manager = FileManager.default
        let remake = "Print the letters again by issuing into a new print folder"
        if let incompleteMarker, manager.fileExists(atPath: folder.appendingPathComponent(incompleteMarker).path) {
            throw BuurtstemError(.wrongState, "the print folder \(folder.path) is from an issue that did not finish (it holds \(incompleteMarker)); its codes are not valid")
        }
        let names: [String]
        do { names = try manager.contentsOfDirectory(atPath: folder.path) } catch {
            throw BuurtstemError(.fileSystem, "the print folder \(folder.path) cannot be read: \(error.localizedDescription); give the folder the issue printed to",
                                 cause: error)
        }
        let letterNames = names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".html") }.sorted()
        guard !letterNames.isEmpty else {
            throw BuurtstemError(.notFound, "the print folder \(folder.path) holds no letters (\(prefix)....html); give the folder the issue printed to")
        }
        var pages: [(url: URL, parts: [String])] = []
        for name in letterNames {
            let url = folder.appendingPathComponent(name)
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw BuurtstemError(.fileSystem, "cannot read the letter \(url.path): \(error.localizedDescription)", cause: error)
            }
            let parts = text.components(separatedBy: start)
            guard parts.count > 1 else {
                throw BuurtstemError(.badInput, "\(url.path) has no place for the fingerprint: it was printed by an older version or edited. \(remake)")
            }
            guard parts.dropFirst().allSatisfy({ $0.range(of: end) != nil }) else {
                throw BuurtstemError(.badInput, "\(url.path): a letter's fingerprint marker is not closed; the file was edited. \(remake)")
            }
            pages.append((url, parts))
        }
        return Letters(folder: folder, pages: pages)
    }

    /// Stamps `fingerprint` into every letter checked by ``letters(in:prefix:incompleteMarker:)``, and into ``file``.
    static func stamp(_ fingerprint: String, in letters: Letters) throws {
        for (url, parts) in letters.pages {
            var parts = parts
            for i in parts.indices.dropFirst() {
                let close = parts[i].range(of: end)!
                parts[i] = TextEscaping.html(fingerprint) + String(parts[i][close.lowerBound...])
            }
            try Data(parts.joined(separator: start).utf8).write(to: url, options: .atomic)
        }
        try Data("\(fingerprint)\n".utf8).write(to: letters.folder.appendingPathComponent(file), options: .atomic)
    }
}
