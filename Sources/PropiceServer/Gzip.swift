import PropiceGeometry

/// gzip (RFC 1952) through zlib, for responses sent to clients that accept it.
enum Gzip {
    /// `bytes` gzip-compressed at zlib's level 6; the same bytes give the same output.
    static func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        Deflater.compress(bytes, wrapper: .gzip, level: 6)
    }
}
