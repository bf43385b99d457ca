import PropiceGeometry

/// Rows in PostgreSQL's binary `COPY` format: the header, each row's field count then each
/// field's length and bytes (big-endian numbers, UTF-8 text, `jsonb` as version 1 then its
/// text, a geometry as EWKB), and the trailer. Sent in chunks as it grows.
struct BinaryCopy {
    /// The signature (`PGCOPY\n\xFF\r\n\0`), no flags, no header extension.
    private(set) var bytes: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]
    static let chunkSize = 1 << 20

    mutating func row(fields: Int) {
        append(UInt16(truncatingIfNeeded: fields))
    }

    mutating func null() { append(UInt32.max) }

    mutating func text(_ value: String) { field(Array(value.utf8)) }

    mutating func integer(_ value: Int64) {
        append(UInt32(8))
        append(UInt64(bitPattern: value))
    }

    mutating func double(_ value: Double) {
        append(UInt32(8))
        append(value.bitPattern)
    }

    mutating func boolean(_ value: Bool) { field([value ? 1 : 0]) }

    mutating func jsonb(_ text: some Collection<UInt8>) {
        append(UInt32(truncatingIfNeeded: text.count + 1))
        bytes.append(1)
        bytes.append(contentsOf: text)
    }

    mutating func field(_ value: some Collection<UInt8>) {
        append(UInt32(truncatingIfNeeded: value.count))
        bytes.append(contentsOf: value)
    }

    mutating func finish() { append(UInt16.max) }

    /// The bytes so far, emptied.
    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    private mutating func append(_ value: some FixedWidthInteger) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Extended WKB, as PostGIS reads it: WKB whose first type word carries the SRID.
enum EWKB {
    private static let sridFlag: UInt32 = 0x2000_0000

    /// A 2-D Polygon or MultiPolygon's WKB as a MultiPolygon's EWKB in `srid` (a Polygon
    /// wrapped, as `PROMOTE_TO_MULTI` does), its header in the WKB's byte order; anything else
    /// throws a `WKBError`.
    static func multiPolygon(_ wkb: ArraySlice<UInt8>, srid: Int32) throws -> [UInt8] {
        guard wkb.count >= 9, let order = wkb.first, order <= 1 else { throw WKBError(message: "not a WKB geometry") }
        let start = wkb.startIndex
        let word = wkb[(start + 1)..<(start + 5)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let type = order == 1 ? word.byteSwapped : word
        var out: [UInt8] = [order]
        func append(_ value: UInt32) {
            withUnsafeBytes(of: order == 1 ? value.littleEndian : value.bigEndian) { out.append(contentsOf: $0) }
        }
        append(6 | sridFlag)
        append(UInt32(bitPattern: srid))
        switch type {
        case 6:
            out += wkb[(start + 5)...]
        case 3:
            append(1)
            out += wkb
        default:
            throw WKBError(message: "expected a 2-D Polygon or MultiPolygon geometry, not WKB type \(type)")
        }
        return out
    }
}
