import Foundation
import PropiceGeometry

/// The `tiles:` of a configuration's `build:` section: the vector tiles (`propice.pmtiles`)
/// the `tiles` format writes, and what they hold.
///
/// ```yaml
/// build:
///   tiles:
///     zoom: [0, 12]          # the zoom levels tiled
///     extent: 4096           # units a tile side
///     buffer: 64             # units drawn beyond each side
///     tolerance: 1           # the borders' simplification, in pixels of a 256-pixel tile
///     communes_minzoom: 6    # the lowest zoom level the communes are tiled at
///     url: https://cartes.example.fr/propice/   # where the folder is published, for style.json
///     attributes:            # the properties kept, by layer; the others stay in the API
///       epci: [code_epci, nom_epci, score, classe, classe_libelle, statut, donnees_synthetiques]
///       communes: [code_commune, nom_commune, code_epci]
///       departements: [code_departement, nom_departement]
/// ```
public struct TileSettings: Sendable, Decodable, Equatable {
    /// The properties each layer keeps in the tiles.
    public struct Attributes: Sendable, Decodable, Equatable {
        /// Of every model's EPCI layer.
        public var epci: [String]
        public var communes: [String]
        public var departements: [String]

        enum CodingKeys: String, CodingKey, CaseIterable { case epci, communes, departements }

        public init(epci: [String] = ["code_epci", "nom_epci", "score", "classe", "classe_libelle", "statut", "donnees_synthetiques"],
                    communes: [String] = ["code_commune", "nom_commune", "code_epci"],
                    departements: [String] = ["code_departement", "nom_departement"]) {
            self.epci = epci
            self.communes = communes
            self.departements = departements
        }

        public init(from decoder: Decoder) throws {
            self.init()
            let c = try decoder.container(keyedBy: CodingKeys.self)
            epci = try c.decodeIfPresent([String].self, forKey: .epci) ?? epci
            communes = try c.decodeIfPresent([String].self, forKey: .communes) ?? communes
            departements = try c.decodeIfPresent([String].self, forKey: .departements) ?? departements
        }
    }

    public var zoom: ClosedRange<Int>
    public var extent: Int
    public var buffer: Int
    /// Pixels of a 256-pixel tile.
    public var tolerance: Double
    public var attributes: Attributes
    /// The lowest zoom level of the communes' layer: below it, a commune is a few pixels.
    public var communesMinZoom: Int
    /// The public address of the built folder, ending with `/`, which `style.json` names the
    /// archive and the sprite by (MapLibre wants absolute addresses); nil for relative ones.
    public var url: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case zoom, extent, buffer, tolerance, attributes, communesMinZoom = "communes_minzoom", url
    }

    /// The extents a tile may have: those MapLibre and the specification's readers expect.
    public static let extents = [256, 512, 1024, 2048, 4096, 8192]

    public init() {
        zoom = 0...12
        extent = 4096
        buffer = 64
        tolerance = 1
        attributes = Attributes()
        communesMinZoom = 6
    }

    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let levels = try c.decodeIfPresent([Int].self, forKey: .zoom) {
            guard levels.count == 2, levels[0] >= 0, levels[0] <= levels[1], levels[1] <= TileGrid.maximumZoom else {
                throw DecodingError.dataCorruptedError(forKey: .zoom, in: c, debugDescription: "[lowest, highest] zoom levels, from 0 to \(TileGrid.maximumZoom)")
            }
            zoom = levels[0]...levels[1]
        }
        extent = try c.decodeIfPresent(Int.self, forKey: .extent) ?? extent
        guard Self.extents.contains(extent) else {
            throw DecodingError.dataCorruptedError(forKey: .extent, in: c, debugDescription: "one of \(Self.extents.map(String.init).joined(separator: ", ")), not \(extent)")
        }
        buffer = try c.decodeIfPresent(Int.self, forKey: .buffer) ?? buffer
        guard (0...(extent / 2)).contains(buffer) else {
            throw DecodingError.dataCorruptedError(forKey: .buffer, in: c, debugDescription: "from 0 to half the extent (\(extent / 2)) units, not \(buffer)")
        }
        tolerance = try c.decodeIfPresent(Double.self, forKey: .tolerance) ?? tolerance
        guard tolerance.isFinite, (0...16).contains(tolerance) else {
            throw DecodingError.dataCorruptedError(forKey: .tolerance, in: c, debugDescription: "from 0 to 16 pixels, not \(tolerance)")
        }
        attributes = try c.decodeIfPresent(Attributes.self, forKey: .attributes) ?? attributes
        communesMinZoom = try c.decodeIfPresent(Int.self, forKey: .communesMinZoom) ?? communesMinZoom
        guard (0...TileGrid.maximumZoom).contains(communesMinZoom) else {
            throw DecodingError.dataCorruptedError(forKey: .communesMinZoom, in: c, debugDescription: "a zoom level from 0 to \(TileGrid.maximumZoom), not \(communesMinZoom)")
        }
        if let address = try c.decodeIfPresent(String.self, forKey: .url) {
            if let problem = Self.addressProblem(address) {
                throw DecodingError.dataCorruptedError(forKey: .url, in: c, debugDescription: problem)
            }
            url = address.hasSuffix("/") ? address : address + "/"
        }
    }

    /// Why `address` cannot be the folder's public address, if it cannot: it must be an
    /// absolute http or https URL with a host, no query, fragment, space or quote.
    static func addressProblem(_ address: String) -> String? {
        guard let parts = URLComponents(string: address), let scheme = parts.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parts.host, !host.isEmpty else {
            return "an absolute http or https address, such as https://cartes.example.fr/propice/, not '\(address.prefix(80))'"
        }
        guard parts.query == nil, parts.fragment == nil, !address.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\\" }) else {
            return "the folder's address, without query, fragment, space or quote, not '\(address.prefix(80))'"
        }
        return nil
    }

    /// The borders' simplification at `zoom`, in metres on the ground at `latitude`: `tolerance`
    /// pixels of a 256-pixel Web Mercator tile.
    public func toleranceMetres(zoom: Int, latitude: Double) -> Double {
        let equator = 40_075_016.685_578_5
        return tolerance * equator / Double(256 << zoom) * cos(latitude * .pi / 180)
    }
}
