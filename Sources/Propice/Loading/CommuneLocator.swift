import PropiceGeometry

/// Finds the commune polygons that contain points, reading the polygons as a stream: only the
/// points are held, sorted by x, and each polygon is tested (with GEOS, borders included)
/// against the points within its bounding box, so that a file of every commune of France
/// costs the memory of one polygon at a time.
enum CommuneLocator {
    /// The commune of each position (given in `crs`), nil for a point in no polygon. A point on
    /// a border goes to the polygon read first.
    static func communes(of positions: [Position], crs positionsCRS: CRS, polygons path: String) throws -> [CommuneCode?] {
        let reader = try LayerConversion.openReader(path, layer: nil)
        // The polygons' CRS: the one the file declares, else WGS 84 as RFC 7946 says.
        let projected = try CoordinateTransformer.transform(positions, from: positionsCRS, to: reader.declaredCRS ?? .wgs84)
        let order = projected.indices.sorted { projected[$0].x < projected[$1].x }
        let xs = order.map { projected[$0].x }
        var communes = [CommuneCode?](repeating: nil, count: positions.count)
        var field: CommuneCodeField?
        let cover = try PolygonCover()
        while let feature = try reader.next() {
            guard let geometry = feature.geometry else { continue }
            guard let named = field ?? CommuneCodeField.detect(in: [feature]) else {
                throw InputError(file: path, message: "the polygons have none of the properties \(CodeField.candidates.joined(separator: ", ")) to name their commune")
            }
            field = named
            guard let code = named.code(in: feature.properties)?.municipality else { continue }
            let box = geometry.boundingBox
            var low = 0, high = xs.count
            while low < high { // the first point at or east of the box's west side
                let middle = (low + high) / 2
                if xs[middle] < box.minX { low = middle + 1 } else { high = middle }
            }
            var candidates: [Int] = []
            while low < xs.count, xs[low] <= box.maxX {
                let point = order[low]
                if communes[point] == nil, box.contains(projected[point]) { candidates.append(point) }
                low += 1
            }
            guard !candidates.isEmpty else { continue }
            for (point, covered) in zip(candidates, try cover.covers(geometry, candidates.map { projected[$0] })) where covered {
                communes[point] = code
            }
        }
        return communes
    }
}
