import Buurtstem
import Foundation
import Testing

private let sharedPabulibPresent = FileManager.default.fileExists(atPath: SharedPabulib.folder.appendingPathComponent("official").path)

/// The extra arguments a file's rule needs: greedy-exclusive files name their exclusions only in words.
private let officialArguments: [String: [String]] = [
    // comment #2: "projects 773 and 153 ... could not be implemented simultaneously".
    "Poland_Warszawa_2022_Bemowo.pb": ["--exclusive", "773,153"],
    // The comment names no exclusion.
    "Poland_Warszawa_2024_Wola.pb": ["--no-exclusions"],
]

@Suite("allocate --official reproduces the cities' outcomes",
       .enabled(if: sharedPabulibPresent, "../shared/pabulib/official is absent: the official-outcome test needs the shared Pabulib files beside the package; skipped"))
struct OfficialOutcomeTests {
    struct Run {
        let status: Int32
        let json: [String: Any]
        let stderr: String
    }

    func allocate(_ path: URL) throws -> Run {
        let cli = try CLI.inTemporaryDirectory()
        let result = try cli.run(["allocate", path.path, "--official", "--json"] + (officialArguments[path.lastPathComponent] ?? []))
        let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return Run(status: result.status, json: json, stderr: result.stderr)
    }

    /// The ids marked `selected` 1 (or more: Poznań marks reserve-funded projects 2) in the file, if it has the column.
    func officialSelection(_ path: URL) throws -> Set<String>? {
        let instance = try PabulibReader().read(contentsOf: path.path)
        guard instance.projectColumns.contains("selected") else { return nil }
        return Set(instance.projects.filter { (Int(instance.projectField("selected", of: $0) ?? "") ?? 0) >= 1 }.map(\.id))
    }

    @Test("every file of official/ gives the city's selected set, or reads with a warning where it has none")
    func officialFolder() throws {
        let folder = SharedPabulib.folder.appendingPathComponent("official")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pb") }.sorted()
        var compared = 0, readOnly = 0
        for file in files {
            let path = folder.appendingPathComponent(file)
            let run = try allocate(path)
            #expect(run.status == 0, "\(file): \(run.stderr)")
            let rule = try PabulibReader().read(contentsOf: path.path).meta("rule")
            #expect(run.json["official_rule"] as? String == rule, "\(file)")
            #expect(!run.stderr.contains("PROJECTS score"), "\(file): the counted points differ from the file's score column: \(run.stderr)")
            let selected = Set(run.json["selected"] as? [String] ?? [])
            if let official = try officialSelection(path) {
                #expect(selected == official, "\(file): funded \(selected.sorted()), the city funded \(official.sorted())")
                compared += 1
            } else {
                // Częstochowa 2020: no selected column; the point is that they are read, with a warning at the line.
                #expect(!selected.isEmpty, "\(file)")
                readOnly += 1
            }
        }
        #expect(files.count == 9)
        #expect(compared == 7)
        #expect(readOnly == 2)
    }

    @Test("the two files that were refused are read, and the warning names file and line")
    func repairedFiles() throws {
        let folder = SharedPabulib.folder.appendingPathComponent("official")
        let repeated = try allocate(folder.appendingPathComponent("Poland_Czestochowa_2020.pb"))
        #expect(repeated.stderr.contains("warning: Poland_Czestochowa_2020.pb:11740: VOTES vote: the vote names 579 more than once; their points are added up"))
        #expect((repeated.json["warnings"] as? [String])?.contains { $0.hasPrefix("Poland_Czestochowa_2020.pb:11740:") } == true)
        let quoted = try allocate(folder.appendingPathComponent("Poland_Czestochowa_2020_Grabowka.pb"))
        #expect(quoted.stderr.contains("warning: Poland_Czestochowa_2020_Grabowka.pb:29: PROJECTS: text follows a closing quote"))
        #expect((quoted.json["projects"] as? [[String: Any]])?.contains { $0["name"] as? String == "Odkupmy i my - zakup i montaż nowoczesnych koszy na psie nieczystości w dzielnicy Grabówka" } == true)
    }

    @Test("the reference instances with an official outcome: every runnable META rule reproduces it")
    func referenceInstances() throws {
        let folder = SharedPabulib.folder.appendingPathComponent("instances")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pb") }.sorted()
        var compared = 0, refused: [String] = []
        for file in files {
            let path = folder.appendingPathComponent(file)
            guard let official = try officialSelection(path) else { continue }
            let run = try allocate(path)
            if run.status != 0 {
                // Only a rule the file does not state precisely may be refused, and the error must name it.
                #expect(run.stderr.contains("greedy-custom") || run.stderr.contains("\"unknown\""), "\(file): \(run.stderr)")
                refused.append(file)
                continue
            }
            #expect(Set(run.json["selected"] as? [String] ?? []) == official, "\(file)")
            compared += 1
        }
        #expect(compared == 7)
        #expect(refused == ["Poland_Poznan_2025_large.pb"])
    }

    @Test("greedy-exclusive without the exclusions is a clear error saying how to give them")
    func exclusionsRequired() throws {
        let cli = try CLI.inTemporaryDirectory()
        let path = SharedPabulib.folder.appendingPathComponent("official/Poland_Warszawa_2022_Bemowo.pb").path
        let missing = try cli.run("allocate", path, "--official")
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("Poland_Warszawa_2022_Bemowo.pb: META rule: the rule is greedy-exclusive"))
        #expect(missing.stderr.contains("--exclusive A,B"))
        // Without the exclusion, both 773 and 153 would be funded: the option is what keeps 153 out.
        let human = try cli.run("allocate", path, "--official", "--exclusive", "773,153", "--explain")
        #expect(human.status == 0)
        #expect(human.stdout.contains("official rule (META rule greedy-exclusive)"))
        #expect(human.stdout.contains("not funded: it excludes 773, which was funded first"))
        let unknown = try cli.run("allocate", path, "--official", "--exclusive", "773,99999")
        #expect(unknown.stderr.contains("names 99999, which is not a project of this election"))
    }

    @Test("the threshold of a points file counts points, also under --meta-constraints")
    func thresholdInPoints() throws {
        let cli = try CLI.inTemporaryDirectory()
        let path = SharedPabulib.folder.appendingPathComponent("official/Poland_Czestochowa_2025_Mirow.pb").path
        let result = try cli.run("allocate", path, "--rule", "greedy", "--meta-constraints", "--json")
        let json = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any]
        #expect(Set(json?["selected"] as? [String] ?? []) == ["294", "585", "618"])
    }
}
