import PropiceGeometry

/// Even variants: a whole GeoPackage file, every feature of its layer read. Odd variants:
/// one geometry blob, as a GeoPackage row holds it.
struct GeoPackageFuzzReader: FuzzReader {
    func read(variant: UInt8, content: ArraySlice<UInt8>, scratch: FuzzScratch) throws -> String {
        guard variant % 2 == 0 else {
            let geometry = try GeoPackageBinary.decode(Array(content))
            return geometry.map { "a geometry of \($0.polygons.count) polygons, \($0.positionCount) vertices" } ?? "an empty geometry"
        }
        let reader = try GeoPackageReader(path: try scratch.write(content, to: "input.gpkg"))
        var features = 0, vertices = 0
        while let feature = try reader.next() {
            features += 1
            vertices += feature.geometry?.positionCount ?? 0
        }
        return "layer \(reader.layerName ?? "?"), \(features) features, \(vertices) vertices"
    }
}
