/// A place where a polygon layer is not a clean coverage.
public struct CoverageIssue: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// An area enclosed by the coverage but in no polygon.
        case gap
        /// An area in two polygons or more.
        case overlap
        /// Two borders crossing at a point that is a vertex of neither.
        case crossing
        /// A vertex of one border on (or within a millimetre of) another border that has no
        /// vertex there: a T-junction, a vertex present on one side only.
        case tJunction = "t-junction"
        /// Two borders running along each other without sharing their vertices.
        case collinearBorders = "collinear-borders"
    }

    public var kind: Kind
    /// A point of the issue, in the coordinates of the topology (inside the area for gaps and
    /// overlaps).
    public var location: Position
    /// The codes of the polygons involved, sorted.
    public var codes: [String]
    /// The area of a gap or an overlap, in square units of the topology's CRS.
    public var area: Double?

    public init(kind: Kind, location: Position, codes: [String], area: Double? = nil) {
        self.kind = kind
        self.location = location
        self.codes = codes
        self.area = area
    }
}
