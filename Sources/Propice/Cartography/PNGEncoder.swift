import PropiceGeometry

/// An 8-bit RGB PNG (ISO/IEC 15948) of pixels laid out as cairo's RGB24 (a native-endian
/// 32-bit word per pixel, 0x00RRGGBB), with its resolution in a `pHYs` chunk so that a
/// layout program places it at its print size.
///
/// The rows are left unfiltered and deflated at zlib's level 1: for a map of flat colours this
/// is about as small as libpng's defaults (adaptive filters, level 6) and several times faster.
enum PNGEncoder {
    static func encode(pixels: UnsafeRawPointer, width: Int, height: Int, stride: Int, dpi: Int) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // Width, height, 8 bits per sample, colour type 2 (RGB), deflate, no filter method, not interlaced.
        append(chunk: "IHDR", bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0], to: &png)
        let perMetre = bigEndian(Int((Double(dpi) / 0.0254).rounded()))
        append(chunk: "pHYs", perMetre + perMetre + [1], to: &png)

        let deflater = Deflater(wrapper: .zlib, level: 1)
        var row = [UInt8](repeating: 0, count: 1 + 3 * width)
        for y in 0..<height {
            let line = pixels + y * stride
            row.withUnsafeMutableBufferPointer { out in
                // out[0] stays 0: filter type None.
                for x in 0..<width {
                    let pixel = line.loadUnaligned(fromByteOffset: 4 * x, as: UInt32.self)
                    out[1 + 3 * x] = UInt8(truncatingIfNeeded: pixel >> 16)
                    out[2 + 3 * x] = UInt8(truncatingIfNeeded: pixel >> 8)
                    out[3 + 3 * x] = UInt8(truncatingIfNeeded: pixel)
                }
            }
            row.withUnsafeBytes { deflater.write($0) }
        }
        append(chunk: "IDAT", deflater.finish(), to: &png)
        append(chunk: "IEND", [], to: &png)
        return png
    }

    /// An 8-bit RGBA PNG of `rgba` (four bytes a pixel, rows from the top, not premultiplied),
    /// for small images such as a style's sprite.
    static func encode(rgba: [UInt8], width: Int, height: Int) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // Colour type 6: RGB with alpha.
        append(chunk: "IHDR", bigEndian(width) + bigEndian(height) + [8, 6, 0, 0, 0], to: &png)
        let deflater = Deflater(wrapper: .zlib, level: 9)
        for y in 0..<height {
            let row = [0] + rgba[(4 * width * y)..<(4 * width * (y + 1))]
            row.withUnsafeBytes { deflater.write($0) }
        }
        append(chunk: "IDAT", deflater.finish(), to: &png)
        append(chunk: "IEND", [], to: &png)
        return png
    }

    /// A chunk: its length, type, data, and the CRC of its type and data.
    private static func append(chunk type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typed = Array(type.utf8) + data
        png += bigEndian(data.count) + typed + bigEndian(Int(typed.withUnsafeBytes { CRC32Checksum.of($0) }))
    }

    /// A 4-byte unsigned integer, most significant byte first (PNG's byte order).
    private static func bigEndian(_ value: Int) -> [UInt8] {
        let word = UInt32(clamping: value)
        return [UInt8(truncatingIfNeeded: word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                UInt8(truncatingIfNeeded: word)]
    }
}
