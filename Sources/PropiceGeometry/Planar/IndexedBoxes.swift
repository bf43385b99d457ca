/// Boxes by index, as a `BoxGrid` files them: an array of boxes, or boxes drawn from other
/// values as they are asked for, so that a grid over many segments holds no copy of them as boxes.
protocol IndexedBoxes: Sendable {
    var count: Int { get }
    func box(_ i: Int) -> BoundingBox
}

extension Array: IndexedBoxes where Element == BoundingBox {
    @inline(__always) func box(_ i: Int) -> BoundingBox { self[i] }
}
