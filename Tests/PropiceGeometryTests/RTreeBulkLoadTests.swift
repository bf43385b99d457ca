import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("GeoPackage spatial index, packed at once")
struct RTreeBulkLoadTests {
    let folder = TemporaryFolder()

    /// Boxes scattered deterministically, with awkward coordinates (negative, beyond a float's
    /// precision, degenerate), ids not in order.
    static func entries(_ count: Int) -> [RTreeBulkLoad.Entry] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<count).map { i in
            let x = -1_000_000 + 2_000_000 * next() + 0.123_456_789, y = 6_000_000 + 1_000_000 * next() - 0.987_654_321
            let w = i % 17 == 0 ? 0 : 5_000 * next(), h = i % 19 == 0 ? 0 : 5_000 * next()
            return RTreeBulkLoad.Entry(id: Int64((i * 7_919) % 100_003 + 1), box: BoundingBox(minX: x, minY: y, maxX: x + w, maxY: y + h))
        }
    }

    func rows(_ db: SQLiteDatabase, _ table: String, where clause: String = "") throws -> [String] {
        let statement = try db.prepare("SELECT id, minx, maxx, miny, maxy FROM \(table) \(clause) ORDER BY id")
        var rows: [String] = []
        while try statement.step() { rows.append((0..<5).map { "\(statement.column(Int32($0)))" }.joined(separator: " ")) }
        return rows
    }

    @Test("the packed tree holds exactly what SQLite's own inserts store, passes rtreecheck, and answers window queries alike",
          arguments: [1, 51, 52, 2_602, 5_000])
    func sameAsInserted(count: Int) throws {
        let db = try SQLiteDatabase(path: folder.file("index-\(count).sqlite"), create: true)
        try db.execute("CREATE VIRTUAL TABLE packed USING rtree(id, minx, maxx, miny, maxy); CREATE VIRTUAL TABLE inserted USING rtree(id, minx, maxx, miny, maxy);")
        let entries = Self.entries(count)
        try RTreeBulkLoad.load(entries, into: db, table: "packed")
        let insert = try db.prepare("INSERT INTO inserted VALUES (?, ?, ?, ?, ?)")
        for entry in entries {
            insert.reset()
            try insert.bind(1, .integer(entry.id))
            for (i, v) in [entry.box.minX, entry.box.maxX, entry.box.minY, entry.box.maxY].enumerated() { try insert.bind(Int32(2 + i), .real(v)) }
            _ = try insert.step()
        }
        #expect(try rows(db, "packed") == rows(db, "inserted"))
        #expect(try rows(db, "packed").count == count)
        let check = try db.prepare("SELECT rtreecheck('packed')")
        #expect(try check.step() && check.text(0) == "ok")
        for window in ["WHERE maxx >= 0 AND minx <= 300000 AND maxy >= 6200000 AND miny <= 6500000",
                       "WHERE maxx >= -1000000 AND minx <= -990000", "WHERE id = \(entries[count / 2].id)"] {
            #expect(try rows(db, "packed", where: window) == rows(db, "inserted", where: window), "\(window)")
        }
        // The tree stays usable by SQLite itself: deletes and inserts after the packing.
        try db.execute("DELETE FROM packed WHERE id % 3 = 0; INSERT INTO packed VALUES (200000, 1, 2, 3, 4);")
        try db.execute("DELETE FROM inserted WHERE id % 3 = 0; INSERT INTO inserted VALUES (200000, 1, 2, 3, 4);")
        #expect(try rows(db, "packed") == rows(db, "inserted"))
        let again = try db.prepare("SELECT rtreecheck('packed')")
        #expect(try again.step() && again.text(0) == "ok")
    }

    @Test("bounds are rounded outwards to floats as SQLite rounds them")
    func rounding() {
        for value in [0.1, -0.1, 6_543_210.987_654_3, -6_543_210.987_654_3, 3.0, 123_456_789.123] {
            #expect(Double(RTreeBulkLoad.down(value)) <= value, "\(value)")
            #expect(Double(RTreeBulkLoad.up(value)) >= value, "\(value)")
        }
        #expect(RTreeBulkLoad.down(3) == 3 && RTreeBulkLoad.up(3) == 3)
    }
}
