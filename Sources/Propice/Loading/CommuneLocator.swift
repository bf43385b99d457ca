import PropiceGeometry

/// Finds the commune polygon that contains a point (GEOS STRtree and prepared polygons), in
/// the polygons' own CRS.
final class CommuneLocator {
    let path: String
    /// The polygons' CRS: the one the file declares, else WGS 84 as RFC 7946 says.
    let crs: CRS
    /// The commune code of each polygon, nil when its code is not one.
    private let codes: [CommuneCode?]
    private let index: PolygonIndex

    init(path: String) throws {
        let reader = try LayerConversion.openReader(path, layer: nil)
        var features: [Feature] = []
        while let feature = try reader.next() {
            if feature.geometry != nil { features.append(feature) }
        }
        guard let field = CodeField.detect(in: features) else {
            throw InputError(file: path, message: "the polygons have none of the properties \(CodeField.candidates.joined(separator: ", ")) to name their commune")
        }
        self.path = path
        crs = reader.declaredCRS ?? .wgs84
        codes = features.map { feature in
            switch feature.properties[field] {
            case .string(let code)?: CommuneCode(code)?.municipality
            case .integer(let code)?: CommuneCode(String(code))?.municipality
            default: nil
            }
        }
        index = try PolygonIndex(features.map { $0.geometry! })
    }

    /// The commune of each position (given in `crs`), nil for a point in no polygon. A point on
    /// a border goes to the polygon read first.
    func communes(of positions: [Position], crs positionsCRS: CRS) throws -> [CommuneCode?] {
        let projected = try CoordinateTransformer.transform(positions, from: positionsCRS, to: crs)
        return try projected.map { position in try index.containing(position).lazy.compactMap { self.codes[$0] }.first }
    }
}
