import BuurtstemCrypto
import BuurtstemRecord
import Foundation

/// What an observer pinned before the polls opened: the pre-publication folder they kept (`--pinned DIR`), or just
/// its fingerprint, as printed on the letters (`--fingerprint CODE`).
public enum PrePublicationPin: Sendable {
    /// A kept pre-publication: its signed statement and, when the folder has it and it is the one the statement
    /// fixes, its definition (so a changed definition can be described, not only detected).
    case folder(path: String, prePublication: PrePublication, definition: ElectionDefinition?)
    /// A kept pre-publication of a cheque round (`buurtstem cheques round publish`).
    case chequeFolder(path: String, prePublication: ChequeRoundPrePublication)
    /// A fingerprint: the first bytes of the pre-publication's hash.
    case fingerprint(code: String, prefix: [UInt8])

    /// The pre-publication kept in `folder` (made by `buurtstem election publish` or `buurtstem cheques round
    /// publish`), with a clear error when it is missing, unreadable, not signed, or its definition is not the one it
    /// fixes.
    public static func load(folder: URL) throws(PinError) -> PrePublicationPin {
        // A record holds its own copy, which a forger re-signs along with the rest: pinning it would prove nothing.
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(ElectionRecordFile.index).path) {
            throw PinError("--pinned \(folder.path) is a published record (it has \(ElectionRecordFile.index)), not a pre-publication: pin the folder "
                + "the gemeente published before the polls opened or the first cheque was redeemed (made by 'buurtstem election publish' or "
                + "'buurtstem cheques round publish'), or its fingerprint with --fingerprint")
        }
        let file = folder.appendingPathComponent(ElectionRecordFile.prePublication)
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw PinError("--pinned \(folder.path): \(ElectionRecordFile.prePublication) cannot be read (\(error.localizedDescription)); "
                + "give the folder the gemeente published before the polls opened or the first cheque was redeemed "
                + "(made by 'buurtstem election publish' or 'buurtstem cheques round publish')")
        }
        if (try? JSONDecoder().decode(FormatOnly.self, from: data))?.format == ChequeRoundPrePublication.formatName {
            return try chequeRound(data, file: file, folder: folder)
        }
        let prePublication: PrePublication
        do { prePublication = try JSONDecoder().decode(PrePublication.self, from: data) } catch {
            throw PinError("--pinned \(file.path) is not a pre-publication: \(Self.describe(error)). Get a fresh copy from the gemeente's publication")
        }
        guard prePublication.format == PrePublication.formatName else {
            throw PinError("--pinned \(file.path) has format '\(prePublication.format)', not \(PrePublication.formatName): this verifier does not know it")
        }
        guard prePublication.isValid else {
            throw PinError("--pinned \(file.path): its signature does not match its content (field 'signature'): the copy was altered or damaged. "
                + "Compare its fingerprint with the one on the letters, or get a fresh copy")
        }
        var definition: ElectionDefinition?
        let definitionURL = folder.appendingPathComponent(ElectionRecordFile.definition)
        if FileManager.default.fileExists(atPath: definitionURL.path) {
            do {
                let file = try JSONDecoder().decode(DefinitionFile.self, from: try Data(contentsOf: definitionURL))
                definition = file.definition
            } catch {
                throw PinError("--pinned \(definitionURL.path) cannot be read: \(Self.describe(error)); remove it to pin by prepublication.json alone, or get a fresh copy")
            }
            guard definition?.hash == prePublication.definitionHash else {
                throw PinError("--pinned \(definitionURL.path) is not the definition \(ElectionRecordFile.prePublication) fixes (field 'definition_hash'): "
                    + "the folder was altered. Get a fresh copy")
            }
        }
        return .folder(path: folder.path, prePublication: prePublication, definition: definition)
    }

    /// The `format` of a pre-publication, to tell an election's from a cheque round's.
    private struct FormatOnly: Decodable {
        let format: String
    }

    /// A cheque round's pre-publication read from `data` (the folder's `file`).
    private static func chequeRound(_ data: Data, file: URL, folder: URL) throws(PinError) -> PrePublicationPin {
        let prePublication: ChequeRoundPrePublication
        do { prePublication = try JSONDecoder().decode(ChequeRoundPrePublication.self, from: data) } catch {
            throw PinError("--pinned \(file.path) is not a cheque round's pre-publication: \(Self.describe(error)). Get a fresh copy from the gemeente's publication")
        }
        guard prePublication.isValid else {
            throw PinError("--pinned \(file.path): its signature does not match its content (field 'signature'): the copy was altered or damaged. "
                + "Compare its fingerprint with the one on the cheque letters, or get a fresh copy")
        }
        return .chequeFolder(path: folder.path, prePublication: prePublication)
    }

    /// A fingerprint as typed from a letter, with a clear error for a typing error.
    public static func fingerprint(_ code: String) throws(PinError) -> PrePublicationPin {
        do {
            let prefix = try Fingerprint.prefix(of: code)
            return .fingerprint(code: TypeableCode(bytes: prefix, format: Fingerprint.format).formatted, prefix: prefix)
        } catch {
            throw PinError("--fingerprint \(code): \(error.description). It is \(Fingerprint.format.dataLength + 1) characters as printed on the letters, e.g. XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-X")
        }
    }

    /// The fingerprint pinned.
    public var fingerprint: String {
        switch self {
        case let .folder(_, prePublication, _): prePublication.fingerprint
        case let .chequeFolder(_, prePublication): prePublication.fingerprint
        case let .fingerprint(code, _): code
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DecodingError { return Run.describe(error) }
        return error.localizedDescription
    }
}
