import Foundation

/// A record folder written under a hidden name next to its destination and renamed into place only when complete:
/// an export that is killed or fails halfway never leaves a half record where observers would look, and it can
/// simply be run again.
final class StagedFolder {
    /// Where the record ends up (symbolic links resolved, so the rename replaces the folder they lead to).
    let destination: URL
    /// Where it is written meanwhile: `.NAME.partial` next to the destination (one file system, so the rename is
    /// one step).
    let staging: URL
    /// The parent folder, open and locked (`flock`) until the record is in place or the export is abandoned: a
    /// second export into the same folder meanwhile would replace this one's staging folder. The kernel drops the
    /// lock if the process dies.
    private let lock: Int32

    /// Checks that `destination` is new or an empty folder that a rename can replace, and makes an empty staging
    /// folder (a leftover of an earlier export that did not finish is removed: it was never a record).
    init(destination: URL) throws {
        let manager = FileManager.default
        let destination = destination.standardizedFileURL.resolvingSymlinksInPath()
        let parent = destination.deletingLastPathComponent()
        let current = URL(fileURLWithPath: manager.currentDirectoryPath).standardizedFileURL.resolvingSymlinksInPath()
        guard destination.path != "/", destination != current, !current.path.hasPrefix(destination.path + "/") else {
            throw BuurtstemError(.fileSystem, "the output folder \(destination.path) is the folder you are in (or contains it); give a new folder for the record, e.g. record")
        }
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: destination.path, isDirectory: &isFolder) {
            let entries: [String]
            do { entries = try manager.contentsOfDirectory(atPath: destination.path) } catch {
                throw BuurtstemError(.fileSystem, "the output folder \(destination.path) exists and cannot be read (\(error.localizedDescription)); choose a new folder for the record")
            }
            guard isFolder.boolValue, entries.isEmpty else {
                throw BuurtstemError(.alreadyExists, "the output folder \(destination.path) exists and is not an empty folder; choose a new folder for the record")
            }
            // An empty mount point cannot be replaced by a rename: the record would be written and then not moved.
            guard Self.device(destination) == Self.device(parent) else {
                throw BuurtstemError(.fileSystem, "the output folder \(destination.path) is on another file system than its parent folder (a mount point); give a new folder inside it, e.g. \(destination.path)/record")
            }
        }
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).partial")
        try? manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let lock = open(parent.path, O_RDONLY)
        guard lock >= 0 else {
            throw BuurtstemError(.fileSystem, "cannot open \(parent.path) (\(String(cString: strerror(errno)))); give an output folder whose parent exists and that you may write in")
        }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            close(lock)
            throw BuurtstemError(.fileSystem, "another export is writing a record in \(parent.path) right now; wait until it has finished, then run this again")
        }
        do {
            if manager.fileExists(atPath: staging.path) { try manager.removeItem(at: staging) }
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            close(lock)
            throw BuurtstemError(.fileSystem, "cannot create \(staging.path) to write the record in: \(error.localizedDescription); check that you may write in \(parent.path)")
        }
        self.destination = destination
        self.staging = staging
        self.lock = lock
    }

    /// Makes every file and folder of the record durable, then moves it into place in one step (an empty
    /// destination folder is replaced), so that after a crash there is the whole record or none.
    func commit() throws {
        try Self.synchronize(staging)
        guard rename(staging.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw BuurtstemError(.wrongState, "cannot move the finished record from \(staging.path) to \(destination.path): \(reason). "
                + "Move it yourself (mv \(staging.path) \(destination.path)) before exporting again: an export replaces \(staging.lastPathComponent)")
        }
        _ = try? Self.synchronize(file: destination.deletingLastPathComponent())
    }

    deinit {
        close(lock)
    }

    /// The device of the file system `url` is on.
    private static func device(_ url: URL) -> UInt64? {
        var info = stat()
        return stat(url.path, &info) == 0 ? UInt64(info.st_dev) : nil
    }

    /// fsync of every file and folder under `folder`, and of the folder itself.
    private static func synchronize(_ folder: URL) throws {
        let manager = FileManager.default
        for path in manager.subpaths(atPath: folder.path) ?? [] {
            try synchronize(file: folder.appendingPathComponent(path))
        }
        try synchronize(file: folder)
    }

    /// fsync of one file or folder.
    private static func synchronize(file url: URL) throws {
        let descriptor = open(url.path, O_RDONLY)
        defer { if descriptor >= 0 { close(descriptor) } }
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            throw BuurtstemError(.fileSystem, "cannot write \(url.path) of the record to disk: \(String(cString: strerror(errno))); "
                + "check the disk (space, permissions) and export again")
        }
    }
}
