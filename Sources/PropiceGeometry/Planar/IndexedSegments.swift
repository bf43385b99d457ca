/// Segments by index, as `SegmentConflictFinder` reads them: an array of segments, or segments
/// drawn from positions as they are asked for, so that a search holds no copy of them.
protocol IndexedSegments: Sendable {
    var count: Int { get }
    func segment(_ i: Int) -> Segment
}

extension Array: IndexedSegments where Element == Segment {
    @inline(__always) func segment(_ i: Int) -> Segment { self[i] }
}

/// The boxes of segments grown by a tolerance on every side.
struct GrownSegmentBoxes<Segments: IndexedSegments>: IndexedBoxes {
    let segments: Segments
    let tolerance: Double

    var count: Int { segments.count }

    @inline(__always) func box(_ i: Int) -> BoundingBox {
        var box = segments.segment(i).boundingBox
        box.minX -= tolerance; box.minY -= tolerance; box.maxX += tolerance; box.maxY += tolerance
        return box
    }
}
