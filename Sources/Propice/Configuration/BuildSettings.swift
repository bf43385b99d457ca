import PropiceGeometry

/// The `build:` section of a project configuration: what `propice build` writes, and where.
///
/// ```yaml
/// build:
///   output: ../output/occitanie
///   formats: [geojson, topojson, gpkg, csv, html, qgis, pdf, svg, png]
///   precision: 6
///   work_crs: EPSG:2154
///   map_crs: EPSG:2154       # the GeoPackage's, the QGIS project's and the print maps'; work_crs by default
///   dpi: 300                 # the print maps' PNG
///   bands:
///     - {name: 100m, tolerance: 100, zoom: [9, 18]}
///     - {name: 1000m, tolerance: 1000, zoom: [0, 8]}
///   publish: {to: "postgresql://sig.dreal.local/referentiel", schema: propice}   # see PublishSettings
///   tiles: {zoom: [0, 12]}   # see TileSettings
/// ```
public struct BuildSettings: Sendable, Decodable {
    /// An output format of `propice build`.
    public enum Format: String, Sendable, Decodable, CaseIterable {
        case geojson, topojson, gpkg, csv, html
        /// `propice.qgz`, the QGIS project (reads `propice.gpkg`).
        case qgis
        /// The print maps, `cartes/<programme>.pdf`, `.svg` and `.png`.
        case pdf, svg, png
        /// `propice.pmtiles`, the vector tiles of every layer.
        case tiles

        /// Every format but `tiles`, which web-map pipelines ask for.
        public static let defaults = allCases.filter { $0 != .tiles }

        /// The formats drawn in the map CRS rather than WGS 84.
        public var isDrawnInMapCRS: Bool { isPrinted || [.gpkg, .qgis].contains(self) }
        /// The print maps' formats (`cartes/`).
        public var isPrinted: Bool { [.pdf, .svg, .png].contains(self) }
    }

    /// The output folder, absolute once loaded; `output/<configuration name>` beside the working folder by default.
    public var output: String?
    public var formats: [Format]
    /// Decimals of the WGS 84 coordinates (6: about 10 cm).
    public var precision: Int
    /// The metric CRS the borders are simplified in.
    public var workCRS: CRS
    /// The CRS of the GeoPackage, the QGIS project and the print maps: the work CRS unless given.
    public var mapCRS: CRS
    /// The resolution of the print maps' PNG, in dots per inch.
    public var dpi: Int
    /// One simplification per zoom band, from the most detailed.
    public var bands: [ZoomBand]
    /// The PostGIS database the build is published into at its end; none by default.
    public var publish: PublishSettings?
    /// The vector tiles, when `formats` has `tiles`.
    public var tiles: TileSettings

    enum CodingKeys: String, CodingKey, CaseIterable {
        case output, formats, precision, bands, dpi, publish, tiles
        case workCRS = "work_crs", mapCRS = "map_crs"
    }

    /// The bounds of `dpi`: from screen to fine print (an A4 page at 600 dpi is 35 million pixels).
    public static let dpiRange = 72...600

    public init() {
        formats = Format.defaults
        precision = 6
        workCRS = .lambert93
        mapCRS = .lambert93
        dpi = 300
        bands = [ZoomBand(name: "100m", tolerance: 100, zoom: 9...18), ZoomBand(name: "1000m", tolerance: 1000, zoom: 0...8)]
        tiles = TileSettings()
    }

    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        output = try c.decodeIfPresent(String.self, forKey: .output)
        formats = try c.decodeIfPresent([Format].self, forKey: .formats) ?? formats
        if let twice = formats.enumerated().first(where: { i, format in formats[..<i].contains(format) })?.element {
            throw DecodingError.dataCorruptedError(forKey: .formats, in: c, debugDescription: "each format once: \(twice.rawValue) is listed twice")
        }
        precision = try c.decodeIfPresent(Int.self, forKey: .precision) ?? precision
        guard (1...9).contains(precision) else {
            throw DecodingError.dataCorruptedError(forKey: .precision, in: c, debugDescription: "between 1 and 9 decimals, not \(precision)")
        }
        if let name = try c.decodeIfPresent(String.self, forKey: .workCRS) {
            guard let crs = CRS(name: name) else {
                throw DecodingError.dataCorruptedError(forKey: .workCRS, in: c, debugDescription: "'\(name)' is not a CRS name such as EPSG:2154")
            }
            workCRS = crs
        }
        mapCRS = workCRS
        if let name = try c.decodeIfPresent(String.self, forKey: .mapCRS) {
            guard let crs = CRS(name: name) else {
                throw DecodingError.dataCorruptedError(forKey: .mapCRS, in: c, debugDescription: "'\(name)' is not a CRS name such as EPSG:2154")
            }
            mapCRS = crs
        }
        dpi = try c.decodeIfPresent(Int.self, forKey: .dpi) ?? dpi
        guard Self.dpiRange.contains(dpi) else {
            throw DecodingError.dataCorruptedError(forKey: .dpi, in: c, debugDescription: "from \(Self.dpiRange.lowerBound) to \(Self.dpiRange.upperBound) dots per inch, not \(dpi)")
        }
        if formats.contains(.qgis), !formats.contains(.gpkg) {
            throw DecodingError.dataCorruptedError(forKey: .formats, in: c, debugDescription: "the QGIS project (qgis) reads propice.gpkg: add gpkg to the formats")
        }
        bands = try c.decodeIfPresent([ZoomBand].self, forKey: .bands) ?? bands
        publish = try c.decodeIfPresent(PublishSettings.self, forKey: .publish)
        tiles = try c.decodeIfPresent(TileSettings.self, forKey: .tiles) ?? tiles
        if publish != nil, !formats.contains(.gpkg) || !formats.contains(.csv) {
            throw DecodingError.dataCorruptedError(forKey: .formats, in: c, debugDescription: "publish reads propice.gpkg and the CSV tables: add gpkg and csv to the formats")
        }
        guard !bands.isEmpty, Set(bands.map(\.name)).count == bands.count else {
            throw DecodingError.dataCorruptedError(forKey: .bands, in: c, debugDescription: "at least one band, each with its own name")
        }
    }
}

/// The borders of one range of map zooms: simplified at `tolerance` metres (none when 0).
public struct ZoomBand: Sendable, Decodable, Equatable {
    /// The suffix of the band's layers (`epci_iml_100m`).
    public var name: String
    public var tolerance: Double
    /// The web-map zoom levels the band is drawn at.
    public var zoom: ClosedRange<Int>

    enum CodingKeys: String, CodingKey, CaseIterable { case name, tolerance, zoom }

    /// The coarsest simplification, in metres.
    public static let maximumTolerance = 100_000.0
    /// The deepest web-map zoom level.
    public static let maximumZoom = 24

    public init(name: String, tolerance: Double, zoom: ClosedRange<Int>) {
        self.name = name
        self.tolerance = tolerance
        self.zoom = zoom
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tolerance = try c.decode(Double.self, forKey: .tolerance)
        guard (0...Self.maximumTolerance).contains(tolerance) else {
            throw DecodingError.dataCorruptedError(forKey: .tolerance, in: c,
                                                   debugDescription: "a tolerance in metres, from 0 to \(Int(Self.maximumTolerance)) (the width of a région)")
        }
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "\(Int(tolerance.rounded(.down)))m"
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw DecodingError.dataCorruptedError(forKey: .name, in: c, debugDescription: "a name of ASCII letters, digits and _, not '\(name)'")
        }
        let levels = try c.decodeIfPresent([Int].self, forKey: .zoom) ?? [0, 20]
        guard levels.count == 2, levels[0] <= levels[1], levels[0] >= 0, levels[1] <= Self.maximumZoom else {
            throw DecodingError.dataCorruptedError(forKey: .zoom, in: c, debugDescription: "[lowest, highest] zoom levels, from 0 to \(Self.maximumZoom)")
        }
        zoom = levels[0]...levels[1]
    }

    /// The simplification of the band's borders: Visvalingam, keeping every shape.
    public var simplification: SimplificationOptions? {
        tolerance > 0 ? SimplificationOptions(amount: .tolerance(tolerance)) : nil
    }
}
