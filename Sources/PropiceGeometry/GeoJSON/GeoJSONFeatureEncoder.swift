/// Encodes features as GeoJSON text: exterior rings counter-clockwise and holes clockwise
/// (RFC 7946 §3.1.6), coordinates rounded to the options' precision.
struct GeoJSONFeatureEncoder: Sendable {
    let options: GeoJSONWriterOptions

    /// Appends the feature's JSON object; returns its bounding box (empty for a null geometry).
    @discardableResult
    func append(_ feature: Feature, to out: inout [UInt8]) -> BoundingBox {
        appendHead(feature, to: &out)
        return appendGeometryMember(feature.geometry, to: &out)
    }

    /// Appends the feature's object up to its geometry: type, id and properties.
    func appendHead(_ feature: Feature, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"type":"Feature","#.utf8)
        switch feature.id {
        case .string(let s)?:
            out.append(contentsOf: #""id":"#.utf8)
            JSONText.appendString(s, to: &out)
            out.append(UInt8(ascii: ","))
        case .integer(let i)?:
            out.append(contentsOf: #""id":"#.utf8)
            JSONText.appendInteger(i, to: &out)
            out.append(UInt8(ascii: ","))
        case nil:
            break
        }
        out.append(contentsOf: #""properties":{"#.utf8)
        let names = feature.properties.names
        for i in names.indices {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(names[i], to: &out)
            out.append(UInt8(ascii: ":"))
            feature.properties.values[i].appendJSON(to: &out)
        }
        out.append(contentsOf: "},".utf8)
    }

    /// Appends the rest of a feature's object from its geometry on (its bounding box when the
    /// options ask for one); returns that box (empty for a null geometry).
    func appendGeometryMember(_ geometry: Geometry?, to out: inout [UInt8]) -> BoundingBox {
        out.append(contentsOf: #""geometry":"#.utf8)
        var box = BoundingBox.empty
        if let geometry {
            box = appendGeometry(geometry.rfc7946Oriented, to: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        if options.boundingBoxes && !box.isEmpty {
            out.append(contentsOf: #","bbox":"#.utf8)
            appendBoundingBox(box, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return box
    }

    private func appendGeometry(_ geometry: Geometry, to out: inout [UInt8]) -> BoundingBox {
        var box = BoundingBox.empty
        switch geometry {
        case .polygon(let polygon):
            out.append(contentsOf: #"{"type":"Polygon","coordinates":"#.utf8)
            appendPolygon(polygon, box: &box, to: &out)
        case .multiPolygon(let multi):
            out.append(contentsOf: #"{"type":"MultiPolygon","coordinates":["#.utf8)
            for i in multi.polygons.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendPolygon(multi.polygons[i], box: &box, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
        return box
    }

    private func appendPolygon(_ polygon: Polygon, box: inout BoundingBox, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        appendRing(polygon.exterior, box: &box, to: &out)
        for hole in polygon.holes {
            out.append(UInt8(ascii: ","))
            appendRing(hole, box: &box, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private func appendRing(_ ring: Ring, box: inout BoundingBox, to out: inout [UInt8]) {
        let decimals = options.precision
        out.append(UInt8(ascii: "["))
        ring.positions.withUnsafeBufferPointer { positions in
            for i in 0..<positions.count {
                let p = positions[i]
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                JSONText.appendFixed(p.x, decimals: decimals, to: &out)
                out.append(UInt8(ascii: ","))
                JSONText.appendFixed(p.y, decimals: decimals, to: &out)
                out.append(UInt8(ascii: "]"))
                box.include(p)
            }
        }
        out.append(UInt8(ascii: "]"))
    }

    func appendBoundingBox(_ box: BoundingBox, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, v) in [box.minX, box.minY, box.maxX, box.maxY].enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendFixed(v, decimals: options.precision, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }
}
