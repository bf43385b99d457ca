/// What generalising a topology did, vertex by vertex.
public struct GeneralisationReport: Sendable, Equatable {
    /// Vertices of the arcs before (each shared border counted once).
    public var inputVertices = 0
    /// Vertices of the arcs after.
    public var outputVertices = 0
    /// Vertices put back so that every ring keeps at least three.
    public var restoredForShapes = 0
    /// Vertices put back because leaving them out made borders cross or touch, or swept a
    /// border over another's vertex.
    public var restoredForIntersections = 0
    /// Vertices dropped because rounding them to the output precision made borders cross.
    public var droppedForPrecision = 0
    /// Conflicts already in the input, which generalising neither caused nor could repair.
    public var inputConflicts = 0
}
