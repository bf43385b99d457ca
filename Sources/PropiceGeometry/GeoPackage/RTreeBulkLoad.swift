/// Fills an empty SQLite R*Tree (`CREATE VIRTUAL TABLE … USING rtree(id, minx, maxx, miny, maxy)`)
/// at once, as GDAL does for its GeoPackages: the tree is packed in memory by Sort-Tile-Recursive
/// and its nodes written into the table's shadow tables (`_node`, `_rowid`, `_parent`), instead of
/// one insert per feature (each a descent and, often, a node split: two thirds of the time of
/// writing France's communes).
///
/// The entries' coordinates are stored as SQLite's R*Tree stores them: 32-bit floats rounded
/// outwards, so that a box never shrinks. The node format is that of SQLite's `rtree.c`: a 2-byte
/// depth (the root's only), a 2-byte count of cells, then cells of an 8-byte id and four 4-byte
/// coordinates, all big-endian, each node as long as the empty root SQLite created.
enum RTreeBulkLoad {
    /// One feature's entry: its id and bounding box.
    struct Entry {
        var id: Int64
        var box: BoundingBox
    }

    /// A cell as stored: an id (a feature's or a child node's) and its box in 32-bit floats.
    private struct Cell {
        var id: Int64
        var minX: Float, maxX: Float, minY: Float, maxY: Float

        var centre: (x: Float, y: Float) { ((minX + maxX) / 2, (minY + maxY) / 2) }
    }

    /// Writes `entries` into the empty R*Tree `table`.
    static func load(_ entries: [Entry], into db: SQLiteDatabase, table: String) throws {
        guard !entries.isEmpty else { return }
        let nodeBytes = try rootSize(db, table: table)
        let capacity = min(51, (nodeBytes - 4) / 24)
        guard capacity >= 2 else { throw SQLiteError(message: "the R*Tree \(table) has nodes of \(nodeBytes) bytes, too small for its cells") }
        var level = entries.map { Cell(id: $0.id, minX: down($0.box.minX), maxX: up($0.box.maxX), minY: down($0.box.minY), maxY: up($0.box.maxY)) }
        let writeNode = try db.prepare("INSERT OR REPLACE INTO \(SQL.quote(table + "_node")) (nodeno, data) VALUES (?, ?)")
        let writeParent = try db.prepare("INSERT INTO \(SQL.quote(table + "_parent")) (nodeno, parentnode) VALUES (?, ?)")
        var leaves: [(id: Int64, node: Int64)] = []
        leaves.reserveCapacity(entries.count)
        var nextNode: Int64 = 2, depth = 0
        // Each level's nodes, from the leaves up, until one node holds them all: the root, node 1.
        while true {
            let nodes = pack(level, capacity: capacity)
            let isRoot = nodes.count == 1
            var parents: [Cell] = []
            var children: [(node: Int64, cells: ArraySlice<Cell>)] = []
            for cells in nodes {
                let number = isRoot ? 1 : nextNode
                if !isRoot { nextNode += 1 }
                try write(cells, depth: isRoot ? depth : 0, size: nodeBytes, node: number, with: writeNode)
                children.append((number, cells))
                parents.append(union(cells, id: number))
            }
            for (node, cells) in children {
                for cell in cells {
                    if depth == 0 { leaves.append((cell.id, node)) } else { try bind(writeParent, cell.id, node) }
                }
            }
            if isRoot { break }
            level = parents
            depth += 1
        }
        let writeRowid = try db.prepare("INSERT INTO \(SQL.quote(table + "_rowid")) (rowid, nodeno) VALUES (?, ?)")
        for leaf in leaves.sorted(by: { $0.id < $1.id }) { try bind(writeRowid, leaf.id, leaf.node) }
    }

    /// The size of the nodes of `table`: that of the empty root SQLite created with it.
    private static func rootSize(_ db: SQLiteDatabase, table: String) throws -> Int {
        let root = try db.prepare("SELECT length(data) FROM \(SQL.quote(table + "_node")) WHERE nodeno = 1")
        guard try root.step(), let size = root.integer(0), size >= 4, size <= 65_536 else {
            throw SQLiteError(message: "the R*Tree \(table) has no root node to fill")
        }
        return Int(size)
    }

    /// The cells grouped into nodes by Sort-Tile-Recursive: sorted by x into vertical slices,
    /// each sorted by y, then cut into nodes of as equal sizes as can be. Ties keep the order.
    private static func pack(_ cells: [Cell], capacity: Int) -> [ArraySlice<Cell>] {
        let nodeCount = (cells.count + capacity - 1) / capacity
        guard nodeCount > 1 else { return [cells[...]] }
        var sliceCount = 1
        while sliceCount * sliceCount < nodeCount { sliceCount += 1 }
        let perSlice = (nodeCount + sliceCount - 1) / sliceCount * capacity
        let byX = cells.indices.sorted { a, b in
            let (p, q) = (cells[a].centre.x, cells[b].centre.x)
            return p != q ? p < q : a < b
        }
        var ordered: [Cell] = []
        ordered.reserveCapacity(cells.count)
        for start in stride(from: 0, to: byX.count, by: perSlice) {
            let slice = byX[start..<min(start + perSlice, byX.count)]
            ordered += slice.sorted { a, b in
                let (p, q) = (cells[a].centre.y, cells[b].centre.y)
                return p != q ? p < q : a < b
            }.map { cells[$0] }
        }
        return (0..<nodeCount).map { n in ordered[ordered.count * n / nodeCount..<ordered.count * (n + 1) / nodeCount] }
    }

    private static func union(_ cells: ArraySlice<Cell>, id: Int64) -> Cell {
        var box = Cell(id: id, minX: .infinity, maxX: -.infinity, minY: .infinity, maxY: -.infinity)
        for cell in cells {
            box.minX = min(box.minX, cell.minX)
            box.maxX = max(box.maxX, cell.maxX)
            box.minY = min(box.minY, cell.minY)
            box.maxY = max(box.maxY, cell.maxY)
        }
        return box
    }

    private static func write(_ cells: ArraySlice<Cell>, depth: Int, size: Int, node: Int64, with statement: SQLiteStatement) throws {
        var data = [UInt8](repeating: 0, count: size)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value.bigEndian) { bytes in
                for (i, byte) in bytes.enumerated() { data[offset + i] = byte }
            }
        }
        put(UInt16(truncatingIfNeeded: depth), at: 0)
        put(UInt16(truncatingIfNeeded: cells.count), at: 2)
        for (i, cell) in cells.enumerated() {
            let offset = 4 + 24 * i
            put(cell.id, at: offset)
            for (k, coordinate) in [cell.minX, cell.maxX, cell.minY, cell.maxY].enumerated() { put(coordinate.bitPattern, at: offset + 8 + 4 * k) }
        }
        statement.reset()
        try statement.bind(1, .integer(node))
        try statement.bind(2, .blob(data))
        _ = try statement.step()
    }

    private static func bind(_ statement: SQLiteStatement, _ first: Int64, _ second: Int64) throws {
        statement.reset()
        try statement.bind(1, .integer(first))
        try statement.bind(2, .integer(second))
        _ = try statement.step()
    }

    /// A lower bound as SQLite's R*Tree stores it: the nearest float at or below the value.
    static func down(_ value: Double) -> Float {
        let f = Float(value)
        return Double(f) > value ? Float(value * (value < 0 ? 1 + 1 / 8_388_608 : 1 - 1 / 8_388_608)) : f
    }

    /// An upper bound as SQLite's R*Tree stores it: the nearest float at or above the value.
    static func up(_ value: Double) -> Float {
        let f = Float(value)
        return Double(f) < value ? Float(value * (value < 0 ? 1 - 1 / 8_388_608 : 1 + 1 / 8_388_608)) : f
    }
}
