/// The few pieces of the protocol buffers encoding a vector tile needs: varints, zigzag
/// integers, length-delimited fields and packed repeated integers, appended to a byte array.
struct ProtobufWriter {
    /// A field's wire type.
    enum WireType: UInt64 { case varint = 0, fixed64 = 1, lengthDelimited = 2 }

    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func key(_ field: UInt64, _ type: WireType) { varint(field << 3 | type.rawValue) }

    mutating func varintField(_ field: UInt64, _ value: UInt64) {
        key(field, .varint)
        varint(value)
    }

    mutating func bytesField(_ field: UInt64, _ value: [UInt8]) {
        key(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func stringField(_ field: UInt64, _ value: String) { bytesField(field, Array(value.utf8)) }

    mutating func doubleField(_ field: UInt64, _ value: Double) {
        key(field, .fixed64)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
    }

    /// A packed repeated field of unsigned integers, written without an intermediate buffer.
    mutating func packedField(_ field: UInt64, _ values: [UInt32]) {
        var length: UInt64 = 0
        for value in values { length += Self.varintSize(UInt64(value)) }
        key(field, .lengthDelimited)
        varint(length)
        for value in values { varint(UInt64(value)) }
    }

    /// The packed varints of `values`, to write later as a length-delimited field.
    static func packed(_ values: [UInt32]) -> [UInt8] {
        var body = ProtobufWriter()
        for value in values { body.varint(UInt64(value)) }
        return body.bytes
    }

    /// Empties the bytes, keeping their storage, to write the next message.
    mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    /// The bytes of `value` as a varint.
    static func varintSize(_ value: UInt64) -> UInt64 {
        var size: UInt64 = 1, value = value
        while value >= 0x80 { value >>= 7; size += 1 }
        return size
    }

    /// A signed integer as the zigzag encoding writes it: 0, -1, 1, -2 … as 0, 1, 2, 3 …
    static func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }
}
