/// Builds the arcs of a polygon coverage whose neighbours share their border vertices exactly,
/// as topology-preserving producers (IGN's ADMIN EXPRESS, mapshaper) write them.
///
/// A vertex is a node where the border branches: where it does not have the same two
/// neighbours in every ring that passes through it. Rings are cut at nodes; a ring with no node
/// (an island, an enclave's outline) is one closed arc starting at its smallest vertex. An arc is
/// known by its first two vertices: two different arcs cannot start the same way, since the
/// vertex where they part would be a node.
///
/// Geometries are added one by one (their rings numbered as they come, so that a reader can
/// feed the builder while it reads), then `build()` finds the nodes and the arcs.
struct TopologyBuilder {
    private var numbering: PositionNumbering
    /// Every ring as the numbers of its distinct positions, without the closing one, oriented
    /// as RFC 7946 asks (exteriors counter-clockwise, holes clockwise).
    private var ids: [Int32] = []
    /// Ring `r` is `ids[starts[r]..<starts[r + 1]]`.
    private var starts = [0]
    /// Each geometry's type and its polygons' numbers of rings.
    private var shapes: [(kind: TopologyFace.Kind, rings: [Int])] = []

    /// A builder whose table of positions holds `expectedPositions` distinct ones before growing.
    init(expectedPositions: Int = 1 << 12) {
        numbering = PositionNumbering(expected: expectedPositions)
    }

    /// Adds a geometry, a face of the topology (an empty one for nil).
    mutating func add(_ geometry: Geometry?) {
        guard let geometry else { return shapes.append((.none, [])) }
        let polygons = geometry.polygons
        for polygon in polygons {
            add(polygon.exterior, counterClockwise: true)
            for hole in polygon.holes { add(hole, counterClockwise: false) }
        }
        if case .polygon = geometry { shapes.append((.polygon, [1 + polygons[0].holes.count])) } else {
            shapes.append((.multiPolygon, polygons.map { 1 + $0.holes.count }))
        }
    }

    private mutating func add(_ ring: Ring, counterClockwise: Bool) {
        let start = ids.count
        for position in ring.positions.dropLast() { ids.append(numbering.number(position)) }
        // Reversing all but the first keeps the ring's start, as reversing a closed ring does.
        if ring.isCounterClockwise != counterClockwise, ids.count - start > 2 { ids[(start + 1)...].reverse() }
        starts.append(ids.count)
    }

    /// The distinct positions of the geometries added so far, in the order first met.
    var points: [Position] { numbering.positions }

    /// The topology of the geometries added, in their order.
    func build() -> Topology {
        let isNode = nodes()
        var arcs = ArcTable(points: numbering.positions, cuts: ids.reduce(starts.count) { isNode[Int($1)] ? $0 + 1 : $0 })
        var ring = 0
        let faces = shapes.map { shape in
            TopologyFace(kind: shape.kind, polygons: shape.rings.map { count in
                (0..<count).map { _ in
                    defer { ring += 1 }
                    return arcs.references(of: ids[starts[ring]..<starts[ring + 1]], isNode: isNode)
                }
            })
        }
        // Handed over as they are: the room reserved and not used was never touched, so holds no memory.
        return Topology(positions: arcs.positions, arcStarts: arcs.starts, faces: faces,
                        distinct: (arcs.points, arcs.pointIndex))
    }

    /// Whether each point is a node: its neighbours differ from one passage to another.
    private func nodes() -> [Bool] {
        let count = numbering.positions.count
        var neighbours = [(Int32, Int32)](repeating: (-1, -1), count: count)
        var isNode = [Bool](repeating: false, count: count)
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

    /// The arcs found so far, each known by its first two points.
    private struct ArcTable {
        let points: [Position]
        var positions: [Position] = []
        /// For each of `positions`, its index in `points`.
        var pointIndex: [Int32] = []
        var starts: [Int] = [0]
        /// Per point, the last arc added that starts there; per arc, the previous one starting at the same point.
        private var lastStartingAt: [Int32]
        private var previousStartingAtSame: [Int32] = []
        /// Per arc, its second point.
        private var second: [Int32] = []

        /// A table for arcs cut from `points` at most `cuts` times (the nodes met along the rings,
        /// and one per ring), its arrays reserved at once. Grown by doubling and then copied to
        /// their size, they took fresh memory three times over: France's dissolve faulted in 3,000
        /// pages more, and a 10-million-vertex coverage peaked at 579 MiB against 521.
        init(points: [Position], cuts: Int) {
            self.points = points
            lastStartingAt = [Int32](repeating: -1, count: points.count)
            // A point not a node lies inside one arc; each arc adds its two ends.
            let length = points.count + 2 * cuts
            positions.reserveCapacity(length)
            pointIndex.reserveCapacity(length)
            starts.reserveCapacity(cuts + 1)
            previousStartingAtSame.reserveCapacity(cuts)
            second.reserveCapacity(cuts)
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
            for k in 0...length {
                positions.append(points[Int(id(k))])
                pointIndex.append(id(k))
            }
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
