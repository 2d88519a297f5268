import BuurtstemCrypto
import Foundation

/// A file written front to back through a buffer, flushed to disk (`fsync`) when finished.
///
/// Print output and record files run to gigabytes for a large gemeente; they are streamed through this rather
/// than built in memory.
final class BufferedTextFile {
    /// The file's path.
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 20
    /// The SHA-256 of what was written, when the file is created `hashed`.
    private var hasher: SHA256Hasher?
    /// The SHA-256 of the whole file, once finished (nil unless created `hashed`).
    private(set) var digest: [UInt8]?

    /// Creates the file (it must not exist), readable by the owner only when `private` is set; with `hashed`, its
    /// SHA-256 is computed as it is written and is ``digest`` once finished.
    init(path: String, private isPrivate: Bool = false, hashed: Bool = false) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, isPrivate ? 0o600 : 0o644)
        guard fd >= 0 else {
            throw BuurtstemError(.fileSystem, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        buffer.reserveCapacity(Self.capacity)
        hasher = hashed ? SHA256Hasher() : nil
    }

    /// Appends `text` as UTF-8.
    func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.capacity { try flush() }
    }

    /// Writes what is buffered, makes it durable and closes the file.
    func finish() throws {
        try flush()
        digest = hasher.take()?.finalize()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw BuurtstemError(.badInput, "cannot finish writing \(path): \(error.localizedDescription); check the free disk space")
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { hasher?.update($0) }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw BuurtstemError(.fileSystem, "cannot write \(path): \(error.localizedDescription); check the free disk space")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
