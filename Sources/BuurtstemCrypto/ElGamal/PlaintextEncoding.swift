/// The injective encoding of a byte string (a ballot's canonical choice bytes) into a fixed number of ristretto255
/// points, by try-and-increment (docs/record.md, "Plaintext encoding").
///
/// Each point's 32-byte candidate encoding `e` is
///
/// - `e[0] ‖ e[1]`: a counter `c` (0 ≤ c < 32768) as the little-endian 16-bit value `2c`, so the lowest bit of
///   `e[0]` is clear, as every canonical encoding needs (a non-negative field element);
/// - `e[2..<31]`: up to 29 data bytes, then zeros;
/// - `e[31]`: the number of data bytes, 0...29; being below 0x80 keeps the top bit clear and the field element
///   below p = 2^255 - 19.
///
/// The encoder takes the smallest counter for which `e` is a canonical, non-identity point encoding. About a
/// quarter of such candidates are (ristretto255 has about 2^252 elements, each with one canonical encoding among
/// about 2^254 even field elements), so it takes about four tries, and the chance that none of the 32768 counters
/// works is about (3/4)^32768 < 2^-13000.
///
/// A byte string of length n fills points in order: every point but the last non-empty one is full (29 bytes),
/// the points after it carry 0 bytes. The width (the number of points) is fixed per election from its largest
/// ballot, so all ballots of an election have the same width, as the mix needs. Decoding refuses everything the
/// encoder cannot produce, so each byte string has exactly one encoding and an invalid plaintext after decryption
/// is an error to count, never a crash.
public enum PlaintextEncoding {
    /// The number of data bytes a point carries: 29.
    public static let bytesPerPoint = 29

    /// The number of counter values tried per point: 2^15.
    public static let counterLimit = 1 << 15

    /// The index of the length byte in a point's encoding.
    private static let lengthIndex = 31
    /// The index of the first data byte.
    private static let dataStart = 2

    /// The number of points a byte string of `byteCount` bytes needs: at least one.
    public static func width(forByteCount byteCount: Int) -> Int {
        max(1, (byteCount + bytesPerPoint - 1) / bytesPerPoint)
    }

    /// The `width` points that encode `bytes`.
    public static func encode(_ bytes: [UInt8], width: Int) throws(PlaintextEncodingError) -> [Ristretto255.Point] {
        guard width >= 1 else { throw .invalidWidth(width) }
        guard bytes.count <= width * bytesPerPoint else { throw .tooLong(byteCount: bytes.count, width: width) }
        var points: [Ristretto255.Point] = []
        points.reserveCapacity(width)
        for index in 0..<width {
            let start = min(bytes.count, index * bytesPerPoint)
            let chunk = Array(bytes[start..<min(bytes.count, start + bytesPerPoint)])
            guard let (point, _) = firstPoint(carrying: chunk, below: counterLimit) else { throw .noCandidate(point: index) }
            points.append(point)
        }
        return points
    }

    /// The byte string that `points` encode, or the reason they are not the encoding of any byte string at this
    /// `width`. Points may be the identity (a decryption can yield it); the identity is refused here.
    public static func decode(_ points: [Ristretto255.Point], width: Int) throws(PlaintextEncodingError) -> [UInt8] {
        guard width >= 1 else { throw .invalidWidth(width) }
        guard points.count == width else { throw .wrongPointCount(points.count, width: width) }
        var out: [UInt8] = []
        var sawShortPoint = false
        for (index, point) in points.enumerated() {
            guard !point.isIdentity else { throw .identity(point: index) }
            let encoding = point.bytes
            let length = Int(encoding[lengthIndex])
            guard length <= bytesPerPoint else { throw .badLength(point: index, length: length) }
            guard encoding[(dataStart + length)..<lengthIndex].allSatisfy({ $0 == 0 }) else {
                throw .nonZeroPadding(point: index)
            }
            guard !sawShortPoint || length == 0 else { throw .dataAfterShortPoint(point: index) }
            sawShortPoint = length < bytesPerPoint
            // A canonical encoding has the low bit of byte 0 clear, so these two bytes are 2c.
            let counter = Int(encoding[0] >> 1) | Int(encoding[1]) << 7
            let chunk = Array(encoding[dataStart..<(dataStart + length)])
            // The encoder took the first valid counter; a later one would be a second encoding of the same bytes.
            // The search stops at the first valid candidate, so its cost does not depend on the claimed counter.
            if let (_, first) = firstPoint(carrying: chunk, below: counter), first < counter {
                throw .counterNotFirst(point: index, counter: counter, first: first)
            }
            out.append(contentsOf: chunk)
        }
        return out
    }

    /// The candidate encoding for `chunk` (at most 29 bytes) with `counter`.
    static func candidate(_ chunk: [UInt8], counter: Int) -> [UInt8] {
        var encoding = [UInt8](repeating: 0, count: Ristretto255.encodedLength)
        encoding[0] = UInt8(truncatingIfNeeded: counter << 1)
        encoding[1] = UInt8(truncatingIfNeeded: counter >> 7)
        encoding.replaceSubrange(dataStart..<(dataStart + chunk.count), with: chunk)
        encoding[lengthIndex] = UInt8(chunk.count)
        return encoding
    }

    /// The point of the first counter below `limit` whose candidate is a canonical non-identity encoding.
    private static func firstPoint(carrying chunk: [UInt8], below limit: Int) -> (Ristretto255.Point, Int)? {
        for counter in 0..<limit {
            if let point = Ristretto255.Point(canonical: candidate(chunk, counter: counter)) { return (point, counter) }
        }
        return nil
    }
}
