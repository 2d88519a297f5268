import Foundation

/// Files written whole or not at all: the bytes go to a hidden temporary file next to the destination, are flushed,
/// and the temporary file is then renamed (or, for a file that must be new, linked) into place, so a kill leaves
/// either the old state or the complete file, never half a file.
package enum AtomicFile {
    /// Writes `bytes` to `path` with `mode`, replacing an existing file when `replace` is true and refusing otherwise.
    package static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644, replace: Bool = true) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial").path
        let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else {
            throw BuurtstemError(.fileSystem, "cannot create \(path): \(String(cString: strerror(errno))); check that the folder exists and that you may write in it")
        }
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let flushed = written == bytes.count && fsync(fd) == 0
        let reason = String(cString: strerror(errno))
        close(fd)
        defer { unlink(temporary) }
        guard flushed else { throw BuurtstemError(.fileSystem, "cannot write \(path): \(reason)") }
        if replace {
            guard rename(temporary, path) == 0 else {
                throw BuurtstemError(.fileSystem, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } else {
            // link() fails when the destination exists: an existing file is never overwritten.
            guard link(temporary, path) == 0 else {
                let code = errno
                if code == EEXIST { throw BuurtstemError(.fileSystem, "\(path) already exists: it is never overwritten; choose another name or move it away first") }
                throw BuurtstemError(.fileSystem, "cannot create \(path): \(String(cString: strerror(code)))")
            }
        }
        syncFolder(of: path)
    }

    /// Flushes the folder holding `path`, so the new name survives a power cut.
    private static func syncFolder(of path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = Foundation.open(folder, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
