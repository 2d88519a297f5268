import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// Reads the ceremony's files from disk (docs/trustees.md): each error names the file, the field and the fix.
public enum TrusteeFiles {
    /// The decoded file at `path`.
    public static func read<T: Decodable>(_ type: T.Type, _ path: String, what: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BuurtstemError(.fileSystem, "cannot read \(what) \(path): check the path and that you may read it")
        }
        return try TrusteeFileJSON.decode(T.self, from: Array(data), file: path)
    }

    /// The ceremony file at `path` and the ceremony it describes, every card checked.
    public static func ceremony(_ path: String) throws -> (file: TrusteeCeremonyFile, ceremony: TrusteeCeremony) {
        let file = try read(TrusteeCeremonyFile.self, path, what: "the ceremony")
        return (file, try file.ceremony(file: path))
    }

    /// Every dealing in `folder` (the files named `*.json` that are dealings; complaints and other files are
    /// skipped), each checked against `ceremony`; exactly one per trustee, or an error naming the files.
    public static func dealings(in folder: String, ceremony: TrusteeCeremony) throws -> [(path: String, file: TrusteeDealingFile)] {
        var byDealer: [Int: (path: String, file: TrusteeDealingFile)] = [:]
        for (path, file) in try files(TrusteeDealingFile.self, format: TrusteeDealingFile.formatName, in: folder, what: "the dealings folder") {
            let dealer = file.dealing.dealer
            guard ceremony.card(dealer) != nil else {
                throw TrusteeFileError(file: path, field: "dealer",
                                       "trustee \(dealer) is not in the ceremony (it has \(ceremony.trusteeCount) trustees): remove this file")
            }
            if let earlier = byDealer[dealer] {
                throw TrusteeFileError(file: path, field: "dealer",
                                       "a second dealing of trustee \(dealer) (\(ceremony.cards[dealer - 1].name)), besides \(earlier.path): keep the one trustee \(dealer) confirms and remove the other")
            }
            _ = try file.checked(in: ceremony, file: path)
            byDealer[dealer] = (path, file)
        }
        let missing = ceremony.cards.filter { byDealer[$0.index] == nil }
        guard missing.isEmpty else {
            let names = missing.map { "trustee \($0.index) (\($0.name))" }.joined(separator: ", ")
            throw BuurtstemError(.badInput, "\(folder): the dealing of \(names) is missing: every trustee deals and sends its dealing.json; put them all in \(folder)")
        }
        return (1...ceremony.trusteeCount).map { byDealer[$0]! }
    }

    /// The files `*.json` in `folder` that name `format`, decoded, by file name; other files (complaints, notes)
    /// are skipped.
    public static func files<T: Decodable>(_ type: T.Type, format: String, in folder: String, what: String) throws -> [(path: String, file: T)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw BuurtstemError(.fileSystem, "cannot list \(what) \(folder): check the path and that it is a folder")
        }
        var found: [(path: String, file: T)] = []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw BuurtstemError(.fileSystem, "cannot read \(path): check that you may read it")
            }
            guard String(decoding: data, as: UTF8.self).contains("\"\(format)\"") else { continue }
            found.append((path, try TrusteeFileJSON.decode(T.self, from: Array(data), file: path)))
        }
        return found
    }

    /// The trustee of `ceremony` whose card holds `keys`, or an error saying whose key this is not.
    public static func index(of keys: TrusteeKeys, in ceremony: TrusteeCeremony, keyFile: String, ceremonyFile: String) throws -> Int {
        guard let card = ceremony.cards.first(where: { $0.signingKey == keys.signingKey.publicKey }) else {
            throw BuurtstemError(.keys, "the key in \(keyFile) (public key \(keys.signingKey.publicKey.hex.prefix(16))...) is on no card of \(ceremonyFile): "
                + "use your own trustee key, or ask the coordinator to add your card.json to the ceremony")
        }
        guard card.boxKey == keys.boxKey.publicKey else {
            throw BuurtstemError(.keys, "\(ceremonyFile) (trustees[\(card.index - 1)].box_public_key): the box key on trustee \(card.index)'s card is not the one of \(keyFile): "
                + "the card was changed; give the coordinator your card.json again and rerun the ceremony")
        }
        return card.index
    }
}
