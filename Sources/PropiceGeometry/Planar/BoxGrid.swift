import Dispatch
import Synchronization

/// Boxes (all or some of them) filed by the cells of a uniform grid that they cover, as one
/// array of members with cell offsets.
struct BoxGrid<Boxes: IndexedBoxes>: Sendable {
    let boxes: Boxes
    /// The column and row of the first cell each filed box covers (zero for the others).
    let firstCells: [SIMD2<Int32>]
    let columns: Int
    private let rows: Int
    private let origin: Position
    private let cellSize: Double
    private let offsets: [Int]
    private let memberList: [Int32]

    var cellCount: Int { columns * rows }

    /// Files `boxes[i]` for every `i` of `members` (all of them by default), each cell's in the
    /// order of `members`. Cells are about twice the mean box, and never fewer than two boxes per
    /// cell on average.
    init(_ boxes: Boxes, members: [Int]? = nil) {
        if let members { self.init(boxes, filed: members) } else { self.init(boxes, filed: 0..<boxes.count) }
    }

    /// `init(_:members:)` over the indices `filed`, which every box need not list.
    private init(_ boxes: Boxes, filed: some RandomAccessCollection<Int> & Sendable) {
        self.boxes = boxes
        let (extent, extents) = Self.extent(of: boxes, filed)
        let width = max(extent.maxX - extent.minX, .leastNormalMagnitude)
        let height = max(extent.maxY - extent.minY, .leastNormalMagnitude)
        let fromExtent = 2 * extents / Double(max(filed.count, 1))
        let fromCount = (width * height / Double(2 * max(filed.count, 1))).squareRoot()
        let size = max(fromExtent, fromCount, (width + height) / 4_000_000)
        let origin = Position(x: extent.isEmpty ? 0 : extent.minX, y: extent.isEmpty ? 0 : extent.minY)
        let columns = Int(width / size) + 1, rows = Int(height / size) + 1
        self.origin = origin
        cellSize = size
        self.columns = columns
        self.rows = rows

        // Counting sort of (cell, box) pairs.
        var counts = [Int](repeating: 0, count: columns * rows + 1)
        var firstCells = [SIMD2<Int32>](repeating: .zero, count: boxes.count)
        for i in filed {
            let (xs, ys) = Self.range(boxes.box(i), origin: origin, size: size, columns: columns, rows: rows)
            firstCells[i] = SIMD2(Int32(xs.lowerBound), Int32(ys.lowerBound))
            for y in ys { for x in xs { counts[y * columns + x + 1] += 1 } }
        }
        self.firstCells = firstCells
        for c in 1..<counts.count { counts[c] += counts[c - 1] }
        var fill = counts
        var members = [Int32](repeating: 0, count: counts[counts.count - 1])
        for i in filed {
            let (xs, ys) = Self.range(boxes.box(i), origin: origin, size: size, columns: columns, rows: rows)
            for y in ys {
                for x in xs {
                    members[fill[y * columns + x]] = Int32(i)
                    fill[y * columns + x] += 1
                }
            }
        }
        offsets = counts
        memberList = members
    }

    /// The box around the filed boxes and the sum of their widths and heights, over consecutive
    /// ranges of them on every core.
    private static func extent(of boxes: Boxes, _ filed: some RandomAccessCollection<Int> & Sendable) -> (BoundingBox, Double) {
        let count = filed.count
        let parts = max(1, min(ProcessorCount.online * 4, count / 16_384))
        let sums = Mutex([(BoundingBox, Double)](repeating: (.empty, 0), count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var extent = BoundingBox.empty, extents = 0.0
            let low = filed.index(filed.startIndex, offsetBy: count * part / parts)
            let high = filed.index(filed.startIndex, offsetBy: count * (part + 1) / parts)
            for i in filed[low..<high] {
                let box = boxes.box(i)
                extent.include(box)
                extents += (box.maxX - box.minX) + (box.maxY - box.minY)
            }
            sums.withLock { $0[part] = (extent, extents) }
        }
        return sums.withLock { sums in
            sums.reduce((BoundingBox.empty, 0.0)) { total, part in
                var extent = total.0
                extent.include(part.0)
                return (extent, total.1 + part.1)
            }
        }
    }

    /// The indices of the boxes filed in a cell.
    func members(of cell: Int) -> ArraySlice<Int32> { memberList[offsets[cell]..<offsets[cell + 1]] }

    /// The columns and rows of the cells a box covers, clamped to the grid; nil when it lies outside.
    @inline(__always) func cells(covering box: BoundingBox) -> (ClosedRange<Int>, ClosedRange<Int>)? {
        guard !memberList.isEmpty, box.maxX >= origin.x, box.maxY >= origin.y,
              box.minX <= origin.x + Double(columns) * cellSize, box.minY <= origin.y + Double(rows) * cellSize else { return nil }
        return Self.range(box, origin: origin, size: cellSize, columns: columns, rows: rows)
    }

    /// The cell of a position inside the grid's extent.
    @inline(__always) func cell(x: Double, y: Double) -> Int {
        max(0, min(rows - 1, Int((y - origin.y) / cellSize))) * columns + max(0, min(columns - 1, Int((x - origin.x) / cellSize)))
    }

    /// Whether any filed box meets `box` (edges included).
    func meets(_ box: BoundingBox) -> Bool {
        guard let (xs, ys) = cells(covering: box) else { return false }
        for y in ys {
            for x in xs {
                for i in members(of: y * columns + x) where boxes.box(Int(i)).meets(box) { return true }
            }
        }
        return false
    }

    /// Calls `body` with the index of every filed box that contains `p` (edges included).
    @inline(__always) func forEachBox(containing p: Position, _ body: (Int) -> Void) {
        guard cells(covering: BoundingBox(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)) != nil else { return }
        for i in members(of: cell(x: p.x, y: p.y)) where boxes.box(Int(i)).contains(p) { body(Int(i)) }
    }

    private static func range(_ box: BoundingBox, origin: Position, size: Double, columns: Int, rows: Int) -> (ClosedRange<Int>, ClosedRange<Int>) {
        let x0 = max(0, min(columns - 1, Int((box.minX - origin.x) / size))), x1 = max(0, min(columns - 1, Int((box.maxX - origin.x) / size)))
        let y0 = max(0, min(rows - 1, Int((box.minY - origin.y) / size))), y1 = max(0, min(rows - 1, Int((box.maxY - origin.y) / size)))
        return (x0...x1, y0...y1)
    }
}
