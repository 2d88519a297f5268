import Foundation

/// Progress of long runs on stderr (only on a terminal, so logs and pipes stay clean).
enum Progress {
    private static let interactive = isatty(STDERR_FILENO) == 1

    /// Shows "what: done/total".
    static func report(_ done: Int, _ total: Int, what: String) {
        guard interactive else { return }
        let percent = total > 0 ? done * 100 / total : 100
        FileHandle.standardError.write(Data("\r\(what): \(done)/\(total) (\(percent)%)".utf8))
    }

    /// Ends the progress line.
    static func finish() {
        guard interactive else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
