import Foundation
import Testing

/// A TopoJSON file decoded independently of the writer, for tests: its objects, its arcs
/// (quantised and delta-encoded), and the rings an object's geometries draw.
struct TopoJSONDecoding {
    let objects: [String: [String: Any]]
    let arcs: [[[Int]]]

    init(_ bytes: [UInt8]) throws {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(root["type"] as? String == "Topology")
        objects = try #require(root["objects"] as? [String: [String: Any]])
        arcs = try #require(root["arcs"] as? [[[Int]]])
    }

    var objectNames: [String] { objects.keys.sorted() }
    var arcCount: Int { arcs.count }

    private func geometries(_ name: String) throws -> [[String: Any]] {
        try #require(objects[name]?["geometries"] as? [[String: Any]])
    }

    /// Every arc index the objects reference.
    var usedArcs: Set<Int> {
        var used = Set<Int>()
        func visit(_ value: Any) {
            if let index = value as? Int { used.insert(index < 0 ? ~index : index) } else if let list = value as? [Any] { list.forEach(visit) }
        }
        for object in objects.values { for geometry in object["geometries"] as? [[String: Any]] ?? [] { visit(geometry["arcs"] ?? []) } }
        return used
    }

    /// The positions of an arc, undone from its deltas, reversed for `~i`.
    private func positions(_ reference: Int) -> [[Int]] {
        var x = 0, y = 0
        let absolute = arcs[reference < 0 ? ~reference : reference].map { delta -> [Int] in
            x += delta[0]
            y += delta[1]
            return [x, y]
        }
        return reference < 0 ? absolute.reversed() : absolute
    }

    /// Each geometry's rings, as quantised positions, by id.
    func rings(_ name: String) throws -> [String: [[[Int]]]] {
        var result: [String: [[[Int]]]] = [:]
        for geometry in try geometries(name) {
            let polygons: [[[Int]]] = switch geometry["type"] as? String {
            case "Polygon": [try #require(geometry["arcs"] as? [[Int]])]
            case "MultiPolygon": try #require(geometry["arcs"] as? [[[Int]]])
            default: []
            }
            let id = try #require(geometry["id"] as? String)
            result[id] = polygons.flatMap { polygon in
                polygon.map { ring in ring.enumerated().flatMap { i, arc in Array(positions(arc).dropFirst(i == 0 ? 0 : 1)) } }
            }
        }
        return result
    }

    /// Each geometry's properties as JSON text, by id.
    func properties(_ name: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for geometry in try geometries(name) {
            let properties = try JSONSerialization.data(withJSONObject: geometry["properties"] ?? [:], options: [.sortedKeys])
            result[try #require(geometry["id"] as? String)] = String(decoding: properties, as: UTF8.self)
        }
        return result
    }
}
