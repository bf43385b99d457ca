/// The GeoPackage geometry blob: a header (`GP`, version, flags, SRS id, envelope) then WKB.
/// Public for the blobs of one's own SQL queries on a GeoPackage.
public enum GeoPackageBinary {
    /// The blob of a geometry, little-endian, with its 2-D envelope.
    static func encode(_ geometry: Geometry, srsID: Int32) -> (blob: [UInt8], envelope: BoundingBox) {
        let envelope = geometry.boundingBox
        var out: [UInt8] = [0x47, 0x50, 0, 0b0000_0011] // "GP", version 0, little-endian, xy envelope
        withUnsafeBytes(of: srsID.littleEndian) { out.append(contentsOf: $0) }
        for v in [envelope.minX, envelope.maxX, envelope.minY, envelope.maxY] { WKB.appendDouble(v, to: &out) }
        WKB.append(geometry, to: &out)
        return (out, envelope)
    }

    /// The SRS id a blob's header names (bytes 4 to 7, in the byte order its flags give).
    public static func srsID(of blob: [UInt8]) -> Int32? {
        guard blob.count >= 8 else { return nil }
        let bytes = blob[4..<8].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        let littleEndian = blob[3] & 1 == 1
        return Int32(bitPattern: littleEndian ? bytes : bytes.byteSwapped)
    }

    /// The geometry of a blob (a Polygon or MultiPolygon); nil for an empty geometry. Anything
    /// else throws a `WKBError` that says what is wrong.
    public static func decode(_ blob: [UInt8]) throws -> Geometry? {
        try wkb(of: blob).map { try WKB.read($0) }
    }

    /// The WKB that follows a blob's header; nil for an empty geometry.
    public static func wkb(of blob: [UInt8]) throws -> ArraySlice<UInt8>? {
        guard blob.count >= 8, blob[0] == 0x47, blob[1] == 0x50 else {
            throw WKBError(message: "not a GeoPackage geometry blob (no 'GP' header)")
        }
        let flags = blob[3]
        guard flags & 0b0010_0000 == 0 else { throw WKBError(message: "extended GeoPackage geometry types are not supported") }
        let envelopeSizes = [0, 32, 48, 48, 64]
        let indicator = Int((flags >> 1) & 0b111)
        guard indicator < envelopeSizes.count else { throw WKBError(message: "invalid envelope indicator \(indicator)") }
        let start = 8 + envelopeSizes[indicator]
        guard blob.count >= start else { throw WKBError(message: "the geometry blob is truncated") }
        if flags & 0b0001_0000 != 0 { return nil }
        return blob[start...]
    }
}
