import Dispatch
import Synchronization

/// Finds every pair of conflicting segments among many, with a uniform grid: each segment is
/// filed in the cells its box covers, and each pair is tested once, in the cell holding the
/// lower-left corner of the overlap of their boxes.
enum SegmentConflictFinder {
    /// The conflicts among `segments`, sorted by segment pair; `tolerance` is that of touching.
    /// With `involving`, only the pairs where at least one segment is marked are tested (the
    /// segments that changed since a check of all of them).
    static func conflicts(among segments: some IndexedSegments, tolerance: Double = 0, involving marked: [Bool]? = nil) -> [SegmentConflict] {
        guard segments.count > 1 else { return [] }
        // Every segment filed when none is marked: the grid then lists no members (80 MiB of
        // indices for a 10-million-vertex coverage).
        let members = marked.map { m in (0..<segments.count).filter { m[$0] } }
        guard members?.isEmpty != true else { return [] }
        let grid = BoxGrid(GrownSegmentBoxes(segments: segments, tolerance: tolerance), members: members)
        let workers = ProcessorCount.online
        let found = Mutex<[SegmentConflict]>([])
        /// Tests segment `i`, whose box starts in cell column `x0`, row `y0`, against the segments
        /// `j` among `members` of the cell at column `x`, row `y` for which `accept(j)`. A pair is
        /// tested in the cell of the lower-left corner of their boxes' overlap, whose column and
        /// row are the larger of the two boxes' first ones.
        @Sendable func test(_ i: Int, from x0: Int, _ y0: Int, in x: Int, _ y: Int, among members: ArraySlice<Int32>,
                            _ local: inout [SegmentConflict], accept: (Int) -> Bool) {
            let boxI = grid.boxes.box(i)
            for member in members {
                let j = Int(member)
                let start = grid.firstCells[j]
                guard max(x0, Int(start.x)) == x, max(y0, Int(start.y)) == y, accept(j), boxI.meets(grid.boxes.box(j)) else { continue }
                let (first, second) = i < j ? (i, j) : (j, i)
                guard let (kind, location) = SegmentConflict.between(segments.segment(first), segments.segment(second), tolerance: tolerance) else { continue }
                local.append(SegmentConflict(first: first, second: second, kind: kind, location: location))
            }
        }
        if let marked {
            // Every segment against the marked ones filed in the cells its box covers.
            DispatchQueue.concurrentPerform(iterations: workers * 8) { part in
                var local: [SegmentConflict] = []
                for i in stride(from: part, to: segments.count, by: workers * 8) {
                    guard let (xs, ys) = grid.cells(covering: grid.boxes.box(i)) else { continue }
                    for y in ys {
                        for x in xs {
                            test(i, from: xs.lowerBound, ys.lowerBound, in: x, y, among: grid.members(of: y * grid.columns + x), &local) { j in
                                j != i && !(marked[i] && j < i)
                            }
                        }
                    }
                }
                if !local.isEmpty { found.withLock { $0 += local } }
            }
        } else {
            // Every pair filed in the same cell, each member's box and first cell gathered once per
            // cell rather than once per pair.
            let chunk = (grid.cellCount + workers * 8 - 1) / (workers * 8)
            DispatchQueue.concurrentPerform(iterations: workers * 8) { part in
                let low = part * chunk, high = min(grid.cellCount, low + chunk)
                guard low < high else { return }
                var local: [SegmentConflict] = []
                var filed: [(index: Int, box: BoundingBox, first: SIMD2<Int32>)] = []
                for cell in low..<high {
                    let x = Int32(cell % grid.columns), y = Int32(cell / grid.columns)
                    filed.removeAll(keepingCapacity: true)
                    for member in grid.members(of: cell) {
                        let i = Int(member)
                        filed.append((i, grid.boxes.box(i), grid.firstCells[i]))
                    }
                    // Members are filed in ascending order: each against those after it.
                    for a in filed.indices {
                        let (i, box, first) = filed[a]
                        for b in (a + 1)..<filed.count {
                            let other = filed[b]
                            guard max(first.x, other.first.x) == x, max(first.y, other.first.y) == y, box.meets(other.box) else { continue }
                            let j = other.index
                            guard let (kind, location) = SegmentConflict.between(segments.segment(i), segments.segment(j), tolerance: tolerance) else { continue }
                            local.append(SegmentConflict(first: i, second: j, kind: kind, location: location))
                        }
                    }
                }
                if !local.isEmpty { found.withLock { $0 += local } }
            }
        }
        return found.withLock { $0 }.sorted { ($0.first, $0.second) < ($1.first, $1.second) }
    }
}
