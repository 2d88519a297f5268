import BuurtstemRecord

/// A record's own pre-publication (its `prepublication.json`) held against what the observer pinned: the one failure
/// that applies, as (file, message), or nil. Shared by elections and cheque rounds, so both say the same thing.
enum PinnedOwn {
    /// Against a kept folder's pre-publication `pinned` (from `path`): the record's own, `own` in its file `name`,
    /// must be that one; when `required`, a record without it left it out (`index` is the index file's name).
    static func folderMismatch(own: (any Publication)?, pinned: any Publication, path: String, name: String, index: String,
                               subject: String, required: Bool) -> (file: String, message: String)? {
        if let own, own.hash != pinned.hash {
            return (name, "is not the pinned pre-publication (fingerprint \(own.fingerprint), pinned \(pinned.fingerprint) from \(path)): the gemeente published another one after the fact")
        }
        if own == nil && required {
            return (index, "the record does not hold its pre-publication (\(name)), though the \(subject) was pre-published: it was left out of the record")
        }
        return nil
    }

    /// Against a typed fingerprint `code` (the hash's first bytes `prefix`): the record must hold its own
    /// pre-publication, and its hash must start with them.
    static func fingerprintMismatch(own: (any Publication)?, code: String, prefix: [UInt8], name: String, index: String) -> (file: String, message: String)? {
        guard let own else {
            return (index, "the record holds no pre-publication (\(name)) to hold the fingerprint \(code) against; ask the gemeente for it, or pin the published folder with --pinned DIR")
        }
        guard own.hash.starts(with: prefix) else {
            return (name, "has fingerprint \(own.fingerprint), not the pinned \(code): this is not the pre-publication that was announced (or the fingerprint was mistyped: a typing error would have been caught by its check character)")
        }
        return nil
    }
}
