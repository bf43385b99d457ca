import PropiceGeometry

/// How one published layer is drawn, in every client that draws it: the QGIS style (QML), its
/// SLD twin, the QGIS project and the print maps all read this, and it is made from the same
/// `Legend` as the map page, so that the classes and colours are defined once.
public struct LayerSymbology: Sendable, Equatable {
    /// A polygon's fill (none when nil), outline (width in millimetres), and an optional hatch
    /// drawn over the fill.
    public struct Symbol: Sendable, Equatable {
        public var fill: RGBColour?
        public var outline: RGBColour
        public var outlineWidth: Double
        public var hatch: RGBColour?
    }

    /// A literal a category's condition compares a property with.
    public enum Literal: Sendable, Equatable {
        case text(String)
        case integer(Int)
    }

    /// One class of the legend: the value of the renderer's expression that selects it, its
    /// label (with its count), its symbol, and the same selection as property equalities
    /// (all must hold), for clients without QGIS's expressions (SLD, the print maps).
    public struct Category: Sendable, Equatable {
        public var value: String
        public var label: String
        public var symbol: Symbol
        public var conditions: [Condition]
        public var count: Int
    }

    public struct Condition: Sendable, Equatable {
        public var property: String
        public var literal: Literal
    }

    public enum Renderer: Sendable, Equatable {
        /// Features drawn by the category their `expression` (a QGIS expression) selects.
        case categorised(expression: String, categories: [Category])
        case single(Symbol)
    }

    public var title: String
    public var renderer: Renderer

    /// The QGIS expression of a model layer's categories: the class number for a scored EPCI,
    /// else its status (`donnees_insuffisantes`, `hors_criteres`).
    static let classExpression = #"CASE WHEN "statut" = 'note' THEN to_string("classe") ELSE "statut" END"#

    static let classOutline = RGBColour.white
    static let hatchColour = RGBColour(red: 82, green: 82, blue: 82)

    /// A model's EPCI layer: its classes, then *données insuffisantes* (hatched grey) and
    /// *hors critères* (light grey), each with its count.
    public static func classes(_ model: Legend.Model) -> LayerSymbology {
        func symbol(_ entry: Legend.Entry) -> Symbol {
            Symbol(fill: RGBColour(hex: entry.colour) ?? hatchColour, outline: classOutline, outlineWidth: 0.15,
                   hatch: entry.pattern == nil ? nil : hatchColour)
        }
        func label(_ entry: Legend.Entry) -> String { entry.label.prefix(1).uppercased() + entry.label.dropFirst() + " (\(entry.count))" }
        var categories = model.classes.map { entry in
            let k = entry.classe ?? 0
            return Category(value: String(k), label: label(entry), symbol: symbol(entry),
                            conditions: [Condition(property: "statut", literal: .text(ScoreOutcome.scored.rawValue)),
                                         Condition(property: "classe", literal: .integer(k))], count: entry.count)
        }
        for (entry, outcome) in [(model.insufficient, ScoreOutcome.insufficient), (model.excluded, .excluded)] {
            categories.append(Category(value: outcome.rawValue, label: label(entry), symbol: symbol(entry),
                                       conditions: [Condition(property: "statut", literal: .text(outcome.rawValue))], count: entry.count))
        }
        return LayerSymbology(title: model.title, renderer: .categorised(expression: classExpression, categories: categories))
    }

    /// The communes: thin grey borders, no fill.
    public static let communes = LayerSymbology(
        title: "Communes", renderer: .single(Symbol(fill: nil, outline: RGBColour(red: 150, green: 150, blue: 150), outlineWidth: 0.1, hatch: nil)))

    /// A département's outline: bold, dark, no fill.
    public static let departementOutline = Symbol(fill: nil, outline: RGBColour(red: 37, green: 37, blue: 37), outlineWidth: 0.6, hatch: nil)

    /// The départements, drawn with `departementOutline`.
    public static let departements = LayerSymbology(title: "Départements", renderer: .single(departementOutline))
}

extension LayerSymbology {
    /// The category whose conditions a feature's properties meet, if any.
    func category(of properties: Properties) -> Category? {
        guard case .categorised(_, let categories) = renderer else { return nil }
        return categories.first { category in
            category.conditions.allSatisfy { condition in
                switch (condition.literal, properties[condition.property]) {
                case (.text(let text), .string(let value)?): value == text
                case (.integer(let k), .integer(let value)?): Int64(k) == value
                default: false
                }
            }
        }
    }

    /// The symbol a feature is drawn with; nil when no category takes it.
    func symbol(of properties: Properties) -> Symbol? {
        switch renderer {
        case .single(let symbol): symbol
        case .categorised: category(of: properties)?.symbol
        }
    }
}
