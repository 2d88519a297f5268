import BuurtstemRecord
import Foundation

/// A checkpoint an observer saved during the day (from the kiosk's screen or its checkpoint endpoint), with the file
/// it came from: the final log must be consistent with it (RFC 9162), or the log was rewritten after it was seen.
public struct ObserverCheckpoint: Sendable {
    /// The file, as given.
    public let file: String
    /// The checkpoint.
    public let checkpoint: Checkpoint

    /// A checkpoint from `file`.
    public init(file: String, checkpoint: Checkpoint) {
        self.file = file
        self.checkpoint = checkpoint
    }

    /// The checkpoints in `url`: one checkpoint object (docs/record.md, "Checkpoints") or an array of them.
    public static func load(_ url: URL) throws(PinError) -> [ObserverCheckpoint] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw PinError("--checkpoint \(url.path) cannot be read (\(error.localizedDescription)); give a checkpoint file you saved")
        }
        let decoder = JSONDecoder()
        if let one = try? decoder.decode(Checkpoint.self, from: data) { return [ObserverCheckpoint(file: url.path, checkpoint: one)] }
        do {
            return try decoder.decode([Checkpoint].self, from: data).map { ObserverCheckpoint(file: url.path, checkpoint: $0) }
        } catch {
            throw PinError("--checkpoint \(url.path) is not a checkpoint {log_id, size, root, time_ms, signer, signature} or a list of them: "
                + "\(PrePublicationPin.describe(error))")
        }
    }
}
