import BuurtstemCrypto
import Testing

/// The plaintext encoding: round trips, fixed width, and refusal of every point the encoder cannot produce.
@Suite("Plaintext encoding")
struct PlaintextEncodingTests {
    typealias Point = Ristretto255.Point

    @Test("every length from 0 to four points round-trips at its own width and at a wider one")
    func roundTrips() throws {
        for length in 0...(4 * PlaintextEncoding.bytesPerPoint) {
            let bytes = SecureRandom.bytes(count: length)
            let width = PlaintextEncoding.width(forByteCount: length)
            for chosen in [width, width + 1] {
                let points = try PlaintextEncoding.encode(bytes, width: chosen)
                #expect(points.count == chosen)
                #expect(try PlaintextEncoding.decode(points, width: chosen) == bytes, "length \(length)")
            }
        }
    }

    @Test("the width is the number of 29-byte points needed, at least one")
    func width() {
        #expect(PlaintextEncoding.width(forByteCount: 0) == 1)
        #expect(PlaintextEncoding.width(forByteCount: 29) == 1)
        #expect(PlaintextEncoding.width(forByteCount: 30) == 2)
        #expect(PlaintextEncoding.width(forByteCount: 58) == 2)
        #expect(PlaintextEncoding.width(forByteCount: 59) == 3)
    }

    @Test("different byte strings of one width give different points; trailing zeros are not lost")
    func injective() throws {
        let samples: [[UInt8]] = [[], [0], [0, 0], [1], [0, 1], [1, 0], [UInt8](repeating: 0, count: 29),
                                  [UInt8](repeating: 0, count: 30)]
        let encodings = try samples.map { try PlaintextEncoding.encode($0, width: 2) }
        #expect(Set(encodings.map { $0.map(\.bytes) }).count == samples.count)
        for (sample, encoding) in zip(samples, encodings) {
            #expect(try PlaintextEncoding.decode(encoding, width: 2) == sample)
        }
    }

    @Test("too long for the width, or a width below one, is refused")
    func encodeRefusals() {
        #expect(throws: PlaintextEncodingError.tooLong(byteCount: 30, width: 1)) {
            try PlaintextEncoding.encode([UInt8](repeating: 7, count: 30), width: 1)
        }
        #expect(throws: PlaintextEncodingError.invalidWidth(0)) { try PlaintextEncoding.encode([], width: 0) }
    }

    @Test("random points are refused as plaintexts, never a crash")
    func randomPointsRefused() {
        var refused = 0
        for _ in 0..<200 {
            let point = Point.base(.random())
            if (try? PlaintextEncoding.decode([point], width: 1)) == nil { refused += 1 }
        }
        // A random point passes only if its length byte is at most 29, the bytes after its data are zero and its
        // counter is the first valid one: together about 2^-20.
        #expect(refused == 200)
    }

    @Test("the identity, a wrong count, bad length, padding, data after a short point and a later counter are refused")
    func decodeRefusals() throws {
        let two = try PlaintextEncoding.encode([UInt8](repeating: 5, count: 40), width: 2)
        #expect(throws: PlaintextEncodingError.wrongPointCount(2, width: 3)) { try PlaintextEncoding.decode(two, width: 3) }
        #expect(throws: PlaintextEncodingError.identity(point: 1)) {
            try PlaintextEncoding.decode([two[0], .identity], width: 2)
        }
        // A short first point followed by a non-empty one: the encoder fills points in order.
        let short = try PlaintextEncoding.encode([1, 2, 3], width: 1)
        #expect(throws: PlaintextEncodingError.dataAfterShortPoint(point: 1)) {
            try PlaintextEncoding.decode([short[0], short[0]], width: 2)
        }
        // Hand-made candidates: the first valid counter of each variant, so only the variant's defect remains.
        let badLength = try #require(Self.firstValid { counter in
            Self.candidate(counter: counter, data: [], length: 30)
        })
        #expect(throws: PlaintextEncodingError.badLength(point: 0, length: 30)) {
            try PlaintextEncoding.decode([badLength], width: 1)
        }
        let padded = try #require(Self.firstValid { counter in
            Self.candidate(counter: counter, data: [9, 9, 9], length: 2)
        })
        #expect(throws: PlaintextEncodingError.nonZeroPadding(point: 0)) {
            try PlaintextEncoding.decode([padded], width: 1)
        }
        // The second valid counter for "abc": a second encoding of the same bytes.
        let first = short[0]
        let firstCounter = Int(first.bytes[0] >> 1) | Int(first.bytes[1]) << 7
        let later = try #require(Self.firstValid(from: firstCounter + 1) { counter in
            Self.candidate(counter: counter, data: [1, 2, 3], length: 3)
        })
        let laterCounter = Int(later.bytes[0] >> 1) | Int(later.bytes[1]) << 7
        #expect(throws: PlaintextEncodingError.counterNotFirst(point: 0, counter: laterCounter, first: firstCounter)) {
            try PlaintextEncoding.decode([later], width: 1)
        }
    }

    @Test("about a quarter of candidates are valid points, so four tries are enough on average")
    func candidateDensity() {
        var valid = 0
        let trials = 4000
        for counter in 0..<trials where Point(canonical: Self.candidate(counter: counter, data: [0x42], length: 1)) != nil {
            valid += 1
        }
        #expect(valid > trials / 6 && valid < trials / 3, "\(valid) of \(trials)")
    }

    /// A candidate as docs/record.md lays it out: 2c little-endian, data from byte 2, the length in byte 31.
    static func candidate(counter: Int, data: [UInt8], length: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        bytes[0] = UInt8(truncatingIfNeeded: counter << 1)
        bytes[1] = UInt8(truncatingIfNeeded: counter >> 7)
        bytes.replaceSubrange(2..<(2 + data.count), with: data)
        bytes[31] = UInt8(length)
        return bytes
    }

    static func firstValid(from start: Int = 0, _ make: (Int) -> [UInt8]) -> Point? {
        for counter in start..<PlaintextEncoding.counterLimit {
            if let point = Point(canonical: make(counter)) { return point }
        }
        return nil
    }
}
