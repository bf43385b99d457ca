/// Well-Known Binary for the geometries propice carries: Polygon and MultiPolygon.
enum WKB {
    private static let polygonType: UInt32 = 3
    private static let multiPolygonType: UInt32 = 6

    /// Appends the geometry as little-endian WKB.
    static func append(_ geometry: Geometry, to out: inout [UInt8]) {
        switch geometry {
        case .polygon(let polygon):
            appendPolygon(polygon, to: &out)
        case .multiPolygon(let multi):
            out.append(1)
            appendUInt32(multiPolygonType, to: &out)
            appendUInt32(UInt32(multi.polygons.count), to: &out)
            for polygon in multi.polygons { appendPolygon(polygon, to: &out) }
        }
    }

    private static func appendPolygon(_ polygon: Polygon, to out: inout [UInt8]) {
        out.append(1)
        appendUInt32(polygonType, to: &out)
        appendUInt32(UInt32(1 + polygon.holes.count), to: &out)
        for ring in [polygon.exterior] + polygon.holes {
            appendUInt32(UInt32(ring.positions.count), to: &out)
            for p in ring.positions {
                appendDouble(p.x, to: &out)
                appendDouble(p.y, to: &out)
            }
        }
    }

    static func appendUInt32(_ v: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    static func appendDouble(_ v: Double, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Reads a Polygon or MultiPolygon (2-D, or with Z and M values, which are dropped), in
    /// either byte order, in the ISO or the extended (EWKB) type codes. Throws a message.
    static func read(_ bytes: ArraySlice<UInt8>) throws -> Geometry {
        var cursor = WKBCursor(bytes: bytes)
        let (type, dimensions) = try cursor.header()
        let geometry: Geometry
        switch type {
        case polygonType:
            geometry = .polygon(try cursor.polygonBody(dimensions: dimensions))
        case multiPolygonType:
            let count = try cursor.count()
            var polygons: [Polygon] = []
            for _ in 0..<count {
                let (partType, partDimensions) = try cursor.header()
                guard partType == polygonType else { throw WKBError(message: "a MultiPolygon holds a \(typeName(partType))") }
                polygons.append(try cursor.polygonBody(dimensions: partDimensions))
            }
            geometry = .multiPolygon(MultiPolygon(polygons: polygons))
        default:
            throw WKBError(message: "expected a Polygon or MultiPolygon geometry, found a \(typeName(type))")
        }
        guard cursor.isAtEnd else { throw WKBError(message: "the geometry has \(cursor.remaining) bytes after its end") }
        return geometry
    }

    static func typeName(_ type: UInt32) -> String {
        switch type {
        case 1: "Point"
        case 2: "LineString"
        case 3: "Polygon"
        case 4: "MultiPoint"
        case 5: "MultiLineString"
        case 6: "MultiPolygon"
        case 7: "GeometryCollection"
        default: "geometry of WKB type \(type)"
        }
    }
}

/// A WKB geometry that cannot be read, and why.
public struct WKBError: Error, Sendable {
    public var message: String

    public init(message: String) { self.message = message }
}

/// Reads WKB values in the byte order each geometry declares.
private struct WKBCursor {
    let bytes: ArraySlice<UInt8>
    var index: Int
    var littleEndian = true

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index == bytes.endIndex }
    var remaining: Int { bytes.endIndex - index }

    private func truncated() -> WKBError {
        WKBError(message: "the geometry is truncated at byte \(index - bytes.startIndex)")
    }

    mutating func uint32() throws -> UInt32 {
        guard remaining >= 4 else { throw truncated() }
        let raw = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index - bytes.startIndex, as: UInt32.self) }
        index += 4
        return littleEndian ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
    }

    mutating func double() throws -> Double {
        guard remaining >= 8 else { throw truncated() }
        let raw = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index - bytes.startIndex, as: UInt64.self) }
        index += 8
        return Double(bitPattern: littleEndian ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw))
    }

    /// A count, bounded by the bytes left so that a corrupt count cannot ask for huge memory.
    mutating func count(bytesPerItem: Int = 1) throws -> Int {
        let n = Int(try uint32())
        guard n <= remaining / bytesPerItem else { throw WKBError(message: "a count of \(n) exceeds the bytes left") }
        return n
    }

    /// Reads a byte order and a type; returns the 2-D type code and the number of values per position.
    mutating func header() throws -> (UInt32, Int) {
        guard remaining >= 1 else { throw truncated() }
        let order = bytes[index]
        index += 1
        guard order <= 1 else { throw WKBError(message: "invalid WKB byte order \(order)") }
        littleEndian = order == 1
        var type = try uint32()
        var dimensions = 2
        if type & 0x8000_0000 != 0 { dimensions += 1 } // EWKB Z
        if type & 0x4000_0000 != 0 { dimensions += 1 } // EWKB M
        type &= 0x0FFF_FFFF
        switch type / 1000 {
        case 1, 2: dimensions += 1 // ISO Z or M
        case 3: dimensions += 2   // ISO ZM
        default: break
        }
        return (type % 1000, dimensions)
    }

    mutating func polygonBody(dimensions: Int) throws -> Polygon {
        let ringCount = try count(bytesPerItem: 4)
        guard ringCount > 0 else { throw WKBError(message: "a polygon has no ring") }
        var rings: [Ring] = []
        rings.reserveCapacity(ringCount)
        for _ in 0..<ringCount {
            let n = try count(bytesPerItem: 8 * dimensions)
            var positions: [Position] = []
            positions.reserveCapacity(n)
            for _ in 0..<n {
                let x = try double(), y = try double()
                for _ in 2..<dimensions { _ = try double() }
                guard x.isFinite && y.isFinite else { throw WKBError(message: "a coordinate is not a finite number") }
                positions.append(Position(x: x, y: y))
            }
            if let problem = RingCheck.problem(positions) { throw WKBError(message: problem) }
            rings.append(Ring(positions: positions))
        }
        return Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))
    }
}
