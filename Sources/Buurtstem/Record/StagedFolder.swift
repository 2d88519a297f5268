import Foundation

/// A record folder written under a hidden name next to its destination and renamed into place only when complete:
/// an export that is killed or fails halfway never leaves a half record where observers would look, and it can
/// simply be run again.
struct StagedFolder {
    /// Where the record ends up.
    let destination: URL
    /// Where it is written meanwhile: `.NAME.partial` in the same folder (so the rename stays on one file system).
    let staging: URL

    /// Checks that `destination` is new or an empty folder, and makes an empty staging folder (a leftover of an
    /// earlier export that did not finish is removed: it was never a record).
    init(destination: URL) throws {
        let manager = FileManager.default
        let destination = destination.standardizedFileURL
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: destination.path, isDirectory: &isFolder) {
            guard isFolder.boolValue, try manager.contentsOfDirectory(atPath: destination.path).isEmpty else {
                throw UsageError("--out \(destination.path) exists and is not an empty folder; choose a new folder for the record")
            }
        }
        let staging = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).partial")
        do {
            if manager.fileExists(atPath: staging.path) { try manager.removeItem(at: staging) }
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw UsageError("cannot create \(staging.path) to write the record in: \(error.localizedDescription); check that you may write in \(destination.deletingLastPathComponent().path)")
        }
        self.destination = destination
        self.staging = staging
    }

    /// Moves the finished record into place in one step (an empty destination folder is replaced).
    func commit() throws {
        guard rename(staging.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw UsageError("cannot move the finished record from \(staging.path) to \(destination.path): \(reason); the record is complete in \(staging.path)")
        }
    }
}
