import Testing
@testable import PropiceGeometry

@Suite("The embedded demo")
struct DemoTests {
    @Test("six fictional communes in Lambert-93, every polygon valid, labelled fictional")
    func demo() throws {
        let path = Geodata.packageRoot + "/geodata/demo/communes-demo.l93.geojson"
        #expect(try GeoJSONReader(path: path).declaredCRS == .lambert93)
        let communes = try readAll(path)
        #expect(communes.count == 6)
        let ops = try GeometryOperations()
        for commune in communes {
            let geometry = try #require(commune.geometry)
            let validity = try ops.validity(of: geometry)
            #expect(validity.isValid, "\(String(describing: commune.properties["insee_com"])): \(validity.reason ?? "")")
            #expect(commune.properties["fictif"] == .bool(true))
        }
        // The enclave fills the hole of the commune around it exactly.
        let enclave = try #require(communes.first { $0.properties["insee_com"] == .string("00006") }?.geometry)
        guard case .polygon(let around)? = communes.first(where: { $0.properties["insee_com"] == .string("00005") })?.geometry else {
            Issue.record("00005 should be a Polygon with a hole")
            return
        }
        #expect(around.holes.count == 1)
        #expect(abs(around.holes[0].area - enclave.area) < 1e-6)
    }
}
