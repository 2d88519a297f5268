import BuurtstemCrypto
import BuurtstemRecord
import Foundation
import PropertyBased
import Testing
@testable import BuurtstemVerifier

/// The verifier's fast reader of the exporter's line form must never read a line differently from `JSONDecoder`,
/// and must read every line the exporter writes (else the speed is lost silently).
@Suite("Exported line reader: the exporter's exact form, same values as JSONDecoder")
struct ExportedLineTests {
    /// The exporter's line encoder (RecordWriter): sorted keys, no whitespace, slashes unescaped.
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Texts with what a string can hold: ASCII letters, digits, quotes, backslashes, control characters, slashes,
    /// non-ASCII letters and an emoji.
    static let text = Gen<Character?>.element(of: Array("aZ09 -_/\"\\\u{0}\u{1f}\u{7f}éß€\u{2028}🗳") as [Character])
        .map { $0! }.string(of: 0...8)
    static let bytes32 = Gen.uint8().array(of: 32)
    static let bytes64 = Gen.uint8().array(of: 64)
    /// A position and a byte to put there: bytes that turn the exact form into other (valid or invalid) JSON.
    static let edit = zip(Gen.int(in: 0...400), Gen<UInt8?>.element(of: Array(" \t0123456789-+.eE\"\\,:{}[]aAfF\u{0}".utf8) + [0xc3, 0xff]).map { $0! },
                          Gen.int(in: 0...2))

    static func ballot(area: String, projects: [String], values: [UInt32], sequence: UInt64, time: Int64,
                       pass: [UInt8], signature: [UInt8]) throws -> Ballot {
        let choices = zip(projects, values).map { Choice(project: $0, value: $1) }
        return Ballot(election: "e", area: area, pass: try PublicKey(bytes: pass), choices: choices, kiosk: "k",
                      sequence: sequence, timeMillis: time, signature: try Signature(bytes: signature))
    }

    /// `line` changed by one edit: replace, insert or delete the byte at a position.
    static func edited(_ line: Data, _ edit: (Int, UInt8, Int)) -> Data {
        var bytes = [UInt8](line)
        let at = edit.0 % (bytes.count + 1)
        switch edit.2 {
        case 0 where at < bytes.count: bytes[at] = edit.1
        case 1: bytes.insert(edit.1, at: at)
        default: if at < bytes.count { bytes.remove(at: at) }
        }
        return Data(bytes)
    }

    /// True if the exporter writes `text` as is (no escapes), so the fast reader must take it.
    static func plain(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 == "\"" || $0 == "\\" || $0.value < 0x20 }
    }

    @Test("property: a ballot line the exporter writes reads back the same, by the fast reader when it has no escapes")
    func ballotRoundTrip() async throws {
        await propertyCheck(count: 400, input: Self.text, Self.text.array(of: 0...4), Gen.uint32().array(of: 4),
                            zip(Gen.uint64(), Gen.int64()), Self.bytes32, Self.bytes64) { area, projects, values, numbers, pass, signature in
            guard let ballot = try? Self.ballot(area: area, projects: projects, values: values, sequence: numbers.0, time: numbers.1,
                                                pass: pass, signature: signature),
                  let line = try? Self.encode(BallotLine(ballot)) else { return #expect(Bool(false), "cannot make the ballot") }
            let decoded = try? JSONDecoder().decode(BallotLine.self, from: line).ballot(election: "e", kiosk: "k")
            #expect(decoded == ballot)
            let fast = ExportedLine.ballot(line, election: "e", kiosk: "k")
            if Self.plain(area) && projects.allSatisfy(Self.plain) {
                #expect(fast == ballot, "\(String(decoding: line, as: UTF8.self))")
            } else {
                #expect(fast == nil || fast == ballot)
            }
        }
    }

    @Test("property: whenever the fast reader takes an edited ballot line, JSONDecoder reads it to the same ballot")
    func editedBallotLines() async throws {
        await propertyCheck(count: 3000, input: Self.text, Gen.uint32().array(of: 1...3), Gen.int64(), Self.edit, Self.edit) { area, values, time, first, second in
            guard let ballot = try? Self.ballot(area: area, projects: values.map { "P\($0 % 7)" }, values: values, sequence: UInt64(values[0]),
                                                time: time, pass: Array(repeating: 7, count: 32), signature: Array(repeating: 9, count: 64)),
                  let line = try? Self.encode(BallotLine(ballot)) else { return #expect(Bool(false), "cannot make the ballot") }
            let changed = Self.edited(Self.edited(line, first), second)
            guard let fast = ExportedLine.ballot(changed, election: "e", kiosk: "k") else { return }
            let decoded = try? JSONDecoder().decode(BallotLine.self, from: changed).ballot(election: "e", kiosk: "k")
            #expect(decoded == fast, "\(String(decoding: changed, as: UTF8.self))")
        }
    }

    @Test("property: a pass line reads back the same; an edited one the fast reader takes reads the same with JSONDecoder")
    func passLines() async throws {
        await propertyCheck(count: 1500, input: Self.text, Self.bytes32, Self.bytes64, Self.edit) { area, pass, signature, edit in
            guard let key = try? PublicKey(bytes: pass), let sig = try? Signature(bytes: signature),
                  case let token = PassToken(election: "e", area: area, pass: key, signature: sig),
                  let line = try? Self.encode(PassLine(token)) else { return #expect(Bool(false), "cannot make the pass") }
            let read = ExportedLine.pass(line, election: "e")
            #expect(Self.plain(area) ? read == token : (read == nil || read == token))
            let changed = Self.edited(line, edit)
            guard let fast = ExportedLine.pass(changed, election: "e") else { return }
            let decoded = try? JSONDecoder().decode(PassLine.self, from: changed).token(election: "e")
            #expect(decoded == fast, "\(String(decoding: changed, as: UTF8.self))")
        }
    }

    @Test("other valid JSON is left to JSONDecoder: spaces, escapes, leading zeros, exponents, overflow, wrong lengths")
    func otherForms() throws {
        let pass = String(repeating: "ab", count: 32), signature = String(repeating: "cd", count: 64)
        let exact = #"{"area":"WK01","choices":[{"project":"P1","value":1}],"pass":"\#(pass)","sequence":3,"signature":"\#(signature)","time_ms":-5}"#
        let ballot = try #require(ExportedLine.ballot(Data(exact.utf8), election: "e", kiosk: "k"))
        #expect(ballot.area == "WK01" && ballot.sequence == 3 && ballot.timeMillis == -5 && ballot.choices == [Choice(project: "P1", value: 1)])
        #expect(ExportedLine.ballot(Data(exact.replacingOccurrences(of: #""choices":[{"project":"P1","value":1}]"#, with: #""choices":[]"#).utf8),
                                    election: "e", kiosk: "k")?.choices == [])
        for (from, to) in [(#"{"area""#, #"{ "area""#), (#""sequence":3"#, #""sequence":03"#), (#""sequence":3"#, #""sequence":3e0"#),
                           (#""time_ms":-5"#, #""time_ms":-5.0"#), (#""time_ms":-5"#, #""time_ms":-0"#), ("WK01", #"WK\u0030\u0031"#),
                           (pass, pass + "00"), (#""value":1"#, #""value":4294967296"#), (#"}]"#, "},]"), ("}", "} "),
                           (#""sequence":3"#, #""sequence":18446744073709551616"#)] {
            let changed = exact.replacingOccurrences(of: from, with: to)
            #expect(changed != exact)
            #expect(ExportedLine.ballot(Data(changed.utf8), election: "e", kiosk: "k") == nil, "\(changed)")
        }
        // Upper-case hex is refused (docs/record.md: hex is lower case), by the fast reader and by the decoder alike.
        let upper = exact.replacingOccurrences(of: pass, with: pass.uppercased())
        #expect(ExportedLine.ballot(Data(upper.utf8), election: "e", kiosk: "k") == nil)
        #expect((try? JSONDecoder().decode(BallotLine.self, from: Data(upper.utf8))) == nil)
        #expect(ExportedLine.ballot(Data(#"{"area":"x","choices":[],"pass":"\#(pass)","sequence":0,"signature":"\#(signature)","time_ms":-9223372036854775808}"#.utf8),
                                    election: "e", kiosk: "k")?.timeMillis == Int64.min)
        #expect(ExportedLine.ballot(Data([UInt8](#"{"area":""#.utf8) + [0xff] + Array(#"","choices":[],"pass":"\#(pass)","sequence":0,"signature":"\#(signature)","time_ms":0}"#.utf8)),
                                    election: "e", kiosk: "k") == nil)
    }

    @Test("a record whose lines another exporter wrote (other key order) still verifies: only the file digests differ")
    func otherExporter() throws {
        let source = try TestVectorTests.vectors.record()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("exported-line-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        // Keys in reverse order and a space after each colon: the same values in JSON that is not the exporter's form.
        func rewrite<Line: Codable & Equatable>(_ name: String, as type: Line.Type, fast: (Data) -> Bool) throws {
            let url = copy.appendingPathComponent(name)
            let lines = try String(decoding: Data(contentsOf: url), as: UTF8.self).split(separator: "\n").map { line in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let members = try object.keys.sorted(by: >).map { key in
                    "\"\(key)\": " + String(decoding: try JSONSerialization.data(withJSONObject: object[key]!, options: [.fragmentsAllowed]), as: UTF8.self)
                }
                let encoded = Data(("{" + members.joined(separator: ",") + "}").utf8)
                #expect(!fast(encoded), "\(name): the rewritten line should not be in the exporter's form")
                #expect(try JSONDecoder().decode(Line.self, from: encoded) == JSONDecoder().decode(Line.self, from: Data(line.utf8)))
                return String(decoding: encoded, as: UTF8.self)
            }
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        try rewrite(ElectionRecordFile.passes, as: PassLine.self) { ExportedLine.pass($0, election: "e") != nil }
        for name in try FileManager.default.contentsOfDirectory(atPath: copy.appendingPathComponent("ballots").path) {
            try rewrite("ballots/\(name)", as: BallotLine.self) { ExportedLine.ballot($0, election: "e", kiosk: "k") != nil }
        }
        let report = RecordVerifier(folder: copy).verify()
        #expect(report.checks.filter { !$0.passed }.map(\.name) == ["files"])
        #expect(report.checks.first { $0.name == "ballot signatures" }.map { $0.passed && $0.items > 0 } == true)
    }
}
