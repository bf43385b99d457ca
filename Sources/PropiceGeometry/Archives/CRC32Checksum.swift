import CGzip

/// The CRC-32 of ISO 3309 and ITU-T V.42, which PNG chunks, gzip and zip carry, through zlib.
public enum CRC32Checksum {
    /// The CRC of `bytes` continuing from `crc`, the CRC of the bytes before them (0 for none).
    public static func of(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var crc = uLong(crc)
        var rest = bytes
        while !rest.isEmpty {
            let slice = min(rest.count, Int(UInt32.max >> 1))
            crc = crc32(crc, rest.baseAddress?.assumingMemoryBound(to: UInt8.self), uInt(slice))
            rest = UnsafeRawBufferPointer(rebasing: rest[slice...])
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
