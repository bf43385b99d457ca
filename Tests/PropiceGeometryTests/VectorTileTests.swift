import Testing
@testable import PropiceGeometry
import PropiceTestSupport

@Suite("Vector tiles: MVT encoding, clipping, PMTiles")
struct VectorTileTests {
    @Test("tile identifiers follow the PMTiles specification's Hilbert order")
    func tileIdentifiers() {
        #expect(PMTilesTileID.id(zoom: 0, x: 0, y: 0) == 0)
        // Zoom 1 along the Hilbert curve: (0,0), (0,1), (1,1), (1,0).
        #expect([(0, 0), (0, 1), (1, 1), (1, 0)].map { PMTilesTileID.id(zoom: 1, x: $0.0, y: $0.1) } == [1, 2, 3, 4])
        #expect(PMTilesTileID.id(zoom: 2, x: 0, y: 0) == 5)
        // The specification's test values (its reference implementations').
        #expect(PMTilesTileID.id(zoom: 3, x: 7, y: 0) == 84)
        #expect(PMTilesTileID.id(zoom: 12, x: 3423, y: 1763) == 19_078_479)
        // Every tile of zoom 4 gets its own identifier, in the level's range.
        let ids = Set((0..<16).flatMap { x in (0..<16).map { y in PMTilesTileID.id(zoom: 4, x: x, y: y) } })
        #expect(ids.count == 256 && ids.min() == 85 && ids.max() == 340)
    }

    @Test("a hole in the coverage thinner than two grid units is filled; a wider one, or an enclave's, stays")
    func thinCoverageHolesFilled() {
        func ring(_ points: [(Double, Double)]) -> Ring { Ring(positions: (points + [points[0]]).map { Position(x: $0.0, y: $0.1) }) }
        let thin = ring([(10, 10), (16, 10), (13, 11)]), wide = ring([(40, 40), (50, 40), (50, 50), (40, 50)])
        let enclave = ring([(60, 60), (66, 60), (63, 61)])
        let topology = Topology(coverage: [
            .polygon(Polygon(exterior: ring([(0, 0), (100, 0), (100, 100), (0, 100)]), holes: [thin, wide, enclave])),
            .polygon(Polygon(exterior: enclave)),
        ])
        let edge = topology.edgeArcs()
        #expect(edge.filter { $0 }.count == 3, "the outer ring and the two holes in nothing")
        let filled = topology.tilePolygons(of: topology.faces[0], edge: edge)
        #expect(filled.count == 1 && filled[0].count == 3)
        #expect(!filled[0].contains { $0.contains(TilePoint(x: 16, y: 10)) })
        #expect(filled[0].contains { $0.contains(TilePoint(x: 66, y: 60)) } && filled[0].contains { $0.contains(TilePoint(x: 50, y: 50)) })
        // Off the coverage's edge, every hole stays.
        #expect(topology.tilePolygons(of: topology.faces[0], edge: edge.map { _ in false })[0].count == 4)
    }

    @Test("two neighbours cut by a tile keep the same border, whichever way they follow it")
    func clippingKeepsSharedBorders() throws {
        // Two quadrilaterals sharing the border from (-37, 11) to (53, 29); the tile box crosses it.
        let left: TileRing = [TilePoint(x: -37, y: 11), TilePoint(x: 53, y: 29), TilePoint(x: 40, y: 90), TilePoint(x: -50, y: 70)]
        let right: TileRing = [TilePoint(x: 53, y: 29), TilePoint(x: -37, y: 11), TilePoint(x: -20, y: -40), TilePoint(x: 60, y: -30)]
        let box = TileClipping.Box(minX: -7, minY: -3, maxX: 47, maxY: 41)
        let a = try #require(TileClipping.clip(left, to: box)), b = try #require(TileClipping.clip(right, to: box))
        // The crossings with the box's west and east sides are one point for both.
        let onBorder = { (ring: TileRing) in Set(ring.filter { $0.x == box.minX || $0.x == box.maxX }.filter { p in
            abs(Double((29 - 11) * (p.x + 37) - (53 + 37) * (p.y - 11))) <= 90 // within half a unit of the border's line
        }) }
        #expect(onBorder(a) == onBorder(b))
        #expect(onBorder(a).count == 2)
        #expect(a.allSatisfy { box.minX <= $0.x && $0.x <= box.maxX && box.minY <= $0.y && $0.y <= box.maxY })
        #expect(a.signedDoubleArea != 0 && b.signedDoubleArea != 0)
        // A ring outside the box, or one reduced to a line along its side, is gone.
        #expect(TileClipping.clip([TilePoint(x: 100, y: 100), TilePoint(x: 110, y: 100), TilePoint(x: 110, y: 110)], to: box) == nil)
        #expect(TileClipping.clip([TilePoint(x: -20, y: 0), TilePoint(x: -7, y: 5), TilePoint(x: -20, y: 10)], to: box) == nil)
    }

    @Test("crossings round half away from zero in integers")
    func roundedQuotients() {
        #expect(TileClipping.roundedQuotient(7, 2) == 4)
        #expect(TileClipping.roundedQuotient(-7, 2) == -4)
        #expect(TileClipping.roundedQuotient(7, -2) == -4)
        #expect(TileClipping.roundedQuotient(5, 3) == 2)
        #expect(TileClipping.roundedQuotient(-4, 3) == -1)
    }

    @Test("a polygon's geometry commands are those of the specification's example, exteriors positive")
    func geometryCommands() {
        // The specification's example 4.3.4.4: a polygon (3,6), (8,12), (20,34).
        let clockwise: TilePolygon = [[TilePoint(x: 3, y: 6), TilePoint(x: 8, y: 12), TilePoint(x: 20, y: 34)]]
        #expect(VectorTile.geometryCommands([clockwise]) == [9, 6, 12, 18, 10, 12, 24, 44, 15])
        // Given the other way round, the exterior is turned to a positive area.
        let reversed: TilePolygon = [Array(clockwise[0].reversed())]
        let commands = VectorTile.geometryCommands([reversed])
        #expect(commands.first == 9 && commands.last == 15 && commands.count == 9)
        #expect(clockwise[0].signedDoubleArea > 0)
    }

    @Test("a tile's layer writes its keys and values once, in order of first use, and leaves nulls out")
    func layerEncoding() {
        let square: TilePolygon = [[TilePoint(x: 0, y: 0), TilePoint(x: 10, y: 0), TilePoint(x: 10, y: 10), TilePoint(x: 0, y: 10)]]
        var table = VectorTile.PropertyTable()
        let features = (0..<3).map { i in
            VectorTile.Feature(id: UInt64(i + 1), tags: table.tags(of: Properties([("classe", .integer(2)), ("nom", .string("A")), ("motif", .null)])),
                               polygons: [square])
        }
        let bytes = VectorTile(layers: [VectorTile.Layer(name: "epci", extent: 4096, table: table, features: features)]).encoded()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "classe").count == 2 && text.components(separatedBy: "nom").count == 2)
        #expect(!text.contains("motif"))
        #expect(bytes.first == 0x1A, "field 3 (layers), length-delimited")
        #expect(VectorTile(layers: [VectorTile.Layer(name: "vide", extent: 4096, table: VectorTile.PropertyTable(), features: [])]).encoded().isEmpty)
    }

    @Test("an archive's header says where its parts are, and repeated tiles are stored once")
    func archiveLayout() throws {
        let folder = TemporaryFolder()
        let writer = try PMTilesWriter(path: folder.file("t.pmtiles"))
        let same: [UInt8] = [1, 2, 3], other: [UInt8] = [4, 5, 6, 7]
        try writer.add(zoom: 0, x: 0, y: 0, bytes: other)
        for (x, y) in [(0, 0), (0, 1), (1, 1)] { try writer.add(zoom: 1, x: x, y: y, bytes: same) }
        #expect(throws: OutputError.self) { try writer.add(zoom: 1, x: 0, y: 0, bytes: same) }
        try writer.finish(metadata: Array(#"{"name":"t"}"#.utf8),
                          summary: PMTilesWriter.Summary(minZoom: 0, maxZoom: 1, bounds: (-5, 41, 10, 51.5), centerZoom: 1))
        let bytes = folder.read("t.pmtiles")
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) } }
        #expect(Array(bytes[0..<7]) == Array("PMTiles".utf8) && bytes[7] == 3)
        #expect(u64(8) == 127, "the root directory follows the header")
        #expect(u64(56) + u64(64) == UInt64(bytes.count), "the tile data ends the file")
        #expect(u64(64) == 7, "the repeated tile is stored once")
        #expect(u64(72) == 4 && u64(80) == 2 && u64(88) == 2, "4 tiles addressed, 2 entries (one a run of 3), 2 contents")
        #expect(Array(bytes[Int(u64(56))...]) == other + same)
        #expect(bytes[96] == 1 && bytes[97] == 2 && bytes[98] == 2 && bytes[99] == 1, "clustered, gzip, gzip, MVT")
        #expect(folder.names() == ["t.pmtiles"], "the temporary tile data is gone")
    }

    @Test("the reader finds every tile the writer stored, through leaf directories, and nothing else")
    func archiveReadBack() throws {
        let folder = TemporaryFolder()
        let writer = try PMTilesWriter(path: folder.file("t.pmtiles"))
        // Most tiles of zoom 8, of irregular sizes, a few equal (a run): too many entries for the root alone.
        func stored(_ x: Int, _ y: Int) -> Bool { (x &* 2_654_435_761 ^ y &* 40_503) % 7 > 1 }
        var tiles: [(x: Int, y: Int, bytes: [UInt8])] = []
        for y in 0..<256 {
            for x in 0..<256 where stored(x, y) {
                tiles.append((x, y, x < 4 && y < 4 ? [9, 9] : Array(repeating: UInt8(truncatingIfNeeded: x ^ y), count: 1 + (x &* 31 ^ y) % 9)))
            }
        }
        tiles.sort { PMTilesTileID.id(zoom: 8, x: $0.x, y: $0.y) < PMTilesTileID.id(zoom: 8, x: $1.x, y: $1.y) }
        for tile in tiles { try writer.add(zoom: 8, x: tile.x, y: tile.y, bytes: tile.bytes) }
        try writer.finish(metadata: Array("{}".utf8), summary: PMTilesWriter.Summary(minZoom: 8, maxZoom: 8, bounds: (-5, 41, 10, 51.5), centerZoom: 8))
        let bytes = folder.read("t.pmtiles")
        try bytes.withUnsafeBytes { archive in
            let reader = try PMTilesReader(archive, file: "t.pmtiles")
            #expect(reader.header == PMTilesReader.Header(minZoom: 8, maxZoom: 8, tileCompression: 2, tileType: 1))
            #expect(bytes[48..<56].contains { $0 != 0 }, "leaf directories were written")
            for tile in tiles {
                let range = try #require(try reader.tile(zoom: 8, x: tile.x, y: tile.y))
                #expect(Array(bytes[range]) == tile.bytes, "tile 8/\(tile.x)/\(tile.y)")
            }
            let missing = (0..<256).flatMap { y in (0..<256).map { (x: $0, y: y) } }.filter { !stored($0.x, $0.y) }
            #expect(missing.count > 1000)
            for (x, y) in missing { #expect(try reader.tile(zoom: 8, x: x, y: y) == nil, "8/\(x)/\(y) was not stored") }
            #expect(try reader.tile(zoom: 7, x: 1, y: 1) == nil)
            #expect(try reader.tile(zoom: 8, x: 256, y: 0) == nil, "beyond the grid")
        }
    }

    @Test("a truncated or spoilt archive is an error naming the file, never a crash or a range outside it")
    func archiveSpoilt() throws {
        let folder = TemporaryFolder()
        let writer = try PMTilesWriter(path: folder.file("t.pmtiles"))
        for (x, y) in [(0, 0), (0, 1), (1, 1), (1, 0)] { try writer.add(zoom: 1, x: x, y: y, bytes: [UInt8(x), UInt8(y)]) }
        try writer.finish(metadata: Array("{}".utf8), summary: PMTilesWriter.Summary(minZoom: 1, maxZoom: 1, bounds: (-5, 41, 10, 51.5), centerZoom: 1))
        let whole = folder.read("t.pmtiles")
        func lookUp(_ bytes: [UInt8]) -> String {
            bytes.withUnsafeBytes { archive in
                do {
                    let reader = try PMTilesReader(archive, file: "t.pmtiles")
                    for (x, y) in [(0, 0), (0, 1), (1, 1), (1, 0)] {
                        if let range = try reader.tile(zoom: 1, x: x, y: y), range.lowerBound < 0 || range.upperBound > bytes.count {
                            return "a range outside the archive"
                        }
                    }
                    return "read"
                } catch let error as InputError {
                    return error.file == "t.pmtiles" ? "refused" : "\(error)"
                } catch {
                    return "\(error)"
                }
            }
        }
        #expect(lookUp(whole) == "read")
        for length in [0, 7, 126, 127, 130, whole.count - 1] {
            #expect(["refused", "read"].contains(lookUp(Array(whole.prefix(length)))), "cut at \(length)")
        }
        #expect(lookUp(Array(whole.prefix(126))) == "refused")
        // Each byte of the header and the root directory set to other values in turn.
        for position in 0..<min(whole.count, 200) {
            for value in [0, 0xFF, 0x80, whole[position] ^ 1] as [UInt8] {
                var spoilt = whole
                spoilt[position] = value
                let outcome = lookUp(spoilt)
                #expect(["refused", "read"].contains(outcome), "byte \(position) set to \(value): \(outcome)")
            }
        }
    }
}
