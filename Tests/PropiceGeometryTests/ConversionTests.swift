import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Conversion on ../shared/geodata")
struct ConversionTests {
    let folder = TemporaryFolder()

    /// Codes and every position, in order, of a layer.
    func positionsByCode(_ features: [Feature]) -> [String: [Position]] {
        var result: [String: [Position]] = [:]
        for feature in features {
            guard case .string(let code)? = feature.properties["insee_com"] else { continue }
            result[code] = feature.geometry?.polygons.flatMap { $0.rings.flatMap(\.positions) } ?? []
        }
        return result
    }

    @Test("Occitanie communes from Lambert-93 to WGS 84 match the reference within 1e-6°")
    func occitanieToWGS84() throws {
        let l93 = try Geodata.path("cog2025/communes-occitanie.l93.geojson")
        let reference = try readAll(try Geodata.path("cog2025/communes-occitanie.wgs84.geojson"))
        let output = folder.file("occitanie.geojson")
        let report = try LayerConversion.convert(input: l93, output: output)
        #expect(report == ConversionReport(featureCount: 4446, sourceCRS: .lambert93, targetCRS: .wgs84, outputFormat: .geoJSON))
        let converted = try readAll(output)
        #expect(converted.count == 4446)
        let ours = positionsByCode(converted), theirs = positionsByCode(reference)
        #expect(ours.count == 4446)
        #expect(Set(ours.keys) == Set(theirs.keys))
        var worst = 0.0
        var mismatched: [String] = []
        for (code, positions) in ours {
            // The reference may wind rings either way; compare each ring's positions as sets in order-free form.
            let expected = theirs[code] ?? []
            guard positions.count == expected.count else { mismatched.append(code); continue }
            let a = positions.sorted { ($0.x, $0.y) < ($1.x, $1.y) }, b = expected.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
            for (p, q) in zip(a, b) { worst = max(worst, abs(p.x - q.x), abs(p.y - q.y)) }
        }
        #expect(mismatched.isEmpty, "position counts differ for \(mismatched.prefix(5))")
        #expect(worst <= 1.0000001e-6, "largest difference \(worst)°")
        // Properties pass through untouched: codes stay strings with their leading zeros.
        let ariege = converted.first { $0.properties["insee_com"] == .string("09001") }
        #expect(ariege?.properties["dep"] == .string("09"))
        // RFC 7946 winding.
        for feature in converted {
            for polygon in feature.geometry?.polygons ?? [] {
                #expect(polygon.exterior.isCounterClockwise)
                #expect(polygon.holes.allSatisfy { !$0.isCounterClockwise })
            }
        }
    }

    @Test("GeoJSON → GeoPackage → GeoJSON keeps coordinates and properties")
    func roundTripThroughGeoPackage() throws {
        let source = try Geodata.path("cog2025/communes-occitanie.wgs84.geojson")
        let original = try readAll(source)
        _ = try LayerConversion.convert(input: source, output: folder.file("communes.gpkg"))
        #expect(try GeoPackageReader(path: folder.file("communes.gpkg")).declaredCRS == .wgs84)
        _ = try LayerConversion.convert(input: folder.file("communes.gpkg"), output: folder.file("back.geojson"))
        let back = try readAll(folder.file("back.geojson"))
        #expect(back.count == original.count)
        for (a, b) in zip(original, back) {
            #expect(a.properties == b.properties)
            #expect(a.geometry?.rfc7946Oriented == b.geometry?.rfc7946Oriented)
        }
        let codes = Set(back.compactMap { feature -> String? in
            if case .string(let code)? = feature.properties["insee_com"] { return code }
            return nil
        })
        #expect(codes.contains("09001"))
    }

    @Test("Corsica's codes and metropolitan France convert whole")
    func metropolitanFrance() throws {
        let input = try Geodata.path("cog2025/communes-metro.l93.geojson")
        let output = folder.file("metro.geojson")
        let report = try LayerConversion.convert(input: input, output: output)
        #expect(report.featureCount == 34_746)
        let features = try readAll(output)
        #expect(features.contains { $0.properties["insee_com"] == .string("2A004") })
        let vertices = features.reduce(0) { $0 + ($1.geometry?.positionCount ?? 0) }
        #expect(vertices == 449_081)
    }

    @Test("a conflicting --source-crs is an error, and the file's own CRS wins otherwise")
    func sourceCRSConflict() throws {
        let input = try Geodata.path("cog2025/communes-occitanie.l93.geojson")
        let e = inputError { _ = try LayerConversion.convert(input: input, output: folder.file("x.geojson"), options: ConversionOptions(sourceCRS: .wgs84)) }
        #expect(e?.message == "the file declares EPSG:2154 but the source CRS given is EPSG:4326: drop the option, or fix the file")
        #expect(folder.names().isEmpty)
    }
}
