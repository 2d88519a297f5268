import Foundation

/// Writes print output in parts (so 500,000 pages never sit in memory or one huge file), into a folder that only
/// gets its final name once everything is on disk.
///
/// The folder is first written as `NAME.partial`; ``finish()`` flushes and renames it. After a crash the
/// `.partial` folder shows the run did not complete.
final class PrintWriter {
    /// The final folder.
    let folder: URL
    /// The folder being written.
    let partial: URL
    private var handles: [String: FileHandle] = [:]

    /// Prepares `folder`, which must not exist yet (print output is never overwritten: it holds secrets).
    init(folder: URL) throws {
        self.folder = folder
        self.partial = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + ".partial")
        let manager = FileManager.default
        for url in [folder, partial] where manager.fileExists(atPath: url.path) {
            throw BuurtstemError(.alreadyExists, "\(url.path) already exists; print output is never overwritten. "
                + "Destroy old print files once printed, or choose another print folder")
        }
        try manager.createDirectory(at: partial, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Appends `text` to the file `name` in the folder, creating it (mode 0600) on first use.
    func append(_ text: String, to name: String) throws {
        let handle: FileHandle
        if let open = handles[name] {
            handle = open
        } else {
            let url = partial.appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw BuurtstemError(.fileSystem, "cannot create \(url.path): check that the folder is writable")
            }
            handle = try FileHandle(forWritingTo: url)
            handles[name] = handle
        }
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Closes the file `name` after flushing it to disk.
    func close(_ name: String) throws {
        guard let handle = handles.removeValue(forKey: name) else { return }
        try handle.synchronize()
        try handle.close()
    }

    /// Flushes every file and gives the folder its final name.
    func finish() throws {
        for name in Array(handles.keys) { try close(name) }
        try FileManager.default.moveItem(at: partial, to: folder)
    }
}
