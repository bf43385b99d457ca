import Foundation

/// The integer grid of one web-map zoom level: the world in spherical Web Mercator
/// (EPSG:3857) as `2^zoom` tiles a side, each `extent` units a side, x to the east from
/// 180° W, y to the south from 85.05° N. Vector tiles are drawn on it.
public struct TileGrid: Sendable, Equatable {
    public var zoom: Int
    public var extent: Int

    /// The deepest zoom level: the world then stays within 2^31 units a side at any extent up to 8192.
    public static let maximumZoom = 18

    public init(zoom: Int, extent: Int) {
        self.zoom = zoom
        self.extent = extent
    }

    /// Tiles a side.
    public var tiles: Int { 1 << zoom }

    /// Units a side of the whole world.
    public var worldSize: Int { tiles * extent }

    /// A longitude and latitude (degrees, WGS 84) in world units, unrounded.
    public func world(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
        let size = Double(worldSize)
        let clamped = min(max(latitude, -85.051_128_779_806_59), 85.051_128_779_806_59) * .pi / 180
        let x = (longitude + 180) / 360 * size
        let y = (1 - log(tan(clamped) + 1 / cos(clamped)) / .pi) / 2 * size
        return (x, y)
    }

    /// `world(longitude:latitude:)` rounded to the grid.
    public func point(longitude: Double, latitude: Double) -> TilePoint {
        let (x, y) = world(longitude: longitude, latitude: latitude)
        return TilePoint(x: Self.integer(x), y: Self.integer(y))
    }

    /// A world coordinate rounded to the grid, kept within ±10^15 units whatever it was (NaN to 0).
    static func integer(_ value: Double) -> Int {
        value.isNaN ? 0 : Int(min(max(value.rounded(), -1e15), 1e15))
    }

    /// The tile's rectangle in world units, widened by `buffer` units on every side.
    public func box(x: Int, y: Int, buffer: Int) -> TileClipping.Box {
        TileClipping.Box(minX: x * extent - buffer, minY: y * extent - buffer, maxX: (x + 1) * extent + buffer, maxY: (y + 1) * extent + buffer)
    }

    /// The tiles whose rectangle, widened by `buffer`, meets `box` (world units).
    public func tiles(meeting box: TileClipping.Box, buffer: Int) -> (x: ClosedRange<Int>, y: ClosedRange<Int>) {
        func range(_ low: Int, _ high: Int) -> ClosedRange<Int> {
            let first = min(max(Self.floorDivision(low - buffer, extent), 0), tiles - 1)
            let last = min(max(Self.floorDivision(high + buffer, extent), 0), tiles - 1)
            return first...max(first, last)
        }
        return (range(box.minX, box.maxX), range(box.minY, box.maxY))
    }

    static func floorDivision(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
