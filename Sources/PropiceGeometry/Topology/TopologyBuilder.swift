/// Builds the arcs of a polygon coverage whose neighbours share their border vertices exactly,
/// as topology-preserving producers (IGN's ADMIN EXPRESS, mapshaper) write them.
///
/// A vertex is a node where the border branches: where it does not have the same two
/// neighbours in every ring that passes through it. Rings are cut at nodes; a ring with no node
/// (an island, an enclave's outline) is one closed arc starting at its smallest vertex. An arc is
/// known by its first two vertices: two different arcs cannot start the same way, since the
/// vertex where they part would be a node.
enum TopologyBuilder {
    static func build(_ geometries: [Geometry?]) -> Topology {
        // 1. Number the distinct vertices and write every ring (without its closing vertex) as ids.
        var idOf: [Position: Int32] = [:]
        var points: [Position] = []
        var ringIDs: [Int32] = []
        var ringStarts: [Int] = [0]
        for geometry in geometries {
            for polygon in geometry?.polygons ?? [] {
                for ring in polygon.rings {
                    for position in ring.positions.dropLast() {
                        let id: Int32
                        if let known = idOf[position] { id = known } else {
                            id = Int32(points.count)
                            idOf[position] = id
                            points.append(position)
                        }
                        ringIDs.append(id)
                    }
                    ringStarts.append(ringIDs.count)
                }
            }
        }
        idOf = [:]

        // 2. Nodes: vertices whose neighbours differ from one passage to another.
        var neighbours = [(Int32, Int32)](repeating: (-1, -1), count: points.count)
        var isNode = [Bool](repeating: false, count: points.count)
        for r in 0..<(ringStarts.count - 1) {
            let start = ringStarts[r], count = ringStarts[r + 1] - start
            for k in 0..<count {
                let id = Int(ringIDs[start + k])
                let previous = ringIDs[start + (k + count - 1) % count], next = ringIDs[start + (k + 1) % count]
                let pair = previous < next ? (previous, next) : (next, previous)
                if neighbours[id].0 < 0 {
                    neighbours[id] = pair
                } else if neighbours[id] != pair {
                    isNode[id] = true
                }
            }
        }

        // 3. Cut every ring at its nodes and find or add each arc.
        var positions: [Position] = []
        var arcStarts: [Int] = [0]
        var arcByStart: [Int64: Int32] = [:]
        @inline(__always) func key(_ a: Int32, _ b: Int32) -> Int64 { Int64(a) << 32 | Int64(UInt32(bitPattern: b)) }
        func reference(_ ids: ArraySlice<Int32>) -> Int32 {
            if let arc = arcByStart[key(ids[ids.startIndex], ids[ids.startIndex + 1])] { return arc }
            if let arc = arcByStart[key(ids[ids.endIndex - 1], ids[ids.endIndex - 2])] { return ~arc }
            let arc = Int32(arcStarts.count - 1)
            arcByStart[key(ids[ids.startIndex], ids[ids.startIndex + 1])] = arc
            positions.append(contentsOf: ids.map { points[Int($0)] })
            arcStarts.append(positions.count)
            return arc
        }

        var ringIndex = 0
        var faces: [TopologyFace] = []
        faces.reserveCapacity(geometries.count)
        for geometry in geometries {
            var polygons: [[[Int32]]] = []
            for polygon in geometry?.polygons ?? [] {
                var rings: [[Int32]] = []
                for _ in polygon.rings {
                    let ring = ringIDs[ringStarts[ringIndex]..<ringStarts[ringIndex + 1]]
                    ringIndex += 1
                    rings.append(arcs(of: ring, isNode: isNode, reference: reference))
                }
                polygons.append(rings)
            }
            let kind: TopologyFace.Kind
            switch geometry {
            case nil: kind = .none
            case .polygon?: kind = .polygon
            case .multiPolygon?: kind = .multiPolygon
            }
            faces.append(TopologyFace(kind: kind, polygons: polygons))
        }
        return Topology(positions: positions, arcStarts: arcStarts, faces: faces)
    }

    /// The arc references of one ring, given as vertex ids without the closing repeat.
    private static func arcs(of ring: ArraySlice<Int32>, isNode: [Bool], reference: (ArraySlice<Int32>) -> Int32) -> [Int32] {
        let ids = Array(ring)
        let count = ids.count
        guard let firstNode = ids.firstIndex(where: { isNode[Int($0)] }) else {
            // No node: one closed arc, starting at the smallest vertex so both sides agree.
            let start = ids.indices.min { ids[$0] < ids[$1] }!
            let rotated = Array(ids[start...] + ids[..<start]) + [ids[start]]
            return [reference(rotated[...])]
        }
        var references: [Int32] = []
        var arc: [Int32] = [ids[firstNode]]
        for step in 1...count {
            let id = ids[(firstNode + step) % count]
            arc.append(id)
            if isNode[Int(id)] {
                references.append(reference(arc[...]))
                arc = [id]
            }
        }
        return references
    }
}
