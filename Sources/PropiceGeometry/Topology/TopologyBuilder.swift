/// Builds the arcs of a polygon coverage whose neighbours share their border vertices exactly,
/// as topology-preserving producers (IGN's ADMIN EXPRESS, mapshaper) write them.
///
/// A vertex is a node where the border branches: where it does not have the same two
/// neighbours in every ring that passes through it. Rings are cut at nodes; a ring with no node
/// (an island, an enclave's outline) is one closed arc starting at its smallest vertex. An arc is
/// known by its first two vertices: two different arcs cannot start the same way, since the
/// vertex where they part would be a node.
enum TopologyBuilder {
    /// The topology of the geometries, their rings oriented as RFC 7946 asks (exteriors
    /// counter-clockwise, holes clockwise).
    static func build(_ geometries: [Geometry?]) -> Topology {
        let rings = Rings(geometries)
        let isNode = rings.nodes()
        var arcs = ArcTable(points: rings.points)
        var faces: [TopologyFace] = []
        faces.reserveCapacity(geometries.count)
        var ringIndex = 0
        for geometry in geometries {
            var polygons: [[[Int32]]] = []
            for polygon in geometry?.polygons ?? [] {
                var references: [[Int32]] = []
                for _ in 0...polygon.holes.count {
                    references.append(arcs.references(of: rings.ids[rings.starts[ringIndex]..<rings.starts[ringIndex + 1]], isNode: isNode))
                    ringIndex += 1
                }
                polygons.append(references)
            }
            let kind: TopologyFace.Kind
            switch geometry {
            case nil: kind = .none
            case .polygon?: kind = .polygon
            case .multiPolygon?: kind = .multiPolygon
            }
            faces.append(TopologyFace(kind: kind, polygons: polygons))
        }
        return Topology(positions: arcs.positions, arcStarts: arcs.starts, faces: faces)
    }

    /// Every ring as the numbers of its distinct positions, without the closing one, oriented.
    private struct Rings {
        let points: [Position]
        let ids: [Int32]
        /// Ring `r` is `ids[starts[r]..<starts[r + 1]]`.
        let starts: [Int]

        init(_ geometries: [Geometry?]) {
            let total = geometries.reduce(0) { $0 + ($1?.positionCount ?? 0) }
            var numbering = PositionNumbering(expected: total)
            var ids: [Int32] = [], starts = [0]
            ids.reserveCapacity(total)
            func add(_ ring: Ring, counterClockwise: Bool) {
                let start = ids.count
                for position in ring.positions.dropLast() { ids.append(numbering.number(position)) }
                // Reversing all but the first keeps the ring's start, as reversing a closed ring does.
                if ring.isCounterClockwise != counterClockwise, ids.count - start > 2 { ids[(start + 1)...].reverse() }
                starts.append(ids.count)
            }
            for case let geometry? in geometries {
                for polygon in geometry.polygons {
                    add(polygon.exterior, counterClockwise: true)
                    for hole in polygon.holes { add(hole, counterClockwise: false) }
                }
            }
            points = numbering.positions
            self.ids = ids
            self.starts = starts
        }

        /// Whether each point is a node: its neighbours differ from one passage to another.
        func nodes() -> [Bool] {
            var neighbours = [(Int32, Int32)](repeating: (-1, -1), count: points.count)
            var isNode = [Bool](repeating: false, count: points.count)
            for r in 0..<(starts.count - 1) {
                let start = starts[r], count = starts[r + 1] - start
                for k in 0..<count {
                    let id = Int(ids[start + k])
                    let previous = ids[start + (k + count - 1) % count], next = ids[start + (k + 1) % count]
                    let pair = previous < next ? (previous, next) : (next, previous)
                    if neighbours[id].0 < 0 {
                        neighbours[id] = pair
                    } else if neighbours[id] != pair {
                        isNode[id] = true
                    }
                }
            }
            return isNode
        }
    }

    /// The arcs found so far, each known by its first two points.
    private struct ArcTable {
        let points: [Position]
        var positions: [Position] = []
        var starts: [Int] = [0]
        /// Per point, the last arc added that starts there; per arc, the previous one starting at the same point.
        private var lastStartingAt: [Int32]
        private var previousStartingAtSame: [Int32] = []
        /// Per arc, its second point.
        private var second: [Int32] = []

        init(points: [Position]) {
            self.points = points
            lastStartingAt = [Int32](repeating: -1, count: points.count)
        }

        /// The arc references of one ring.
        mutating func references(of ring: ArraySlice<Int32>, isNode: [Bool]) -> [Int32] {
            let base = ring.startIndex, count = ring.count
            guard let firstNode = ring.firstIndex(where: { isNode[Int($0)] }) else {
                // No node: one closed arc, starting at the smallest point so both sides agree.
                let start = ring.indices.min { ring[$0] < ring[$1] }!
                return [reference(ring, from: start - base, length: count)]
            }
            // From the first node round to it again: only that last step wraps past the ring's end.
            var references: [Int32] = []
            var from = firstNode - base
            for to in (from + 1)...(from + count) where isNode[Int(ring[base + (to < count ? to : to - count)])] {
                references.append(reference(ring, from: from, length: to - from))
                from = to
            }
            return references
        }

        /// The reference of the arc made of the ring's points `from`, `from + 1`, …
        /// `from + length` (wrapping round), added if new.
        private mutating func reference(_ ring: ArraySlice<Int32>, from: Int, length: Int) -> Int32 {
            let base = ring.startIndex, count = ring.count
            @inline(__always) func id(_ k: Int) -> Int32 { ring[base + (from + k < count ? from + k : from + k - count)] }
            let first = id(0), last = id(length)
            if let arc = find(start: first, second: id(1)) { return arc }
            if let arc = find(start: last, second: id(length - 1)) { return ~arc }
            let arc = Int32(starts.count - 1)
            previousStartingAtSame.append(lastStartingAt[Int(first)])
            lastStartingAt[Int(first)] = arc
            second.append(id(1))
            for k in 0...length { positions.append(points[Int(id(k))]) }
            starts.append(positions.count)
            return arc
        }

        private func find(start: Int32, second point: Int32) -> Int32? {
            var arc = lastStartingAt[Int(start)]
            while arc >= 0 {
                if second[Int(arc)] == point { return arc }
                arc = previousStartingAtSame[Int(arc)]
            }
            return nil
        }
    }
}
