@testable import Buurtstem
import Foundation
import Testing

/// An election is created in one transaction with what changes with it (the aanvragen put on its ballot).
@Suite("Election create: one transaction")
struct ElectionCreateTests {
    struct Interrupted: Error {}

    @Test("a failure alongside the election leaves no election: a rerun starts clean")
    func rollsBack() throws {
        let fixture = try StemdagFixture()
        let text = StemdagFixture.aroundNow(String(decoding: try shippedFile("Ballots/wijkstemdag-korrewegwijk-2026.yaml"), as: UTF8.self),
                                            id: "second")
        let definition = try ElectionFile.parse(text, file: "second.yaml", store: fixture.store)
        #expect(throws: Interrupted.self) {
            try Election.create(definition, issuingKey: fixture.issuingKey, in: fixture.store) { _ in throw Interrupted() }
        }
        #expect(throws: (any Error).self) { try fixture.store.election("second") }
        let created = try Election.create(definition, issuingKey: fixture.issuingKey, in: fixture.store)
        #expect(created.id == "second")
        #expect(try fixture.store.election("second").id == "second")
    }
}
