import Dispatch
import Synchronization

/// Simplifies a topology's arcs, brings them to the output CRS and rounds them to the output
/// precision, then repairs what that broke: a border that crosses or touches another, or that
/// now passes on the other side of a neighbour's vertex (a small island swallowed by a bay's
/// chord), gets back the most significant vertex it lost there, until there is no such conflict
/// left. Every check is made on the output coordinates, as they will be written.
///
/// Each arc is changed once, so neighbours keep identical borders, and every layer dissolved
/// from the result (EPCI, départements) shares its borders exactly with the others.
public struct Generalisation {
    public var simplification: SimplificationOptions?
    /// The output CRS, when it differs from the topology's.
    public var outputCRS: (source: CRS, target: CRS)?
    /// The decimals coordinates are rounded to, if any.
    public var decimals: Int?

    public init(simplification: SimplificationOptions?, outputCRS: (source: CRS, target: CRS)? = nil, decimals: Int? = nil) {
        self.simplification = simplification
        self.outputCRS = outputCRS
        self.decimals = decimals
    }

    /// The generalised topology (same faces and arcs, fewer positions, output coordinates)
    /// and what was done.
    public func apply(to topology: Topology) throws -> (Topology, GeneralisationReport) {
        var state = try GeneralisationState(topology: topology, generalisation: self)
        var report = GeneralisationReport()
        report.inputVertices = topology.positions.count
        if simplification?.keepShapes ?? false { report.restoredForShapes = state.keepShapes() }
        // A check of every border, then of the borders that changed, until none changes; then
        // every border again, to be sure.
        var changed: [Bool]? = nil
        while true {
            let round = state.repairRound(changedArcs: changed)
            report.restoredForIntersections += round.restored
            report.droppedForPrecision += round.dropped
            if changed == nil { report.inputConflicts = round.inputConflicts }
            if round.changedArcs.isEmpty {
                if changed == nil { break }
                changed = nil
            } else {
                var mask = [Bool](repeating: false, count: topology.arcCount)
                for arc in round.changedArcs { mask[arc] = true }
                changed = mask
            }
        }
        let result = try state.result()
        report.outputVertices = result.positions.count
        return (result, report)
    }
}

/// The working state of a generalisation: which vertices stay, where they will be written.
struct GeneralisationState {
    let topology: Topology
    let thresholds: [Double]
    /// The positions in output coordinates, rounded.
    let output: [Position]
    var keep: [Bool]
    /// Vertices dropped for precision, never to be put back.
    var dropped: [Bool]
    /// Every vertex in output coordinates, filed for the swept-area checks (which skip those not kept).
    let vertexGrid: PointGrid

    init(topology: Topology, generalisation: Generalisation) throws {
        self.topology = topology
        let count = topology.positions.count
        if let options = generalisation.simplification {
            thresholds = VertexThresholds.compute(topology, method: options.method)
            let cut = Self.cut(thresholds, amount: options.amount)
            keep = thresholds.map { $0 >= cut }
        } else {
            thresholds = [Double](repeating: .infinity, count: count)
            keep = [Bool](repeating: true, count: count)
        }
        dropped = [Bool](repeating: false, count: count)
        var output = topology.positions
        if let crs = generalisation.outputCRS, crs.source != crs.target {
            output = try Self.transform(output, from: crs.source, to: crs.target)
        }
        if let decimals = generalisation.decimals {
            let scale = JSONText.powersOfTen[decimals]
            for i in output.indices {
                output[i] = Position(x: (output[i].x * scale).rounded() / scale, y: (output[i].y * scale).rounded() / scale)
            }
        }
        self.output = output
        vertexGrid = PointGrid(output.indices.map { ($0, output[$0]) })
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

    /// Positions reprojected on one thread per core, each with its own PROJ context.
    static func transform(_ positions: [Position], from source: CRS, to target: CRS) throws -> [Position] {
        let parts = max(1, min(ProcessorCount.online, positions.count / 10_000 + 1))
        let results = Mutex<[Int: Result<[Position], any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let low = positions.count * part / parts, high = positions.count * (part + 1) / parts
            let result = Result {
                var chunk = Array(positions[low..<high])
                try CoordinateTransformer(from: source, to: target).transform(&chunk)
                return chunk
            }
            results.withLock { $0[part] = result }
        }
        return try results.withLock { r in try (0..<parts).flatMap { try r[$0]!.get() } }
    }

    // MARK: Rings

    /// Puts back, in every ring left with fewer than three vertices, its arcs' most significant
    /// vertices until it has three. Returns how many were put back.
    mutating func keepShapes() -> Int {
        var restored = 0
        for face in topology.faces {
            for ring in face.polygons.joined() {
                while vertexCount(of: ring) < 3 {
                    guard let vertex = mostSignificantRemoved(in: ring.map { topology.arcRange(Topology.arcIndex($0)) }) else { break }
                    keep[vertex] = true
                    restored += 1
                }
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

    /// One pass of conflict finding and repair: of every border, or of those of `changedArcs`
    /// against every other. Returns the arcs it changed.
    mutating func repairRound(changedArcs: [Bool]?) -> (restored: Int, dropped: Int, inputConflicts: Int, changedArcs: Set<Int>) {
        let segments = keptSegments()
        let shapes = segments.map { Segment(a: output[$0.start], b: output[$0.end]) }
        let marked = changedArcs.map { changed in segments.map { changed[Int($0.arc)] } }
        var restore = Set<Int>(), drop = Set<Int>()
        var inputConflicts = 0
        for conflict in SegmentConflictFinder.conflicts(among: shapes, involving: marked) {
            let s = segments[conflict.first], t = segments[conflict.second]
            let fixes = [s, t].compactMap { mostSignificantRemoved(in: [($0.start + 1)..<$0.end]) }
            if !fixes.isEmpty {
                restore.formUnion(fixes)
            } else if SegmentConflict.between(Segment(a: topology.positions[s.start], b: topology.positions[s.end]),
                                              Segment(a: topology.positions[t.start], b: topology.positions[t.end]), tolerance: 0) != nil {
                inputConflicts += 1
            } else if let vertex = [s.start, s.end, t.start, t.end].filter({ !topology.isArcEnd($0) })
                        .min(by: { thresholds[$0] < thresholds[$1] }) {
                drop.insert(vertex)
            } else {
                inputConflicts += 1
            }
        }
        restore.formUnion(sweptVertices(changedArcs.map { changed in segments.filter { changed[Int($0.arc)] } } ?? segments))
        for v in restore { keep[v] = true }
        for v in drop { keep[v] = false; dropped[v] = true }
        return (restore.count, drop.count, inputConflicts, Set(restore.union(drop).map(topology.arcIndex(ofVertex:))))
    }

    /// A kept segment of an arc, between two kept vertices (global indices) whose output
    /// positions differ.
    struct KeptSegment { var arc: Int32; var start: Int; var end: Int }

    func keptSegments() -> [KeptSegment] {
        var segments: [KeptSegment] = []
        for arc in 0..<topology.arcCount {
            let range = topology.arcRange(arc)
            var start = range.lowerBound
            for v in (range.lowerBound + 1)..<range.upperBound where keep[v] && output[v] != output[start] {
                segments.append(KeptSegment(arc: Int32(arc), start: start, end: v))
                start = v
            }
        }
        return segments
    }

    /// For each of the simplified segments among `segments`, whether a kept vertex of any arc now lies in the area
    /// between the segment and the path it replaces; if so, the segment's most significant
    /// removed vertex, to put back.
    func sweptVertices(_ segments: [KeptSegment]) -> Set<Int> {
        let simplified = segments.filter { $0.end - $0.start > 1 }
        guard !simplified.isEmpty else { return [] }
        let found = Mutex<Set<Int>>([])
        let parts = ProcessorCount.online * 8
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var local = Set<Int>()
            for s in stride(from: part, to: simplified.count, by: parts) {
                let segment = simplified[s]
                let path = Ring(positions: Array(output[segment.start...segment.end]) + [output[segment.start]])
                let box = path.boundingBox
                let inside = vertexGrid.first(in: box) { v, p in
                    keep[v] && v != segment.start && v != segment.end && p != output[segment.start] && p != output[segment.end] && path.contains(p)
                }
                if inside != nil, let vertex = mostSignificantRemoved(in: [(segment.start + 1)..<segment.end]) { local.insert(vertex) }
            }
            if !local.isEmpty { found.withLock { $0.formUnion(local) } }
        }
        return found.withLock { $0 }
    }

    // MARK: Result

    /// The topology of the kept vertices in output coordinates, without repeated positions;
    /// an error if a ring no longer has three distinct vertices.
    func result() throws -> Topology {
        var positions: [Position] = []
        var arcStarts = [0]
        positions.reserveCapacity(keep.lazy.filter { $0 }.count)
        for arc in 0..<topology.arcCount {
            let range = topology.arcRange(arc)
            positions.append(output[range.lowerBound])
            for v in (range.lowerBound + 1)..<range.upperBound where keep[v] && output[v] != positions[positions.count - 1] {
                positions.append(output[v])
            }
            if positions.count - arcStarts[arcStarts.count - 1] == 1 { positions.append(output[range.upperBound - 1]) }
            arcStarts.append(positions.count)
        }
        let result = Topology(positions: positions, arcStarts: arcStarts, faces: topology.faces)
        for (f, face) in result.faces.enumerated() {
            for ring in face.polygons.joined() where result.ring(ring).positions.count < 4 {
                throw TopologyError(message: "feature \(f): a ring collapses to fewer than three distinct positions at this precision; write more decimals")
            }
        }
        return result
    }
}
