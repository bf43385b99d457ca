/// How the vertices of an arc are ranked for removal.
public enum SimplificationMethod: String, Sendable, CaseIterable {
    /// Visvalingam–Whyatt, with the triangle's area weighted by its angle as mapshaper does:
    /// spikes go first, gentle bends stay. The default.
    case visvalingam
    /// Visvalingam–Whyatt by the plain effective area.
    case visvalingamUnweighted = "visvalingam-unweighted"
    /// Douglas–Peucker: a vertex stays while it is farther from the chord than the tolerance.
    case douglasPeucker = "dp"
}

/// What simplification is asked for.
public struct SimplificationOptions: Sendable, Equatable {
    /// How much to simplify.
    public enum Amount: Sendable, Equatable {
        /// A distance in the units of the work CRS (metres). Visvalingam removes a vertex whose
        /// effective triangle is smaller than a square of that side; Douglas–Peucker one that is
        /// nearer than that to the simplified line.
        case tolerance(Double)
        /// The share (0…1) of the removable vertices (all but the arcs' ends) to keep.
        case keep(Double)
    }

    public var amount: Amount
    public var method: SimplificationMethod
    /// Whether every ring keeps at least three vertices, so that no polygon vanishes.
    public var keepShapes: Bool

    public init(amount: Amount, method: SimplificationMethod = .visvalingam, keepShapes: Bool = true) {
        self.amount = amount
        self.method = method
        self.keepShapes = keepShapes
    }
}
