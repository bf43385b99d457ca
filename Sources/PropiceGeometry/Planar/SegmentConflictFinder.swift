import Dispatch
import Synchronization

/// Finds every pair of conflicting segments among many, with a uniform grid: each segment is
/// filed in the cells its box covers, and each pair is tested once, in the cell holding the
/// lower-left corner of the overlap of their boxes.
enum SegmentConflictFinder {
    /// The conflicts among `segments`, sorted by segment pair; `tolerance` is that of touching.
    /// With `involving`, only the pairs where at least one segment is marked are tested (the
    /// segments that changed since a check of all of them).
    static func conflicts(among segments: [Segment], tolerance: Double = 0, involving marked: [Bool]? = nil) -> [SegmentConflict] {
        guard segments.count > 1 else { return [] }
        let members = marked.map { m in segments.indices.filter { m[$0] } } ?? Array(segments.indices)
        guard !members.isEmpty else { return [] }
        let grid = BoxGrid(segments.map { segment in
            var box = segment.boundingBox
            box.minX -= tolerance; box.minY -= tolerance; box.maxX += tolerance; box.maxY += tolerance
            return box
        }, members: members)
        let workers = ProcessorCount.online
        let found = Mutex<[SegmentConflict]>([])
        /// Tests segment `i` against the filed segments `j` of `cell` for which `accept(j)`.
        @Sendable func test(_ i: Int, in cell: Int, _ local: inout [SegmentConflict], accept: (Int) -> Bool) {
            let boxI = grid.boxes[i]
            for member in grid.members(of: cell) {
                let j = Int(member)
                guard accept(j) else { continue }
                let boxJ = grid.boxes[j]
                let cornerX = max(boxI.minX, boxJ.minX), cornerY = max(boxI.minY, boxJ.minY)
                guard cornerX <= min(boxI.maxX, boxJ.maxX), cornerY <= min(boxI.maxY, boxJ.maxY),
                      grid.cell(x: cornerX, y: cornerY) == cell else { continue }
                let (first, second) = i < j ? (i, j) : (j, i)
                guard let (kind, location) = SegmentConflict.between(segments[first], segments[second], tolerance: tolerance) else { continue }
                local.append(SegmentConflict(first: first, second: second, kind: kind, location: location))
            }
        }
        if let marked {
            // Every segment against the marked ones filed in the cells its box covers.
            DispatchQueue.concurrentPerform(iterations: workers * 8) { part in
                var local: [SegmentConflict] = []
                for i in stride(from: part, to: segments.count, by: workers * 8) {
                    guard let (xs, ys) = grid.cells(covering: grid.boxes[i]) else { continue }
                    for y in ys {
                        for x in xs { test(i, in: y * grid.columns + x, &local) { j in j != i && !(marked[i] && j < i) } }
                    }
                }
                if !local.isEmpty { found.withLock { $0 += local } }
            }
        } else {
            // Every pair filed in the same cell.
            let chunk = (grid.cellCount + workers * 8 - 1) / (workers * 8)
            DispatchQueue.concurrentPerform(iterations: workers * 8) { part in
                let low = part * chunk, high = min(grid.cellCount, low + chunk)
                guard low < high else { return }
                var local: [SegmentConflict] = []
                for cell in low..<high {
                    for member in grid.members(of: cell) { test(Int(member), in: cell, &local) { $0 > Int(member) } }
                }
                if !local.isEmpty { found.withLock { $0 += local } }
            }
        }
        return found.withLock { $0 }.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }
}
