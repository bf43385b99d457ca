/// How a coverage goes through its topology on its way to the output.
public struct TopologyOptions: Sendable {
    /// The metric CRS the topology is built and simplified in.
    public var workCRS: CRS
    /// Vertices closer than this (in work CRS units) are merged before the topology is built.
    public var snap: Double?
    /// The simplification of the arcs, if any.
    public var simplification: SimplificationOptions?

    public init(workCRS: CRS = .lambert93, snap: Double? = nil, simplification: SimplificationOptions? = nil) {
        self.workCRS = workCRS
        self.snap = snap
        self.simplification = simplification
    }
}
