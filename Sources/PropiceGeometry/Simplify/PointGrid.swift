/// Points filed by grid cell, for finding those inside a box.
struct PointGrid: Sendable {
    private let origin: Position
    private let cellSize: Double
    private let columns: Int
    private let rows: Int
    private let offsets: [Int]
    private let members: [(id: Int, position: Position)]

    init(_ points: [(Int, Position)]) {
        var extent = BoundingBox.empty
        for (_, p) in points { extent.include(p) }
        let width = max(extent.maxX - extent.minX, .leastNormalMagnitude)
        let height = max(extent.maxY - extent.minY, .leastNormalMagnitude)
        let size = max((width * height / Double(max(points.count, 1))).squareRoot(), (width + height) / 4_000_000)
        origin = Position(x: extent.minX, y: extent.minY)
        cellSize = size
        let columns = Int(width / size) + 1, rows = Int(height / size) + 1
        self.columns = columns
        self.rows = rows
        var counts = [Int](repeating: 0, count: columns * rows + 1)
        let cells = points.map { (_, p) in
            min(rows - 1, Int((p.y - extent.minY) / size)) * columns + min(columns - 1, Int((p.x - extent.minX) / size))
        }
        for c in cells { counts[c + 1] += 1 }
        for c in 1..<counts.count { counts[c] += counts[c - 1] }
        var fill = counts
        var members = [(id: Int, position: Position)](repeating: (0, Position(x: 0, y: 0)), count: points.count)
        for (i, c) in cells.enumerated() {
            members[fill[c]] = points[i]
            fill[c] += 1
        }
        offsets = counts
        self.members = members
    }

    /// The first point in the box that passes the test, if any.
    func first(in box: BoundingBox, where test: (Int, Position) -> Bool) -> Int? {
        guard !members.isEmpty, box.maxX >= origin.x, box.maxY >= origin.y else { return nil }
        let x0 = max(0, Int((box.minX - origin.x) / cellSize)), x1 = min(columns - 1, Int((box.maxX - origin.x) / cellSize))
        let y0 = max(0, Int((box.minY - origin.y) / cellSize)), y1 = min(rows - 1, Int((box.maxY - origin.y) / cellSize))
        guard x0 <= x1, y0 <= y1 else { return nil }
        for y in y0...y1 {
            for x in x0...x1 {
                let cell = y * columns + x
                for m in offsets[cell]..<offsets[cell + 1] {
                    let (id, p) = members[m]
                    if p.x >= box.minX, p.x <= box.maxX, p.y >= box.minY, p.y <= box.maxY, test(id, p) { return id }
                }
            }
        }
        return nil
    }
}
