/// A coordinate reference system named by its EPSG code.
///
/// Geographic CRS keep propice's longitude, latitude order whatever the EPSG axis order.
public struct CRS: Hashable, Sendable, CustomStringConvertible {
    public let epsg: Int

    public init(epsg: Int) {
        self.epsg = epsg
    }

    /// WGS 84 longitude/latitude, the CRS of RFC 7946 GeoJSON.
    public static let wgs84 = CRS(epsg: 4326)
    /// RGF93 v1 / Lambert-93, the metric CRS of metropolitan France.
    public static let lambert93 = CRS(epsg: 2154)

    public var description: String { "EPSG:\(epsg)" }

    /// Reads the names producers write: `EPSG:2154`, `urn:ogc:def:crs:EPSG::2154`,
    /// `urn:ogc:def:crs:EPSG:6.6:2154`, `http://www.opengis.net/def/crs/EPSG/0/2154`, and
    /// `urn:ogc:def:crs:OGC:1.3:CRS84` or `OGC:CRS84` for WGS 84 longitude/latitude.
    /// Returns nil for a name that is none of these.
    public init?(name: String) {
        let upper = name.trimmingWhitespace.uppercased()
        if upper == "URN:OGC:DEF:CRS:OGC:1.3:CRS84" || upper == "OGC:CRS84" || upper == "CRS84"
            || upper == "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84" {
            self = .wgs84
            return
        }
        let code: Substring
        if upper.hasPrefix("EPSG:") {
            code = upper.dropFirst(5)
        } else if upper.hasPrefix("URN:OGC:DEF:CRS:EPSG:"), let colon = upper.lastIndex(of: ":") {
            code = upper[upper.index(after: colon)...]
        } else if upper.hasPrefix("HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/"), let slash = upper.lastIndex(of: "/") {
            code = upper[upper.index(after: slash)...]
        } else {
            return nil
        }
        guard !code.isEmpty, code.utf8.allSatisfy({ $0 &- 0x30 < 10 }), let value = Int(code), value > 0 else { return nil }
        self.init(epsg: value)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
