/// The tile identifiers of PMTiles version 3: the tiles of every lower zoom level counted
/// first, then the tile's position along the level's Hilbert curve.
public enum PMTilesTileID {
    public static func id(zoom: Int, x: Int, y: Int) -> UInt64 {
        var base: UInt64 = 0
        for level in 0..<zoom { base += UInt64(1) << (2 * level) }
        var tx = UInt64(x), ty = UInt64(y), d: UInt64 = 0
        var s = (UInt64(1) << zoom) / 2
        while s > 0 {
            let rx: UInt64 = tx & s > 0 ? 1 : 0, ry: UInt64 = ty & s > 0 ? 1 : 0
            d += s * s * ((3 * rx) ^ ry)
            // Rotates the quadrant: what the Hilbert curve does at each level.
            if ry == 0 {
                if rx == 1 {
                    tx = s &- 1 &- tx
                    ty = s &- 1 &- ty
                }
                swap(&tx, &ty)
            }
            tx &= s &- 1
            ty &= s &- 1
            s /= 2
        }
        return base + d
    }
}
