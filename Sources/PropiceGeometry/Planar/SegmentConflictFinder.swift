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
        let grid = SegmentGrid(segments, members: members, margin: tolerance)
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

/// Segments (some of them) filed by grid cell, as one array of members with cell offsets.
private struct SegmentGrid: Sendable {
    let boxes: [BoundingBox]
    let origin: Position
    let cellSize: Double
    let columns: Int
    let rows: Int
    let offsets: [Int]
    let memberList: [Int32]

    var cellCount: Int { columns * rows }

    init(_ segments: [Segment], members filed: [Int], margin: Double) {
        boxes = segments.map { segment in
            var box = segment.boundingBox
            box.minX -= margin; box.minY -= margin; box.maxX += margin; box.maxY += margin
            return box
        }
        var extent = BoundingBox.empty
        var totalLength = 0.0
        for s in filed {
            extent.include(Position(x: boxes[s].minX, y: boxes[s].minY))
            extent.include(Position(x: boxes[s].maxX, y: boxes[s].maxY))
            totalLength += segments[s].length
        }
        let width = max(extent.maxX - extent.minX, .leastNormalMagnitude)
        let height = max(extent.maxY - extent.minY, .leastNormalMagnitude)
        // Cells about twice the mean segment, but never more than two per segment.
        let fromLength = 2 * totalLength / Double(filed.count)
        let fromCount = (width * height / Double(2 * filed.count)).squareRoot()
        let size = max(fromLength, fromCount, (width + height) / 4_000_000)
        origin = Position(x: extent.minX, y: extent.minY)
        cellSize = size
        columns = Int(width / size) + 1
        rows = Int(height / size) + 1

        // Counting sort of (cell, segment) pairs.
        var counts = [Int](repeating: 0, count: columns * rows + 1)
        let origin = self.origin, columns = self.columns, rows = self.rows
        func range(_ box: BoundingBox) -> (ClosedRange<Int>, ClosedRange<Int>) {
            Self.range(box, origin: origin, size: size, columns: columns, rows: rows)
        }
        for s in filed {
            let (xs, ys) = range(boxes[s])
            for y in ys { for x in xs { counts[y * columns + x + 1] += 1 } }
        }
        for c in 1..<counts.count { counts[c] += counts[c - 1] }
        var fill = counts
        var members = [Int32](repeating: 0, count: counts[counts.count - 1])
        for s in filed {
            let (xs, ys) = range(boxes[s])
            for y in ys {
                for x in xs {
                    members[fill[y * columns + x]] = Int32(s)
                    fill[y * columns + x] += 1
                }
            }
        }
        offsets = counts
        memberList = members
    }

    func members(of cell: Int) -> ArraySlice<Int32> { memberList[offsets[cell]..<offsets[cell + 1]] }

    /// The columns and rows of the cells a box covers, clamped to the grid; nil when it lies outside.
    @inline(__always) func cells(covering box: BoundingBox) -> (ClosedRange<Int>, ClosedRange<Int>)? {
        guard box.maxX >= origin.x, box.maxY >= origin.y,
              box.minX <= origin.x + Double(columns) * cellSize, box.minY <= origin.y + Double(rows) * cellSize else { return nil }
        return Self.range(box, origin: origin, size: cellSize, columns: columns, rows: rows)
    }

    /// The columns and rows a box covers, clamped to the grid.
    static func range(_ box: BoundingBox, origin: Position, size: Double, columns: Int, rows: Int) -> (ClosedRange<Int>, ClosedRange<Int>) {
        let x0 = max(0, min(columns - 1, Int((box.minX - origin.x) / size))), x1 = max(0, min(columns - 1, Int((box.maxX - origin.x) / size)))
        let y0 = max(0, min(rows - 1, Int((box.minY - origin.y) / size))), y1 = max(0, min(rows - 1, Int((box.maxY - origin.y) / size)))
        return (x0...x1, y0...y1)
    }

    @inline(__always) func cell(x: Double, y: Double) -> Int {
        min(rows - 1, Int((y - origin.y) / cellSize)) * columns + min(columns - 1, Int((x - origin.x) / cellSize))
    }
}
