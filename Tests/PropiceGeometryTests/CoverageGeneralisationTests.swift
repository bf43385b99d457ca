import Testing
@testable import PropiceGeometry
import PropiceTestSupport

/// The acceptance of coverage simplification on the communes of metropolitan France: the
/// commune, EPCI and département layers written by `convert` and `dissolve` at a tolerance
/// are valid, clean, and share their borders exactly.
@Suite("Simplified layers of metropolitan France", .serialized)
struct CoverageGeneralisationTests {
    let folder = TemporaryFolder()

    /// Every segment of every ring of a layer, as an unordered pair of positions.
    func segments(_ features: [Feature]) -> Set<[Position]> {
        var all = Set<[Position]>()
        for feature in features {
            for ring in feature.geometry?.polygons.flatMap(\.rings) ?? [] {
                for (a, b) in zip(ring.positions, ring.positions.dropFirst()) {
                    all.insert((a.x, a.y) < (b.x, b.y) ? [a, b] : [b, a])
                }
            }
        }
        return all
    }

    func inLambert93(_ features: [Feature]) throws -> [Geometry] {
        let toLambert93 = try CoordinateTransformer(from: .wgs84, to: .lambert93)
        return try features.compactMap(\.geometry).map { geometry in
            var g = geometry
            try toLambert93.transform(&g)
            return g
        }
    }

    @Test("at 100, 500 and 2,000 m: valid polygons, clean EPCI coverage, identical borders in the three layers", arguments: [100.0, 500, 2_000])
    func tolerance(_ metres: Double) throws {
        let input = try Geodata.path("cog2025/communes-metro.l93.geojson")
        let topology = TopologyOptions(simplification: SimplificationOptions(amount: .tolerance(metres)))
        let communesPath = folder.file("communes-\(Int(metres)).geojson"), epciPath = folder.file("epci-\(Int(metres)).geojson")
        let departementsPath = folder.file("departements-\(Int(metres)).geojson")
        _ = try LayerConversion.convert(input: input, output: communesPath, topology: topology)
        _ = try LayerDissolve.dissolve(input: input, output: epciPath, grouping: .field("siren_epci"), topology: topology)
        _ = try LayerDissolve.dissolve(input: input, output: departementsPath, grouping: .field("dep"), topology: topology)
        let communes = try readAll(communesPath), epci = try readAll(epciPath), departements = try readAll(departementsPath)
        #expect((communes.count, epci.count, departements.count) == (34_746, 1_232, 96))

        let ops = try GeometryOperations()
        for (name, layer) in [("communes", communes), ("EPCI", epci), ("départements", departements)] {
            let invalid = try layer.filter { try !ops.validity(of: $0.geometry!).isValid }
            #expect(invalid.isEmpty, "\(name): \(invalid.count) invalid, first \(invalid.first?.properties.values.first.map { "\($0)" } ?? "")")
        }

        // No gap, no overlap: the EPCI's areas add up to their union's.
        let epciGeometries = try inLambert93(epci)
        let sum = epciGeometries.reduce(0) { $0 + $1.area }
        let union = try #require(try ops.union(epciGeometries))
        #expect(abs(sum - union.area) <= 1e-4 * sum, "sum \(sum) m², union \(union.area) m²")
        let check = try LayerCoverageCheck.check(input: epciPath)
        #expect(check.isClean, "\(check.issues.prefix(5))")
        #expect(check.holes.map(\.codes) == [["246600399"]], "Llívia, inside the CC Pyrénées Cerdagne, is the one hole")

        // The EPCI and département borders are commune borders, coordinate for coordinate.
        let communeSegments = segments(communes)
        #expect(segments(epci).subtracting(communeSegments).isEmpty)
        #expect(segments(departements).subtracting(communeSegments).isEmpty)
    }

    @Test("keep-shapes at 2,000 m: every commune and every EPCI part is still there")
    func keepShapes() throws {
        let input = try Geodata.path("cog2025/communes-metro.l93.geojson")
        let original = try readAll(input)
        let output = folder.file("communes.geojson"), epciOutput = folder.file("epci.geojson"), epciFull = folder.file("epci-full.geojson")
        let topology = TopologyOptions(simplification: SimplificationOptions(amount: .tolerance(2_000)))
        let report = try LayerConversion.convert(input: input, output: output, topology: topology)
        #expect(try #require(report.generalisation).restoredForShapes > 0, "2,000 m would have flattened some communes")
        let communes = try readAll(output)
        #expect(communes.map { $0.geometry?.polygons.count } == original.map { $0.geometry?.polygons.count })
        #expect(communes.allSatisfy { $0.geometry!.area > 0 })
        _ = try LayerDissolve.dissolve(input: input, output: epciOutput, grouping: .field("siren_epci"), topology: topology)
        _ = try LayerDissolve.dissolve(input: input, output: epciFull, grouping: .field("siren_epci"))
        #expect(try readAll(epciOutput).map { $0.geometry?.polygons.count } == readAll(epciFull).map { $0.geometry?.polygons.count })
    }
}
