import Foundation

/// The sprite of the MapLibre style (`sprite.json` and `sprite.png`, and their `@2x` twins for
/// screens of two pixels a CSS pixel): one image, the hatch of *données insuffisantes*, lines
/// at 45° in `LayerSymbology`'s hatch colour on a transparent ground, repeating without a seam.
enum HatchSprite {
    /// The side of the hatch's square, in CSS pixels: the lines' spacing along either axis.
    static let side = 8

    /// The files of the sprite, by name, for pixel ratios 1 and 2.
    static func files() throws -> [(name: String, bytes: [UInt8])] {
        try [1, 2].flatMap { ratio -> [(name: String, bytes: [UInt8])] in
            let base = ratio == 1 ? "sprite" : "sprite@\(ratio)x"
            let size = side * ratio
            struct Entry: Encodable { var width: Int, height: Int, x = 0, y = 0, pixelRatio: Int }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = try encoder.encode([MapLibreStyle.hatchImage: Entry(width: size, height: size, pixelRatio: ratio)])
            return [(base + ".json", Array(json)), (base + ".png", PNGEncoder.encode(rgba: pixels(size: size, ratio: ratio), width: size, height: size))]
        }
    }

    /// The hatch: a pixel is inked when it lies within `ratio` pixels of a line x + y = k·size.
    static func pixels(size: Int, ratio: Int) -> [UInt8] {
        let ink = LayerSymbology.hatchColour
        var rgba = [UInt8](repeating: 0, count: 4 * size * size)
        for y in 0..<size {
            for x in 0..<size where (x + y) % size < ratio {
                rgba.replaceSubrange((4 * (y * size + x))..<(4 * (y * size + x) + 4), with: [ink.red, ink.green, ink.blue, 255])
            }
        }
        return rgba
    }
}
