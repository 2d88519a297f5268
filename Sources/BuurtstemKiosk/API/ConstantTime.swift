/// Comparing secrets (PIN digests, CSRF tokens) in time that does not depend on where they differ.
enum ConstantTime {
    /// Whether `a` and `b` are equal; for equal lengths, looks at every byte whatever it finds.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
