/// Why bytes could not be encoded into points, or points are not the encoding of any byte string
/// (`PlaintextEncoding`). A decryption that yields such points is an invalid ballot, to be counted as invalid.
public enum PlaintextEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The width is not at least one point.
    case invalidWidth(Int)
    /// The byte string needs more points than the width allows.
    case tooLong(byteCount: Int, width: Int)
    /// No counter value gave a valid point (probability below 2^-13000 per point; see `PlaintextEncoding`).
    case noCandidate(point: Int)
    /// The number of points is not the width.
    case wrongPointCount(Int, width: Int)
    /// A point is the identity, which the encoding never produces.
    case identity(point: Int)
    /// A point's length byte is more than `PlaintextEncoding.bytesPerPoint`.
    case badLength(point: Int, length: Int)
    /// A point has a non-zero byte after its data bytes.
    case nonZeroPadding(point: Int)
    /// A point carries data after a point that was not full.
    case dataAfterShortPoint(point: Int)
    /// A point's counter is not the first that gives a valid point for its data.
    case counterNotFirst(point: Int, counter: Int, first: Int)

    public var description: String {
        switch self {
        case .invalidWidth(let width):
            "a ballot's width is at least one point, not \(width): compute it with PlaintextEncoding.width(forByteCount:)"
        case .tooLong(let count, let width):
            "\(count) bytes do not fit in \(width) point(s) of \(PlaintextEncoding.bytesPerPoint) bytes: "
                + "the election's width must come from its largest ballot"
        case .noCandidate(let point):
            "no counter value made point \(point) a valid ristretto255 encoding (this should never happen)"
        case .wrongPointCount(let count, let width):
            "the plaintext has \(count) point(s) where the election's width is \(width): an invalid ballot"
        case .identity(let point):
            "point \(point) is the identity, which the encoding never produces: an invalid ballot"
        case .badLength(let point, let length):
            "point \(point) says it carries \(length) bytes, more than \(PlaintextEncoding.bytesPerPoint): an invalid ballot"
        case .nonZeroPadding(let point):
            "point \(point) has a non-zero byte after its data: not our encoding, an invalid ballot"
        case .dataAfterShortPoint(let point):
            "point \(point) carries data after a point that was not full: not our encoding, an invalid ballot"
        case .counterNotFirst(let point, let counter, let first):
            "point \(point) uses counter \(counter) where the encoding uses the first valid one, \(first): an invalid ballot"
        }
    }
}
