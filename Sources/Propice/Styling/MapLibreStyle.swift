import Foundation

/// A MapLibre GL style (style specification version 8) of the vector tiles, made from the same
/// `LayerSymbology` as the QGIS styles and the print maps: for each category of a layer, a
/// fill layer filtered on the category's conditions, a `fill-pattern` layer over it for the
/// hatch of *données insuffisantes*, and a line layer for its outline. Only the first model's
/// layers are visible; the others are there to be switched on (`visibility`).
public struct MapLibreStyle: Encodable, Sendable {
    /// A JSON value of the style: a literal, or an expression written as an array.
    public indirect enum Value: Encodable, Sendable, Equatable {
        case text(String)
        case number(Double)
        case integer(Int)
        case list([Value])

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let text): try c.encode(text)
            case .number(let number): try c.encode(number)
            case .integer(let integer): try c.encode(integer)
            case .list(let list): try c.encode(list)
            }
        }
    }

    /// The archive, as `pmtiles://…` (`propice serve` gives the same style with its own tiles).
    public struct Source: Encodable, Sendable {
        public var type = "vector"
        public var url: String
        public var attribution: String
    }

    public struct Layer: Encodable, Sendable {
        public var id: String
        public var type: String
        public var source: String?
        public var sourceLayer: String?
        public var minzoom: Int?
        public var filter: Value?
        public var layout: [String: Value]?
        public var paint: [String: Value]
        /// The legend's label of what the layer draws, and the model it belongs to.
        public var metadata: [String: String]?

        enum CodingKeys: String, CodingKey {
            case id, type, source, sourceLayer = "source-layer", minzoom, filter, layout, paint, metadata
        }
    }

    public var version = 8
    public var name: String
    public var metadata: [String: String]
    public var sources: [String: Source]
    public var sprite: String
    public var layers: [Layer]

    /// The name of the style's only source.
    public static let sourceName = "propice"
    /// The sprite's image of the hatch.
    public static let hatchImage = "hachures"
    /// Pixels of a screen (CSS pixels, 96 to the inch) in a millimetre of the symbols' widths.
    static let pixelsPerMillimetre = 96 / 25.4

    /// A style of `epci` (each model's tile layer and its symbology, the first visible), the
    /// communes (drawn from `communesMinZoom`) and the départements, over a plain background.
    public init(name: String, notice: String?, source: Source, sprite: String,
                epci: [(layer: String, model: String, symbology: LayerSymbology)],
                communes: (layer: String, symbology: LayerSymbology), communesMinZoom: Int,
                departements: (layer: String, symbology: LayerSymbology)) {
        self.name = name
        metadata = notice.map { ["propice:avertissement": $0] } ?? [:]
        sources = [Self.sourceName: source]
        self.sprite = sprite
        layers = [Layer(id: "fond", type: "background", paint: ["background-color": .text("#ffffff")])]
        for (i, layer) in epci.enumerated() {
            layers += Self.layers(of: layer.symbology, sourceLayer: layer.layer, model: layer.model, visible: i == 0)
        }
        layers += Self.layers(of: communes.symbology, sourceLayer: communes.layer, minzoom: communesMinZoom)
        layers += Self.layers(of: departements.symbology, sourceLayer: departements.layer)
    }

    /// The properties the style's filters read, by tile layer: the tiles must keep them.
    public static func filteredProperties(_ symbology: LayerSymbology) -> [String] {
        guard case .categorised(_, let categories) = symbology.renderer else { return [] }
        var names: [String] = []
        for condition in categories.flatMap(\.conditions) where !names.contains(condition.property) { names.append(condition.property) }
        return names
    }

    /// The fill, hatch and outline layers of each category (or of the single symbol).
    static func layers(of symbology: LayerSymbology, sourceLayer: String, model: String? = nil, visible: Bool = true,
                       minzoom: Int? = nil) -> [Layer] {
        let drawn: [(key: String, label: String, filter: Value?, symbol: LayerSymbology.Symbol)] = switch symbology.renderer {
        case .single(let symbol): [("", symbology.title, nil, symbol)]
        case .categorised(_, let categories): categories.map { ("/" + $0.value, $0.label, filter($0.conditions), $0.symbol) }
        }
        let layout: [String: Value] = ["visibility": .text(visible ? "visible" : "none")]
        var layers: [Layer] = []
        for (key, label, filter, symbol) in drawn {
            var metadata = ["propice:libelle": label]
            if let model { metadata["propice:modele"] = model }
            func layer(_ suffix: String, _ type: String, _ paint: [String: Value]) -> Layer {
                Layer(id: sourceLayer + key + suffix, type: type, source: sourceName, sourceLayer: sourceLayer, minzoom: minzoom,
                      filter: filter, layout: layout, paint: paint, metadata: metadata)
            }
            if let fill = symbol.fill { layers.append(layer("", "fill", ["fill-color": .text(fill.hex)])) }
            if symbol.hatch != nil { layers.append(layer("/hachures", "fill", ["fill-pattern": .text(hatchImage)])) }
            layers.append(layer("/contour", "line", ["line-color": .text(symbol.outline.hex),
                                                      "line-width": .number(width(symbol.outlineWidth))]))
        }
        return layers
    }

    /// A line's width in screen pixels, from millimetres, to a hundredth.
    static func width(_ millimetres: Double) -> Double { (millimetres * pixelsPerMillimetre * 100).rounded() / 100 }

    /// The conditions as one expression: all must hold.
    static func filter(_ conditions: [LayerSymbology.Condition]) -> Value {
        let tests = conditions.map { condition -> Value in
            let literal: Value = switch condition.literal {
            case .text(let text): .text(text)
            case .integer(let k): .integer(k)
            }
            return .list([.text("=="), .list([.text("get"), .text(condition.property)]), literal])
        }
        return tests.count == 1 ? tests[0] : .list([.text("all")] + tests)
    }

    /// The style as JSON, its keys sorted, the same bytes for the same style.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
