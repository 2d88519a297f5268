import Foundation

/// Reads a `.jsonl` file in batches of decoded lines, keeping each line's number and, for a line that is not a
/// `Value`, why: so a verifier can name the line and go on with the next.
struct JSONLineReader<Value: Decodable> {
    /// One line: its 1-based number and its value, or the reason it could not be decoded.
    typealias Line = (line: Int, value: Value?, problem: String?)

    private var reader: LineReader
    private let decoder: JSONDecoder

    /// Opens `url`, to be decoded with `decoder`.
    init(url: URL, decoder: JSONDecoder) throws {
        reader = try LineReader(url: url)
        self.decoder = decoder
    }

    /// Up to `count` next lines; empty at the end of the file.
    mutating func next(_ count: Int) throws -> [Line] {
        try reader.next(count).map { line in
            // Strict JSON first (docs/record.md, "Conventions"): a key twice would otherwise be read as one value.
            if let problem = StrictJSON.problem(line.bytes) { return (line.line, nil, problem) }
            do {
                return (line.line, try decoder.decode(Value.self, from: line.bytes), nil)
            } catch let error as DecodingError {
                return (line.line, nil, Run.describe(error))
            } catch {
                return (line.line, nil, error.localizedDescription)
            }
        }
    }
}
