/// The cheques redeemed in one wijk by channel (online, on paper at a desk, at a kiosk): how residents gave their
/// cheques, for the raad's verantwoording (issue 18, "how residents were involved"). The three add up to the wijk's
/// redeemed cheques in the round's reach.
package struct RedemptionChannels: Sendable, Codable, Equatable {
    /// The wijk's code.
    package let wijk: String
    /// Redeemed online.
    package var online: Int64 = 0
    /// Redeemed on paper (entered by staff).
    package var paper: Int64 = 0
    /// Redeemed at a kiosk.
    package var kiosk: Int64 = 0

    /// No cheques redeemed yet in `wijk`.
    package init(wijk: String) {
        self.wijk = wijk
    }
}
