extension ByteWriter {
    /// Appends a point's canonical 32-byte encoding as `raw` (fixed size, no length; docs/record.md).
    package mutating func append(point: Ristretto255.Point) {
        append(raw: point.bytes)
    }

    /// Appends a scalar's canonical 32-byte little-endian encoding as `raw`.
    package mutating func append(scalar: Ristretto255.Scalar) {
        append(raw: scalar.bytes)
    }

    /// Appends `u32(count)` and then every point's encoding: a list whose length the message fixes, so two lists
    /// of different lengths can never produce the same bytes.
    package mutating func append(points: [Ristretto255.Point]) {
        append(u32: UInt32(points.count))
        for point in points { append(point: point) }
    }
}
