import PropiceGeometry

/// Reads a GeoJSON file, then writes its features and reads them back: the second reading
/// must find the same features and properties.
struct GeoJSONFuzzReader: FuzzReader {
    func read(variant: UInt8, content: ArraySlice<UInt8>, scratch: FuzzScratch) throws -> String {
        let features = try Self.features(at: try scratch.write(content, to: "input.geojson"))
        let written = try scratch.write(GeoJSONWriter.text(features)[...], to: "written.geojson")
        let again = try Self.features(at: written)
        precondition(again.count == features.count, "\(features.count) features read, \(again.count) after writing them")
        for (a, b) in zip(features, again) {
            precondition(a.properties.names == b.properties.names, "properties \(a.properties.names) became \(b.properties.names)")
            precondition((a.geometry == nil) == (b.geometry == nil), "a geometry appeared or vanished on writing")
        }
        let vertices = features.reduce(0) { $0 + ($1.geometry?.positionCount ?? 0) }
        return "\(features.count) features, \(vertices) vertices"
    }

    static func features(at path: String) throws -> [Feature] {
        let reader = try GeoJSONReader(path: path)
        var features: [Feature] = []
        while let feature = try reader.next() { features.append(feature) }
        return features
    }
}
