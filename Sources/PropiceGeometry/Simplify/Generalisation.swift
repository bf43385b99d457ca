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
    /// The vector-tile grid the output is drawn on, instead of decimals: the output CRS is then
    /// WGS 84, and the positions come out in the grid's world units, rounded to integers. Rings
    /// too small for the grid then collapse, and are kept so (see `Topology.tilePolygons`).
    public var tileGrid: TileGrid?
    /// The vertices' thresholds for `simplification`'s method, when already computed for the
    /// same topology (by `VertexThresholds.compute`): several zoom levels compute them once.
    var thresholds: [Double]?

    public init(simplification: SimplificationOptions?, outputCRS: (source: CRS, target: CRS)? = nil, decimals: Int? = nil,
                tileGrid: TileGrid? = nil) {
        self.simplification = simplification
        self.outputCRS = outputCRS
        self.decimals = decimals
        self.tileGrid = tileGrid
    }

    /// The generalised topology (same faces and arcs, fewer positions, output coordinates)
    /// and what was done.
    public func apply(to topology: Topology) throws -> (Topology, GeneralisationReport) {
        let (result, _, report) = try apply(to: topology, projectedPoints: nil)
        return (result, report)
    }

    /// `apply(to:)`, given the topology's distinct positions already in the output CRS, if they
    /// are; with `keepingSource`, also the same vertices in the topology's own coordinates.
    func apply(to topology: Topology, projectedPoints: consuming [Position]?,
               keepingSource: Bool = false) throws -> (Topology, Topology?, GeneralisationReport) {
        var state = try GeneralisationState(topology: topology, generalisation: self, projectedPoints: projectedPoints.take())
        var report = GeneralisationReport()
        report.inputVertices = topology.positions.count
        if simplification?.keepShapes ?? false { report.restoredForShapes = state.keepShapes() }
        // A check of every border, then of the borders near those that changed, until none changes.
        var changed: [Int]? = nil
        repeat {
            let round = state.repairRound(near: changed)
            report.restoredForIntersections += round.restored
            report.droppedForPrecision += round.dropped
            if changed == nil { report.inputConflicts = round.inputConflicts }
            changed = round.changedArcs
        } while changed?.isEmpty == false
        assert({ var check = state; return check.repairRound(near: nil).changedArcs.isEmpty }(),
               "a check of every border found a conflict that the checks near the changed borders missed")
        let (result, source) = try state.result(keepingSource: keepingSource)
        report.outputVertices = result.positions.count
        return (result, source, report)
    }
}
