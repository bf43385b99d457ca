import Dispatch
import Synchronization

/// The working state of a generalisation: which vertices stay, where they will be written.
struct GeneralisationState {
    let topology: Topology
    let thresholds: [Double]
    /// The positions in output coordinates, rounded; on a tile grid, nodes merged (`mergeTarget`).
    var output: [Position]
    var keep: [Bool]
    /// Vertices dropped for precision, never to be put back.
    var dropped: [Bool]
    /// Each arc's box in output coordinates, over all its vertices: it holds the arc however simplified.
    var arcBoxes: [BoundingBox]
    /// Whether rings may collapse below three distinct positions (on a tile grid).
    let collapsesAllowed: Bool
    /// Whether nodes a grid step apart may merge (`mergeTarget`): on a tile grid of zoom 2 or
    /// more. Below, a région is a few dozen units wide and merges cascade over the whole map
    /// for no border worth drawing.
    let mergesNodes: Bool

    /// `projectedPoints` are the topology's distinct positions already in the output CRS, if they
    /// are; handed over, they are rounded in place rather than copied.
    init(topology: Topology, generalisation: Generalisation, projectedPoints: consuming [Position]? = nil) throws {
        self.topology = topology
        let count = topology.positions.count
        if let options = generalisation.simplification {
            thresholds = generalisation.thresholds ?? VertexThresholds.compute(topology, method: options.method)
            let cut = Self.cut(thresholds, amount: options.amount)
            keep = thresholds.map { $0 >= cut }
        } else {
            thresholds = [Double](repeating: .infinity, count: count)
            keep = [Bool](repeating: true, count: count)
        }
        dropped = [Bool](repeating: false, count: count)
        // Each distinct position reprojected and rounded once, when the topology knows them.
        var points = topology.distinct?.points ?? topology.positions
        if topology.distinct != nil, let projected = projectedPoints.take() {
            points = projected
        } else if let crs = generalisation.outputCRS, crs.source != crs.target {
            points = try CoordinateTransformer.transform(points, from: crs.source, to: crs.target)
        }
        collapsesAllowed = generalisation.tileGrid != nil
        mergesNodes = (generalisation.tileGrid?.zoom ?? 0) >= Self.nodeMergingZoom
        if let grid = generalisation.tileGrid {
            for i in points.indices {
                let point = grid.point(longitude: points[i].x, latitude: points[i].y)
                points[i] = Position(x: Double(point.x), y: Double(point.y))
            }
        } else if let decimals = generalisation.decimals {
            let scale = JSONText.powersOfTen[decimals]
            for i in points.indices {
                points[i] = Position(x: (points[i].x * scale).rounded() / scale, y: (points[i].y * scale).rounded() / scale)
            }
        }
        let output = topology.distinct.map { distinct in distinct.index.map { points[Int($0)] } } ?? points
        self.output = output
        arcBoxes = (0..<topology.arcCount).map { arc in
            var box = BoundingBox.empty
            for v in topology.arcRange(arc) { box.include(output[v]) }
            return box
        }
    }

    /// The smallest threshold kept for the amount asked.
    static func cut(_ thresholds: [Double], amount: SimplificationOptions.Amount) -> Double {
        switch amount {
        case .tolerance(let tolerance):
            return tolerance.nextUp
        case .keep(let share):
            var removable = thresholds.filter(\.isFinite)
            let kept = Int((Double(removable.count) * min(max(share, 0), 1)).rounded())
            guard kept > 0 else { return .infinity }
            removable.sort(by: >)
            return removable[kept - 1]
        }
    }

    // MARK: Rings

    /// Puts back, in every ring left with fewer than three vertices, its arcs' most significant
    /// vertices until it has three. Returns how many were put back.
    mutating func keepShapes() -> Int {
        // The rings left short, found on every core: putting a vertex back only adds to the
        // rings that share its arc, so no other ring can fall short while these are mended in order.
        let state = self
        let short = inOrderedChunks(of: topology.faces.count, minimumChunk: 2048) { faces in
            faces.flatMap { f in state.topology.faces[f].polygons.joined().filter { state.vertexCount(of: $0) < 3 } }
        }
        var restored = 0
        for ring in short {
            while vertexCount(of: ring) < 3 {
                guard let vertex = mostSignificantRemoved(in: ring.map { topology.arcRange(Topology.arcIndex($0)) }) else { break }
                keep[vertex] = true
                restored += 1
            }
        }
        return restored
    }

    private func vertexCount(of ring: [Int32]) -> Int {
        ring.reduce(0) { sum, reference in
            sum + topology.arcRange(Topology.arcIndex(reference)).reduce(0) { $0 + (keep[$1] ? 1 : 0) } - 1
        }
    }

    /// The removed vertex of highest threshold within the ranges, if any may come back.
    private func mostSignificantRemoved(in ranges: [Range<Int>]) -> Int? {
        var best: Int?
        for range in ranges {
            for v in range where !keep[v] && !dropped[v] && (best == nil || thresholds[v] > thresholds[best!]) { best = v }
        }
        return best
    }

    // MARK: Repair

    /// One pass of conflict finding and repair: over every border (`changedArcs` nil), or over
    /// the pairs with a border of `changedArcs`. Returns the arcs it changed, in order.
    ///
    /// After a pass over every border, the next passes need look only near the arcs that changed:
    /// a new conflict needs a changed segment, or a vertex put back inside the area another
    /// segment sweeps, and either lies within the box of a changed arc.
    mutating func repairRound(near changedArcs: [Int]?) -> (restored: Int, dropped: Int, inputConflicts: Int, changedArcs: [Int]) {
        var isChanged: [Bool]?
        var arcs = Array(0..<topology.arcCount)
        if let changedArcs {
            let changed = changedArcs.reduce(into: [Bool](repeating: false, count: topology.arcCount)) { $0[$1] = true }
            isChanged = changed
            let changedBoxes = BoxGrid(arcBoxes, members: changedArcs), arcBoxes = arcBoxes
            arcs = inOrderedChunks(of: arcs.count) { range in range.filter { changed[$0] || changedBoxes.meets(arcBoxes[$0]) } }
        }
        let segments = keptSegments(of: arcs)
        let marked = isChanged.map { changed in segments.map { changed[$0.arc] } }
        var restore = Set<Int>(), drop = Set<Int>(), merges: [Position: Position] = [:]
        var inputConflicts = 0
        for conflict in SegmentConflictFinder.conflicts(among: KeptShapes(segments: segments, positions: output), involving: marked) {
            let s = segments[conflict.first], t = segments[conflict.second]
            let fixes = [s, t].compactMap { mostSignificantRemoved(in: [($0.start + 1)..<$0.end]) }
            if !fixes.isEmpty {
                restore.formUnion(fixes)
            } else if isInputConflict(s, t, kind: conflict.kind) {
                inputConflicts += 1
            } else if let (from, to) = mergeTarget(s, t) {
                if merges[from].map({ Self.precedes(to, $0) }) ?? true { merges[from] = to }
            } else if let vertex = [s.start, s.end, t.start, t.end].filter({ !topology.isArcEnd($0) })
                        .min(by: { thresholds[$0] < thresholds[$1] }) {
                drop.insert(vertex)
            } else {
                inputConflicts += 1
            }
        }
        restore.formUnion(sweptVertices(segments))
        for v in restore { keep[v] = true }
        for v in drop { keep[v] = false; dropped[v] = true }
        let moved = merge(merges)
        return (restore.count, drop.count, inputConflicts,
                Set(restore.union(drop).map(topology.arcIndex(ofVertex:))).union(moved).sorted())
    }

    /// On a tile grid (`mergesNodes`), two crossing segments that no vertex put back or taken out can mend,
    /// with ends at grid points next to each other (a border shorter than the grid's step, its
    /// direction turned by rounding): the end to move and where, onto the smaller position,
    /// so that the short border collapses and the others meet at one point. Nil elsewhere.
    private func mergeTarget(_ s: KeptSegment, _ t: KeptSegment) -> (from: Position, to: Position)? {
        guard mergesNodes else { return nil }
        // The closest pair, then the smallest target, then the smallest position moved.
        var best: (distance: Double, to: Position, from: Position)?
        for p in [output[s.start], output[s.end]] {
            for q in [output[t.start], output[t.end]] where p != q {
                let distance = max(abs(p.x - q.x), abs(p.y - q.y))
                guard distance <= 1 else { continue }
                let candidate = Self.precedes(p, q) ? (distance, p, q) : (distance, q, p)
                if let known = best, known.distance < candidate.0 || (known.distance == candidate.0 && (Self.precedes(known.to, candidate.1)
                    || (known.to == candidate.1 && Self.precedes(known.from, candidate.2)))) {
                    continue
                }
                best = candidate
            }
        }
        return best.map { ($0.from, $0.to) }
    }

    /// The lowest zoom whose grid merges nodes.
    static let nodeMergingZoom = 2

    /// Whether `a` comes before `b`, by x then y: the order merges go in.
    static func precedes(_ a: Position, _ b: Position) -> Bool { a.x < b.x || (a.x == b.x && a.y < b.y) }

    /// Moves every vertex at a position `merges` names to its target (following chains, which
    /// always go to smaller positions); the arcs moved. Only the arcs whose box holds a position
    /// merged are looked at.
    private mutating func merge(_ merges: [Position: Position]) -> Set<Int> {
        guard !merges.isEmpty else { return [] }
        let boxes = BoxGrid(arcBoxes)
        var arcs = Set<Int>()
        for from in merges.keys { boxes.forEachBox(containing: from) { arcs.insert($0) } }
        var moved = Set<Int>()
        for arc in arcs {
            for v in topology.arcRange(arc) {
                guard var target = merges[output[v]] else { continue }
                while let next = merges[target] { target = next }
                output[v] = target
                arcBoxes[arc].include(target)
                moved.insert(arc)
            }
        }
        return moved
    }

    /// Whether a conflict no vertex put back can mend was already in the input, and stays. On a
    /// tile grid, only input segments that crossed are: those that touched (a vertex on a
    /// neighbour's border) or ran along each other, and cross once rounded to the coarse grid,
    /// lose a vertex like the others. Elsewhere, the segments' ends met so in the input.
    private func isInputConflict(_ s: KeptSegment, _ t: KeptSegment, kind: SegmentConflict.Kind) -> Bool {
        let input = SegmentConflict.between(Segment(a: topology.positions[s.start], b: topology.positions[s.end]),
                                            Segment(a: topology.positions[t.start], b: topology.positions[t.end]), tolerance: 0)
        guard let (inputKind, _) = input else { return false }
        guard collapsesAllowed else { return true }
        return s.end - s.start == 1 && t.end - t.start == 1 && (inputKind == .crossing || inputKind == kind)
    }

    /// A kept segment of an arc, between two kept vertices (global indices) whose output
    /// positions differ. Stored in 32 bits, as the topology's arc references are.
    struct KeptSegment {
        private let arcIndex, startVertex, endVertex: Int32
        var arc: Int { Int(arcIndex) }
        var start: Int { Int(startVertex) }
        var end: Int { Int(endVertex) }

        init(arc: Int, start: Int, end: Int) {
            arcIndex = Int32(arc); startVertex = Int32(start); endVertex = Int32(end)
        }
    }

    /// Kept segments as segments, their ends read from the positions as the conflict finder
    /// asks for them (a copy of them as segments, and of those as boxes, held 9 MiB for France).
    struct KeptShapes: IndexedSegments {
        let segments: [KeptSegment]
        let positions: [Position]

        var count: Int { segments.count }

        @inline(__always) func segment(_ i: Int) -> Segment {
            let kept = segments[i]
            return Segment(a: positions[kept.start], b: positions[kept.end])
        }
    }

    func keptSegments(of arcs: [Int]) -> [KeptSegment] {
        var segments: [KeptSegment] = []
        // At most one segment per kept vertex past each arc's first.
        segments.reserveCapacity(arcs.reduce(0) { sum, arc in sum + topology.arcRange(arc).dropFirst().reduce(0) { $0 + (keep[$1] ? 1 : 0) } })
        for arc in arcs {
            let range = topology.arcRange(arc)
            var start = range.lowerBound
            for v in (range.lowerBound + 1)..<range.upperBound where keep[v] && output[v] != output[start] {
                segments.append(KeptSegment(arc: arc, start: start, end: v))
                start = v
            }
        }
        return segments
    }

    /// For each simplified segment among `segments` that now has a kept vertex (of any arc) in
    /// the area between it and the path it replaces, its most significant removed vertex, to put back.
    func sweptVertices(_ segments: [KeptSegment]) -> Set<Int> {
        let simplified = segments.filter { $0.end - $0.start > 1 }
        guard !simplified.isEmpty else { return [] }
        let grid = BoxGrid(simplified.map { segment in
            var box = BoundingBox.empty
            for v in segment.start...segment.end { box.include(output[v]) }
            return box
        })
        // The kept vertices of the arcs that meet a swept area's box.
        let arcs = inOrderedChunks(of: topology.arcCount) { range in range.filter { grid.meets(arcBoxes[$0]) } }
        let swept = Mutex<Set<Int>>([])
        let parts = min(arcs.count, ProcessorCount.online * 4)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var local = Set<Int>()
            for arc in arcs[(arcs.count * part / parts)..<(arcs.count * (part + 1) / parts)] {
                for v in topology.arcRange(arc) where keep[v] {
                    let p = output[v]
                    grid.forEachBox(containing: p) { s in
                        let segment = simplified[s]
                        guard !local.contains(s), v != segment.start, v != segment.end, p != output[segment.start], p != output[segment.end],
                              pathEncloses(segment, p) else { return }
                        local.insert(s)
                    }
                }
            }
            if !local.isEmpty { swept.withLock { $0.formUnion(local) } }
        }
        return Set(swept.withLock { $0 }.compactMap { mostSignificantRemoved(in: [(simplified[$0].start + 1)..<simplified[$0].end]) })
    }

    /// Whether `p` lies inside the ring of a segment's replaced path closed by the segment
    /// (even–odd rule, output coordinates).
    private func pathEncloses(_ segment: KeptSegment, _ p: Position) -> Bool {
        var inside = false
        var j = segment.end
        for i in segment.start...segment.end {
            let a = output[i], b = output[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    // MARK: Result

    /// The topology of the kept vertices in output coordinates, without repeated positions;
    /// an error if a ring no longer has three distinct vertices. With `keepingSource`, also
    /// the same vertices in the topology's own coordinates (its work CRS, unrounded): the same
    /// arcs, each with as many positions as in the output.
    func result(keepingSource: Bool = false) throws -> (output: Topology, source: Topology?) {
        var positions: [Position] = [], sourcePositions: [Position] = []
        var arcStarts = [0]
        arcStarts.reserveCapacity(topology.arcCount + 1)
        let kept = keep.lazy.filter { $0 }.count
        positions.reserveCapacity(kept)
        if keepingSource { sourcePositions.reserveCapacity(kept) }
        func append(_ v: Int) {
            positions.append(output[v])
            if keepingSource { sourcePositions.append(topology.positions[v]) }
        }
        for arc in 0..<topology.arcCount {
            let range = topology.arcRange(arc)
            append(range.lowerBound)
            for v in (range.lowerBound + 1)..<range.upperBound where keep[v] && output[v] != positions[positions.count - 1] {
                append(v)
            }
            if positions.count - arcStarts[arcStarts.count - 1] == 1 { append(range.upperBound - 1) }
            arcStarts.append(positions.count)
        }
        let result = Topology(positions: positions, arcStarts: arcStarts, faces: topology.faces)
        for (f, face) in result.faces.enumerated() where !collapsesAllowed {
            for ring in face.polygons.joined() where !result.ringHasFourPositions(ring) {
                throw TopologyError(message: "feature \(f): a ring collapses to fewer than three distinct positions at this precision; write more decimals")
            }
        }
        return (result, keepingSource ? Topology(positions: sourcePositions, arcStarts: arcStarts, faces: topology.faces) : nil)
    }
}
