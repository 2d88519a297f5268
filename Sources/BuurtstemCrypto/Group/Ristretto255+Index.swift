extension Ristretto255.Scalar {
    /// The scalar of a trustee index or a small count (trustee indices are 1...n, polynomial arguments).
    package init(index: Int) {
        precondition(index >= 0, "an index is not negative")
        self.init(UInt64(index))
    }
}
