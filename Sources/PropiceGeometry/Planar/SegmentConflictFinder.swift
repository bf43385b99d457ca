import Dispatch
import Synchronization

/// Finds every pair of conflicting segments among many, with a uniform grid: each segment is
/// filed in the cells its box covers, and each pair is tested once, in the cell holding the
/// lower-left corner of the overlap of their boxes.
enum SegmentConflictFinder {
    /// The conflicts among `segments`, sorted by segment pair. `related(i, j)` lets the caller
    /// excuse pairs (consecutive segments of one ring, say); `tolerance` is that of touching.
    static func conflicts(among segments: [Segment], tolerance: Double = 0,
                          excusing related: @Sendable (Int, Int) -> Bool = { _, _ in false }) -> [SegmentConflict] {
        guard segments.count > 1 else { return [] }
        let grid = SegmentGrid(segments, margin: tolerance)
        let workers = ProcessorCount.online
        let chunk = (grid.cellCount + workers * 8 - 1) / (workers * 8)
        let found = Mutex<[SegmentConflict]>([])
        DispatchQueue.concurrentPerform(iterations: workers * 8) { part in
            let low = part * chunk, high = min(grid.cellCount, low + chunk)
            guard low < high else { return }
            var local: [SegmentConflict] = []
            for cell in low..<high {
                let members = grid.members(of: cell)
                guard members.count > 1 else { continue }
                for m in members.indices {
                    let i = Int(members[m])
                    let boxI = grid.boxes[i]
                    for n in (m + 1)..<members.endIndex {
                        let j = Int(members[n])
                        let boxJ = grid.boxes[j]
                        let cornerX = max(boxI.minX, boxJ.minX), cornerY = max(boxI.minY, boxJ.minY)
                        guard cornerX <= min(boxI.maxX, boxJ.maxX), cornerY <= min(boxI.maxY, boxJ.maxY),
                              grid.cell(x: cornerX, y: cornerY) == cell else { continue }
                        let (first, second) = i < j ? (i, j) : (j, i)
                        guard !related(first, second),
                              let (kind, location) = SegmentConflict.between(segments[first], segments[second], tolerance: tolerance)
                        else { continue }
                        local.append(SegmentConflict(first: first, second: second, kind: kind, location: location))
                    }
                }
            }
            if !local.isEmpty { found.withLock { $0 += local } }
        }
        return found.withLock { $0 }.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }
}

/// Segments filed by grid cell, as one array of members with cell offsets.
private struct SegmentGrid: Sendable {
    let boxes: [BoundingBox]
    let origin: Position
    let cellSize: Double
    let columns: Int
    let rows: Int
    let offsets: [Int]
    let memberList: [Int32]

    var cellCount: Int { columns * rows }

    init(_ segments: [Segment], margin: Double) {
        var extent = BoundingBox.empty
        var totalLength = 0.0
        boxes = segments.map { segment in
            var box = segment.boundingBox
            box.minX -= margin; box.minY -= margin; box.maxX += margin; box.maxY += margin
            extent.include(Position(x: box.minX, y: box.minY))
            extent.include(Position(x: box.maxX, y: box.maxY))
            totalLength += segment.length
            return box
        }
        let width = max(extent.maxX - extent.minX, .leastNormalMagnitude)
        let height = max(extent.maxY - extent.minY, .leastNormalMagnitude)
        // Cells about twice the mean segment, but never more than two per segment.
        let fromLength = 2 * totalLength / Double(segments.count)
        let fromCount = (width * height / Double(2 * segments.count)).squareRoot()
        let size = max(fromLength, fromCount, (width + height) / 4_000_000)
        origin = Position(x: extent.minX, y: extent.minY)
        cellSize = size
        columns = Int(width / size) + 1
        rows = Int(height / size) + 1

        // Counting sort of (cell, segment) pairs.
        var counts = [Int](repeating: 0, count: columns * rows + 1)
        let origin = self.origin, columns = self.columns, rows = self.rows
        func range(_ box: BoundingBox) -> (ClosedRange<Int>, ClosedRange<Int>) {
            let x0 = Int((box.minX - origin.x) / size), x1 = min(columns - 1, Int((box.maxX - origin.x) / size))
            let y0 = Int((box.minY - origin.y) / size), y1 = min(rows - 1, Int((box.maxY - origin.y) / size))
            return (x0...max(x0, x1), y0...max(y0, y1))
        }
        for box in boxes {
            let (xs, ys) = range(box)
            for y in ys { for x in xs { counts[y * columns + x + 1] += 1 } }
        }
        for c in 1..<counts.count { counts[c] += counts[c - 1] }
        var fill = counts
        var members = [Int32](repeating: 0, count: counts[counts.count - 1])
        for (s, box) in zip(Int32(0)..., boxes) {
            let (xs, ys) = range(box)
            for y in ys {
                for x in xs {
                    members[fill[y * columns + x]] = s
                    fill[y * columns + x] += 1
                }
            }
        }
        offsets = counts
        memberList = members
    }

    func members(of cell: Int) -> ArraySlice<Int32> { memberList[offsets[cell]..<offsets[cell + 1]] }

    @inline(__always) func cell(x: Double, y: Double) -> Int {
        min(rows - 1, Int((y - origin.y) / cellSize)) * columns + min(columns - 1, Int((x - origin.x) / cellSize))
    }
}
