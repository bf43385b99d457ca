/// A 2-D position: easting and northing in a projected CRS, or longitude and latitude in a
/// geographic one (always in that order, whatever the CRS's own axis order).
public struct Position: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Whether both coordinates are finite numbers.
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite }
}
