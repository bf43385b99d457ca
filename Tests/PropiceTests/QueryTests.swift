import Foundation
import Testing
@testable import Propice
import PropiceTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `propice query` on a built demo, as planners run it.
@Suite("propice query")
struct QueryTests {
    let folder = TemporaryFolder()

    /// Runs propice; returns its exit status, standard output and standard error.
    func propice(_ arguments: String) -> (status: Int32, out: String, err: String) {
        let status = system("\(PropiceExecutable.path) \(arguments) >'\(folder.file("out.txt"))' 2>'\(folder.file("err.txt"))'")
        return (status >> 8, String(decoding: folder.read("out.txt"), as: UTF8.self), String(decoding: folder.read("err.txt"), as: UTF8.self))
    }

    func built() throws -> String {
        try #require(access(PropiceExecutable.path, X_OK) == 0, "build propice first")
        let output = folder.file("built")
        let build = propice("build --config \(Geodata.packageRoot)/geodata/demo.yaml --output \(output) --quiet")
        try #require(build.status == 0, "\(build.err)")
        #expect(build.err.isEmpty, "--quiet")
        return output
    }

    @Test("a SIREN and a name typed without accents or legal form give the same explanation, as propice score prints it")
    func sirenAndName() throws {
        let output = try built()
        let bySIREN = propice("query 999000010 --output \(output)")
        let byName = propice("query 'metropole de BOISAAC' --output \(output)")
        #expect(bySIREN.status == 0 && byName.status == 0)
        #expect(bySIREN.out == byName.out)
        #expect(bySIREN.out.hasPrefix("Intermédiation locative (IML) — Métropole de Boisaac (fictif) (999000010)\nscore "))
        #expect(bySIREN.out.components(separatedBy: " — Métropole de Boisaac (fictif) (999000010)\n").count == 4, "one explanation per model")
        let score = propice("score --config \(Geodata.packageRoot)/geodata/demo.yaml --epci 999000010")
        #expect(bySIREN.out.hasPrefix(String(score.out.dropLast()) + "\n\nObjectifs territorialisés\n- Places nouvelles à créer en IML (fictif) : "),
                "read back from the build, the explanation is the one computed, then the EPCI's part of each target")
    }

    @Test("an ambiguous name lists the candidates (exit 3); an unknown one exits 2; no build exits 1")
    func failures() throws {
        let output = try built()
        let ambiguous = propice("query 'CA' --output \(output)")
        #expect(ambiguous.status == 2, "the legal form alone names nothing")
        let several = propice("query fictif --output \(output)")
        #expect(several.status == 3)
        #expect(several.err.hasPrefix("error: 12 EPCI match 'fictif': 999000001 "))
        #expect(propice("query 'Nulle Part' --output \(output)").status == 2)
        let none = propice("query 999000010 --output \(folder.file("nothing"))")
        #expect(none.status == 1 && none.err.contains("run propice build first"))
    }

    @Test("--json prints the record, which validates against geodata/schemas/territoire.schema.json")
    func json() throws {
        let output = try built()
        let result = propice("query 999000003 --output \(output) --json")
        #expect(result.status == 0)
        let record = try JSONDecoder().decode(TerritoryRecord.self, from: Data(result.out.utf8))
        #expect(record.code == "999000003" && record.fictional && record.results.count == 3)
        let records = [record] + (try (1...12).map { String(format: "9990000%02d", $0) }.map {
            try JSONDecoder().decode(TerritoryRecord.self, from: Data(folder.read("built/territoires/\($0).json")))
        })
        #expect(records.flatMap(\.results).contains { $0.status == .insufficient }, "the demo's EPCI without demand figures is among them")
        guard system("python3 -c 'import jsonschema' 2>/dev/null") == 0 else {
            if Geodata.isUnderCI { Issue.record("python3 with jsonschema is missing: CI installs it") }
            return
        }
        // Every record of the build, the insufficient one among them, against the schema.
        let check = """
            import json, sys, glob, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            paths = sorted(glob.glob(sys.argv[2] + '/territoires/9*.json')) + [sys.argv[3]]
            for path in paths: jsonschema.validate(json.load(open(path)), schema, cls=jsonschema.Draft202012Validator)
            print(len(paths))
            """
        let script = folder.write("check.py", check)
        _ = folder.write("query.json", result.out)
        let validated = system("python3 \(script) \(Geodata.packageRoot)/geodata/schemas/territoire.schema.json \(output) \(folder.file("query.json")) >\(folder.file("n.txt")) 2>&1")
        #expect(validated == 0, "\(String(decoding: folder.read("n.txt"), as: UTF8.self))")
        #expect(String(decoding: folder.read("n.txt"), as: UTF8.self) == "13\n")
    }
}
