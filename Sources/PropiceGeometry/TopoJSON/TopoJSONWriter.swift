/// One object of a TopoJSON file: a layer whose geometries are references to the arcs of one
/// of the file's topologies.
public struct TopoJSONLayer: Sendable {
    /// One geometry of the layer.
    public struct Object: Sendable {
        public var id: FeatureID?
        public var properties: Properties
        public var arcs: TopologyFace

        public init(id: FeatureID?, properties: Properties, arcs: TopologyFace) {
            self.id = id
            self.properties = properties
            self.arcs = arcs
        }
    }

    public var name: String
    /// The index, in the file's topologies, of the topology whose arcs the objects reference.
    public var topology: Int
    public var objects: [Object]

    public init(name: String, topology: Int, objects: [Object]) {
        self.name = name
        self.topology = topology
        self.objects = objects
    }
}

/// Writes a TopoJSON file (TopoJSON 1.0): the arcs of one or more topologies whose positions
/// were rounded to `decimals` (several zoom bands, say, their arcs one after the other), and
/// layers referencing them. Positions are quantised on a grid of 10^-decimals, so the
/// quantisation loses nothing, and delta-encoded.
public enum TopoJSONWriter {
    public static func write(topologies: [Topology], layers: [TopoJSONLayer], decimals: Int, to path: String) throws {
        guard (0...9).contains(decimals) else {
            throw OutputError(file: path, message: "TopoJSON quantisation needs 0 to 9 decimals, not \(decimals)")
        }
        var bounds = BoundingBox.empty
        for topology in topologies { for p in topology.positions { bounds.include(p) } }
        let scale = JSONText.powersOfTen[decimals]
        let origin = bounds.isEmpty ? Position(x: 0, y: 0)
            : Position(x: (bounds.minX * scale).rounded() / scale, y: (bounds.minY * scale).rounded() / scale)
        var offsets: [Int32] = [0]
        for topology in topologies { offsets.append(offsets.last! + Int32(topology.arcCount)) }

        let file = try StreamedOutput(path: path)
        var out: [UInt8] = []
        out.append(contentsOf: #"{"type":"Topology","transform":{"scale":["#.utf8)
        JSONText.appendFixed(1 / scale, decimals: decimals, to: &out)
        out.append(UInt8(ascii: ","))
        JSONText.appendFixed(1 / scale, decimals: decimals, to: &out)
        out.append(contentsOf: #"],"translate":["#.utf8)
        JSONText.appendFixed(origin.x, decimals: decimals, to: &out)
        out.append(UInt8(ascii: ","))
        JSONText.appendFixed(origin.y, decimals: decimals, to: &out)
        out.append(contentsOf: #"]},"#.utf8)
        if !bounds.isEmpty {
            out.append(contentsOf: #""bbox":["#.utf8)
            for (i, v) in [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY].enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendFixed(v, decimals: decimals, to: &out)
            }
            out.append(contentsOf: "],".utf8)
        }
        out.append(contentsOf: #""objects":{"#.utf8)
        for (l, layer) in layers.enumerated() {
            guard topologies.indices.contains(layer.topology) else {
                throw OutputError(file: path, message: "layer \(layer.name) refers to topology \(layer.topology) of \(topologies.count)")
            }
            if l > 0 { out.append(UInt8(ascii: ",")) }
            out.append(0x0A)
            JSONText.appendString(layer.name, to: &out)
            out.append(contentsOf: #":{"type":"GeometryCollection","geometries":["#.utf8)
            for (o, object) in layer.objects.enumerated() {
                if o > 0 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
                append(object, offset: offsets[layer.topology], to: &out)
                try file.drain(&out)
            }
            out.append(contentsOf: "]}".utf8)
        }
        out.append(contentsOf: "},\n\"arcs\":[".utf8)
        var first = true
        for topology in topologies {
            for arc in 0..<topology.arcCount {
                out.append(contentsOf: first ? "\n[".utf8 : ",\n[".utf8)
                first = false
                var previous = (x: Int64(0), y: Int64(0))
                for (k, p) in topology.arc(arc).enumerated() {
                    let q = (x: Int64(((p.x - origin.x) * scale).rounded()), y: Int64(((p.y - origin.y) * scale).rounded()))
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(UInt8(ascii: "["))
                    JSONText.appendInteger(q.x - previous.x, to: &out)
                    out.append(UInt8(ascii: ","))
                    JSONText.appendInteger(q.y - previous.y, to: &out)
                    out.append(UInt8(ascii: "]"))
                    previous = q
                }
                out.append(UInt8(ascii: "]"))
                try file.drain(&out)
            }
        }
        out.append(contentsOf: "]}\n".utf8)
        try file.finish(&out)
    }

    private static func append(_ object: TopoJSONLayer.Object, offset: Int32, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"type":"#.utf8)
        let type = switch object.arcs.kind { case .none: "null"; case .polygon: #""Polygon""#; case .multiPolygon: #""MultiPolygon""# }
        out.append(contentsOf: type.utf8)
        switch object.id {
        case .string(let s)?:
            out.append(contentsOf: #","id":"#.utf8)
            JSONText.appendString(s, to: &out)
        case .integer(let i)?:
            out.append(contentsOf: #","id":"#.utf8)
            JSONText.appendInteger(i, to: &out)
        case nil:
            break
        }
        out.append(contentsOf: #","properties":{"#.utf8)
        for (i, name) in object.properties.names.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
            object.properties.values[i].appendJSON(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        guard object.arcs.kind != .none else { return out.append(UInt8(ascii: "}")) }
        out.append(contentsOf: #","arcs":"#.utf8)
        func appendPolygon(_ rings: [[Int32]]) {
            out.append(UInt8(ascii: "["))
            for (r, ring) in rings.enumerated() {
                if r > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                for (k, reference) in ring.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: ",")) }
                    JSONText.appendInteger(Int64(reference >= 0 ? reference + offset : ~(~reference + offset)), to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
        if object.arcs.kind == .multiPolygon {
            out.append(UInt8(ascii: "["))
            for (p, polygon) in object.arcs.polygons.enumerated() {
                if p > 0 { out.append(UInt8(ascii: ",")) }
                appendPolygon(polygon)
            }
            out.append(UInt8(ascii: "]"))
        } else {
            appendPolygon(object.arcs.polygons.first ?? [])
        }
        out.append(UInt8(ascii: "}"))
    }
}
