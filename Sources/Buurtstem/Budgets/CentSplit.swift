/// Splits an amount in whole cents by shares that add up to exactly 100 %, so the parts always add up to the amount.
///
/// The largest-remainder rule (Hamilton's method): every part first gets its exact quota rounded down to a whole
/// cent; the cents still left (fewer than the number of parts) go one each to the parts whose quotas lost the most
/// to rounding, and between equal remainders to the one listed first. No part is ever more than a cent away from
/// its exact quota, and the rule is the same whoever computes it, so a funder can check its own amount by hand.
public enum CentSplit {
    /// `cents` split by `shares` (which add up to 100 %), in the order of `shares`.
    public static func split(_ cents: Int64, by shares: [Share]) -> [Int64] {
        precondition(cents >= 0, "only a non-negative amount is split")
        precondition(shares.dropFirst().reduce(shares.first) { $0?.adding($1) } == Share.whole, "the shares add up to 100 %")
        var parts: [Int64] = []
        var remainders: [(numerator: Int64, denominator: Int64)] = []
        for share in shares {
            // cents × n / d without the product: cents may be near 10^17 and n near 10^6.
            let (whole, rest) = cents.quotientAndRemainder(dividingBy: share.denominator)
            let (extra, remainder) = (rest * share.numerator).quotientAndRemainder(dividingBy: share.denominator)
            parts.append(whole * share.numerator + extra)
            remainders.append((remainder, share.denominator))
        }
        let left = cents - parts.reduce(0, +)
        let order = remainders.indices.sorted { a, b in
            let (x, y) = (remainders[a].numerator * remainders[b].denominator, remainders[b].numerator * remainders[a].denominator)
            return x != y ? x > y : a < b
        }
        for index in order.prefix(Int(left)) { parts[index] += 1 }
        return parts
    }

    /// `cents` split in proportion to `weights` (not negative, not all 0), by the same largest-remainder rule: the
    /// parts add up to `cents`. For shares that are amounts (a co-funder's pledge against the rest), whose fractions
    /// can be finer than a ``Share``.
    public static func split(_ cents: Int64, weights: [Int64]) -> [Int64] {
        precondition(cents >= 0 && weights.allSatisfy { $0 >= 0 }, "only non-negative amounts are split")
        let total = weights.reduce(Int128(0)) { $0 + Int128($1) }
        precondition(total > 0, "some weight is above 0")
        var parts: [Int64] = []
        var remainders: [Int128] = []
        for weight in weights {
            let (part, remainder) = (Int128(cents) * Int128(weight)).quotientAndRemainder(dividingBy: total)
            parts.append(Int64(part))
            remainders.append(remainder)
        }
        let left = cents - parts.reduce(0, +)
        let order = remainders.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(Int(left)) { parts[index] += 1 }
        return parts
    }
}
